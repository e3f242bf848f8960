"""Instructions added per `images.generate` call, counted by callgrind: a figure that a noisy or shared
machine does not move, where overhead.py's wall and CPU times swing between runs.

The same modes as overhead.py (bare, otel-aiaudit, sdk floor, and OpenInference when the `bench`
extra put it there), sync calls, against the loopback provider in its own process (not counted). Each
mode runs in its own process under valgrind twice, once with N calls and once with none after the same
set-up and warm-up, so start-up and instrument() cancel out; what is left, divided by N, minus the
bare client's figure, is what the mode adds per call, including the telemetry and batch export threads.
The local ledger is off unless OTEL_AIAUDIT_LEDGER says otherwise (its cost is the disk, not
instructions).

    python benchmarks/instructions.py [--calls 500]      # needs valgrind (Debian: apt-get install valgrind)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

os.environ.setdefault("OTEL_AIAUDIT_LEDGER", "off")

from overhead import (  # noqa: E402  (overhead.py puts the repository root on the path)
    AIAuditInstrumentor,
    Mode,
    floor_mode,
    peer_mode,
    providers_and_exporters,
    sample_generation,
    start_server,
)

WARM_UP = 100
MODES = ("bare", "otel-aiaudit", "sdk floor", "openinference")


def child(mode_name: str, calls: int) -> None:
    """One mode's calls, in the process valgrind counts."""
    import tempfile

    import openai

    work = tempfile.mkdtemp(prefix="aiaudit-bench-")
    os.environ.setdefault("OTEL_AIAUDIT_STORE", f"sqlite:///{work}/store.db")
    server, url = start_server()
    (tp, mp, lp), exporters = providers_and_exporters()
    client = openai.OpenAI(base_url=f"{url}/v1", api_key="sk-bench", max_retries=0)
    kwargs = dict(model="gpt-image-2", prompt="a lighthouse on a cliff at dusk, oil painting", quality="low")

    def call() -> float:
        client.images.generate(**kwargs)
        return 0.0

    inst = AIAuditInstrumentor()
    mode: Mode | None = Mode("bare")
    if mode_name == "otel-aiaudit":
        mode = Mode(mode_name, lambda: inst.instrument(tracer_provider=tp, meter_provider=mp, logger_provider=lp))
    elif mode_name == "sdk floor":
        mode = floor_mode(tp, mp, lp, sample_generation(inst, (tp, mp, lp), exporters, call))
    elif mode_name == "openinference":
        mode = peer_mode(tp)
        if mode is None:
            sys.exit(3)
    if mode.on is not None:
        mode.on()
    for _ in range(WARM_UP + calls):
        call()
    inst.flush()
    tp.force_flush()
    lp.force_flush()
    server.terminate()


def count(mode: str, calls: int) -> int | None:
    """Instructions callgrind counted for one child run; None when the mode is not installed."""
    proc = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--child",
            mode,
            "--calls",
            str(calls),
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode == 3:
        return None
    found = re.search(r"Collected\s*:\s*(\d+)", proc.stderr)
    if proc.returncode != 0 or found is None:
        raise SystemExit(f"{mode}: the counted run failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=500, help="calls per counted run")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.calls)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    runs = [(mode, n) for mode in MODES for n in (args.calls, 0)]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        counted = dict(zip(runs, pool.map(lambda run: count(*run), runs), strict=True))
    per_call = {}
    for mode in MODES:
        full, none = counted[(mode, args.calls)], counted[(mode, 0)]
        if full is not None and none is not None:
            per_call[mode] = (full - none) / args.calls
    bare = per_call.pop("bare")
    print(f"bare client: {bare / 1e6:.2f} M instructions per call ({args.calls} calls per counted run)")
    for mode, value in per_call.items():
        print(f"{mode:<14} adds {(value - bare) / 1e6:.2f} M instructions per call")
    if "openinference" in per_call:
        peer = per_call["openinference"] - bare
        for mode in ("otel-aiaudit", "sdk floor"):
            print(f"{mode} / peer: {(per_call[mode] - bare) / peer:.2f}")
    else:
        print("peer: not installed (pip install -e '.[bench]' adds OpenInference for the comparison)")


if __name__ == "__main__":
    main()
