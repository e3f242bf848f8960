"""Instructions each mode adds per `images.generate` call, counted by callgrind in ONE process.

Instruction counts do not move with the load of a shared machine, where overhead.py's wall times
do. Every mode runs in the same process under `valgrind --tool=callgrind`, one segment after the
other, each segment bracketed by zero and dump of callgrind's counters (see callgrind_marks.py for
how Python reaches them, and its fallback). A segment is: the mode switched on, warm-up calls,
exports flushed, ZERO, N calls, exports flushed again (span and log batch processors, metric
collection: batch export work is counted in its segment), DUMP, the mode switched off. Start-up,
imports and instrument() are never counted, and nothing has to be subtracted between processes.

Modes, sync calls, each preceded by its own bare segment (the uninstrumented client) so that what
a mode adds is its dump minus the bare dump just before it:

- otel-aiaudit: instrumented as shipped, the local ledger ON at its default synchronous level
  (a file in a temporary folder, beside the store);
- ours, no ledger: the same with OTEL_AIAUDIT_LEDGER=off: the difference is the ledger's share;
- sdk floor: the same SDK objects made directly on the SDK around the real call (one span with the
  same attributes, the one log record with the same body and attributes, the same metric
  measurements, copied from one instrumented call): what any instrumentation emitting them pays;
- openinference: OpenInference's OpenAI instrumentation (the peer: one span per request), when the
  `bench` extra installed it.

Two responses: the loopback server's small solid-colour image, and a ~1 MB PNG of random pixels
(loopback_png.py), both as b64_json. The loopback server runs natively in its own process; the
SDK pipeline is batch processors with in-memory exporters.

Lumps. SQLite checkpoints the ledger's WAL about every thousand pages (a few hundred generations), and
the SDK's batch threads wake on wall-clock timers that valgrind stretches: a segment of a few dozen
calls may or may not hold one of those, so the ledger's figure moves by a few hundred thousand
instructions between short runs. More calls per segment average them in at their real rate.

Afterwards, `callgrind_annotate` on the otel-aiaudit and bare dumps gives, per C function, what
our mode adds per call (Python code shows up as the interpreter's functions; SQLite, SHA-256 and
base64 as their own).

    python benchmarks/instructions.py                      # ~10 min on one core; needs valgrind
    python benchmarks/instructions.py --calls 200 --calls-large 50 --top 25
    python benchmarks/instructions.py --keep DIR           # keep the dumps (callgrind_annotate DIR/cg.out.N)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
# The repository root replaces this folder on the path (benchmarks/c2pa.py would otherwise shadow the
# c2pa package); this folder's modules are imported as `benchmarks.<name>`.
sys.path[0] = os.path.dirname(HERE)

from benchmarks.callgrind_marks import run_counted, summary  # noqa: E402

OURS, NO_LEDGER, FLOOR, PEER = "otel-aiaudit", "ours, no ledger", "sdk floor", "openinference"
SIZES = (("small", 0), ("1 MB", 1_000_000))
TARGETS = {"small": 1.15, "1 MB": 2.0}  # ours / peer, from the issue
KWARGS = dict(model="gpt-image-2", prompt="a lighthouse on a cliff at dusk, oil painting", quality="low")


# ---------------------------------------------------------------------------------- measured process
def child(calls: dict[str, int], warm: int, out: str) -> None:
    """All segments, in the process callgrind counts. Writes the segments' order to `out`."""
    work = tempfile.mkdtemp(prefix="aiaudit-instr-")
    os.environ["OTEL_AIAUDIT_STORE"] = f"sqlite:///{work}/store.db"
    os.environ["OTEL_AIAUDIT_LEDGER"] = "default"  # beside the store, at the default sync level
    os.environ.pop("OTEL_AIAUDIT_LEDGER_SYNC", None)

    import openai

    from benchmarks.callgrind_marks import Marks
    from benchmarks.overhead import (
        AIAuditInstrumentor,
        Mode,
        floor_mode,
        peer_mode,
        providers_and_exporters,
        sample_generation,
    )

    marks = Marks()
    (tp, mp, lp), exporters = providers_and_exporters()
    spans, logs, _ = exporters
    inst = AIAuditInstrumentor()
    segments: list[dict] = []

    def flush() -> None:
        tp.force_flush()
        lp.force_flush()
        mp.force_flush()

    for size, png_bytes in SIZES:
        server = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "loopback_png.py"), "--png-bytes", str(png_bytes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        client = openai.OpenAI(base_url=f"{url}/v1", api_key="sk-bench", max_retries=0)

        def call(client: openai.OpenAI = client) -> float:
            client.images.generate(**KWARGS)
            return 0.0

        for _ in range(warm):  # connection pool, imports, the client's caches
            call()
        sample = sample_generation(inst, (tp, mp, lp), exporters, call)

        def ours(**extra: str) -> Mode:
            on = lambda: inst.instrument(tracer_provider=tp, meter_provider=mp, logger_provider=lp, **extra)  # noqa: E731
            return Mode(OURS if not extra else NO_LEDGER, on, inst.uninstrument)

        modes = [ours(), ours(ledger="off"), floor_mode(tp, mp, lp, sample), peer_mode(tp)]
        for mode in (m for m in modes if m is not None):
            for m in (Mode("bare"), mode):
                if m.on is not None:
                    m.on()
                for _ in range(warm):
                    call()
                flush()
                label = f"{size}/{m.name}"
                marks.zero()
                for _ in range(calls[size]):
                    call()
                flush()
                marks.dump(label)
                if m.off is not None:
                    m.off()
                spans.clear()
                logs.clear()
                segments.append({"size": size, "mode": m.name, "calls": calls[size], "label": label})
        server.terminate()
    with open(out, "w") as f:
        json.dump({"segments": segments, "labelled": marks.labelled}, f)


# ---------------------------------------------------------------------------------- reading the dumps
_ANNOTATED = re.compile(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.+)$")


def per_function(path: str) -> dict[str, int]:
    """Exclusive instructions per C function (inlined parts folded into their function), keyed
    `function [library]`. A dump taken mid-run lists the frames still active at the dump (main, the
    interpreter's entry points, the shim) with the whole segment's cost: those are left out."""
    text = subprocess.run(
        ["callgrind_annotate", "--auto=no", "--threshold=100", path], capture_output=True, text=True, check=True
    ).stdout
    total, _ = summary(path)
    costs: dict[str, int] = defaultdict(int)
    for line in text.splitlines():
        found = _ANNOTATED.match(line)
        if found is None or "PROGRAM TOTALS" in line:
            continue
        value = int(found.group(1).replace(",", ""))
        if value >= 0.9 * total:
            continue
        where, _, lib = found.group(2).partition(" [")
        func = where.rsplit(":", 1)[-1]
        costs[f"{func} [{os.path.basename(lib.rstrip(']'))}]" if lib else func] += value
    return costs


# SHA-256 is OpenSSL's (libcrypto's symbols are stripped: any of its code counts) or hashlib's own;
# base64 is binascii's.
HASHING = re.compile(r"libcrypto|sha256|SHA256|a2b_base64|binascii")
SQLITE = re.compile(r"sqlite", re.IGNORECASE)


# ---------------------------------------------------------------------------------- parent
def run(args: argparse.Namespace) -> None:
    work = args.keep or tempfile.mkdtemp(prefix="aiaudit-callgrind-")
    order = os.path.join(work, "segments.json")
    child = [__file__, "--child", order, "--calls", str(args.calls), "--calls-large", str(args.calls_large)]
    print(f"counting in one process under callgrind; dumps in {work}", flush=True)
    dumps, labelled, how = run_counted([*child, "--warm", str(args.warm)], work)
    print(f"segments marked with {how}", flush=True)
    with open(order) as f:
        segments = json.load(f)["segments"]
    if len(dumps) != len(segments):
        raise SystemExit(f"{len(dumps)} dumps for {len(segments)} segments in {work}")
    for seg, dump in zip(segments, dumps, strict=True):
        seg["path"], seg["total"] = dump.path, dump.total
        if labelled and dump.trigger != f"Client Request: {seg['label']}":
            raise SystemExit(f"{dump.path}: trigger {dump.trigger!r}, expected segment {seg['label']!r}")
    report(segments, args.top)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def report(segments: list[dict], top: int) -> None:
    added: dict[tuple[str, str], float] = {}
    bare_of: dict[tuple[str, str], dict] = {}
    bare_per_call: dict[str, float] = {}
    previous: dict | None = None
    for seg in segments:
        if seg["mode"] == "bare":
            previous = seg
            bare_per_call.setdefault(seg["size"], seg["total"] / seg["calls"])
            continue
        assert previous is not None and previous["size"] == seg["size"]
        key = (seg["size"], seg["mode"])
        added[key] = seg["total"] / seg["calls"] - previous["total"] / previous["calls"]
        bare_of[key] = previous
    modes = [OURS, NO_LEDGER, FLOOR, PEER]
    sizes = [s for s, _ in SIZES]
    calls = {seg["size"]: seg["calls"] for seg in segments}
    print()
    print("instructions added per call over the bare client (thousands; one process, zero/dump per segment)")
    print(f"{'':<18}" + "".join(f"{s + ' (' + str(calls[s]) + ' calls)':>22}" for s in sizes))
    print(f"{'bare client':<18}" + "".join(f"{bare_per_call[s] / 1e3:>22,.0f}" for s in sizes))
    for mode in modes:
        if all((s, mode) in added for s in sizes):
            print(f"{mode:<18}" + "".join(f"{added[(s, mode)] / 1e3:>22,.0f}" for s in sizes))
    for name, other in (("ours / peer", PEER), ("ours / floor", FLOOR), ("floor / peer", PEER)):
        num = FLOOR if name.startswith("floor") else OURS
        if all((s, other) in added for s in sizes):
            print(f"{name:<18}" + "".join(f"{added[(s, num)] / added[(s, other)]:>22.2f}" for s in sizes))
    if all((s, PEER) in added for s in sizes):
        for s in sizes:
            ratio = added[(s, OURS)] / added[(s, PEER)]
            verdict = "met" if ratio <= TARGETS[s] else "NOT met"
            print(f"target {s}: ours <= {TARGETS[s]:.2f}x peer -> {verdict} ({ratio:.2f}x)")
    else:
        print("peer: not installed (pip install -e '.[bench]' adds OpenInference for the comparison)")

    for s in sizes:
        seg = next(x for x in segments if x["size"] == s and x["mode"] == OURS)
        ours_f, bare_f = per_function(seg["path"]), per_function(bare_of[(s, OURS)]["path"])
        n, nb = seg["calls"], bare_of[(s, OURS)]["calls"]
        diff = {f: ours_f.get(f, 0) / n - bare_f.get(f, 0) / nb for f in set(ours_f) | set(bare_f)}
        ours_total = added[(s, OURS)]
        ledger = ours_total - added[(s, NO_LEDGER)]
        floor = added[(s, FLOOR)]
        hashing = sum(v for f, v in diff.items() if HASHING.search(f))
        own = ours_total - ledger - floor - hashing
        print()
        print(f"{s}: where otel-aiaudit's {ours_total / 1e3:,.0f} k instructions per call go")
        for what, value in (
            ("SDK floor (same span, record, measurements)", floor),
            ("ledger (ours minus ours without it)", ledger),
            ("SHA-256 and base64 decode of the image", hashing),
            ("the rest: our own code", own),
        ):
            print(f"  {what:<46} {value / 1e3:>9,.0f} k  {value / ours_total:6.1%}")
        sqlite = sum(v for f, v in diff.items() if SQLITE.search(f))
        print(f"  top C functions, added per call over bare (k instructions; SQLite's in all: {sqlite / 1e3:,.0f} k)")
        for func, value in sorted(diff.items(), key=lambda kv: -kv[1])[:top]:
            print(f"    {value / 1e3:>9,.1f}  {func[:110]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=200, help="calls per segment, small image")
    parser.add_argument("--calls-large", type=int, default=50, help="calls per segment, 1 MB image")
    parser.add_argument("--warm", type=int, default=10, help="uncounted calls before each segment")
    parser.add_argument("--top", type=int, default=20, help="C functions listed per image size")
    parser.add_argument("--keep", help="write the dumps to this folder and keep them")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child({"small": args.calls, "1 MB": args.calls_large}, args.warm, args.child)
        return
    run(args)


if __name__ == "__main__":
    main()
