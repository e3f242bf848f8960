"""`aiaudit report` on a ledger of 1,000,000 audit records (333,334 generations x log/prompt/image).

Builds the ledger through the real path (Generation -> build_records -> chained rows, executemany in
large transactions), then times the 30-day report with the 30-day window holding every record (the
worst case), the 7-day report, and, as the bare baseline, one full scan of the table.
Target: the 30-day report under 2 seconds.

    .venv/bin/python benchmarks/report.py [--records 1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from otel_aiaudit.generation import Actor, Decision, Generation, Hit, Image
from otel_aiaudit.ledger.chain import split
from otel_aiaudit.ledger.report import build_report
from otel_aiaudit.ledger.store import Ledger
from otel_aiaudit.telemetry.audit_log import build_records
from otel_aiaudit.telemetry.capture import PromptCapture

DAY = 86_400.0
MODELS = [
    ("openai", "gpt-image-1", 0.042),
    ("openai", "dall-e-3", 0.08),
    ("gcp.gemini", "imagen-4", 0.04),
    ("replicate", "flux-schnell", 0.003),
    ("fal", "flux-dev", 0.025),
    ("aws.bedrock", "nova-canvas", 0.04),
]
HITS = [Hit("content", "violence", "block"), Hit("pii", "email", "redact"), Hit("copyright", "artist", "warn")]


def generations(n: int, now: float, span_days: float, rng: random.Random):  # noqa: ANN201
    for i in range(n):
        provider, model, price = MODELS[rng.randrange(len(MODELS))]
        user = f"user{rng.randrange(2000):04d}"
        gen = Generation(
            provider=provider,
            model=model,
            prompt=f"product photo {i}, white background",
            actor=Actor(user=user, team=f"team{hash(user) % 40:02d}"),
        )
        gen.ended_at = now - span_days * DAY * (n - i) / n  # in time order, like a real ledger
        gen.started_at = gen.ended_at - 8.0
        gen.prompt_hash = "sha256:" + "0" * 64
        roll = rng.random()
        if roll < 0.01:
            gen.status, gen.decision = "blocked", Decision("block", [HITS[0]])
        elif roll < 0.015:
            gen.status, gen.error_type = "error", "APIConnectionError"
        else:
            gen.status = "success"
            k = 1 + (rng.random() < 0.1)
            gen.images = [Image(hash=f"sha256:{i:064x}", mime_type="image/png") for _ in range(k)]
            gen.cost_usd = price * k * (5 if rng.random() < 0.002 else 1)  # a few anomalies
            if rng.random() < 0.03:
                gen.decision = Decision("modify", [HITS[1 + (i % 2)]])
        yield gen


def build(path: Path, n_records: int, span_days: float) -> float:
    ledger = Ledger(path, synchronous="OFF")  # bulk load only; the sink writes with synchronous=FULL
    capture = PromptCapture("hash")
    rng = random.Random(7)
    now = time.time()
    t0 = time.perf_counter()
    batch = []
    for gen in generations((n_records + 2) // 3, now, span_days, rng):
        batch += [split(r) for r in build_records(gen, capture, None, None)]
        if len(batch) >= 60_000:
            ledger.append_rows(batch)
            batch = []
    ledger.append_rows(batch)
    ledger.conn().execute("ANALYZE")
    ledger.close()
    return time.perf_counter() - t0


def timed(fn, repeat: int = 5) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path, default=None, help="Build (or reuse) the ledger in this directory.")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="aiaudit-bench-"))
    path = work / "ledger.db"
    try:
        if not path.exists():
            took = build(path, args.records, span_days=29.5)
            print(f"built {args.records:,} records in {took:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
        ledger = Ledger(path)
        count = ledger.count()
        now = time.time()
        scan = timed(lambda: ledger.conn().execute("SELECT SUM(length(body)) FROM records").fetchone(), 3)
        r30 = timed(lambda: build_report(ledger, since=now - 30 * DAY, until=now))
        r7 = timed(lambda: build_report(ledger, since=now - 7 * DAY, until=now))
        rep = build_report(ledger, since=now - 30 * DAY, until=now)
        print(
            f"ledger: {count:,} records; 30-day window: {rep.generations:,} generations, "
            f"${rep.total_spend_usd:,.2f}, {rep.images:,} images, {rep.blocked:,} blocked"
        )
        print(f"baseline, one full scan of the table:   {scan * 1000:8.1f} ms")
        print(f"report --since 30d (every record in it): {r30 * 1000:8.1f} ms  (target < 2000 ms)")
        print(f"report --since 7d:                       {r7 * 1000:8.1f} ms")
        print("PASS" if r30 < 2.0 else "FAIL: the 30-day report took longer than 2 s")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
