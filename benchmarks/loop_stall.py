"""How long an instrumented async call blocks the event loop: the loop's longest stall per call.

Async calls keep their ledger write (an fsync with OTEL_AIAUDIT_LEDGER_SYNC=full) off the loop, in
its executor. This measures what the loop itself still waits for: a ticker task sleeps 1 ms at a time
and notes how late it wakes; the longest delay seen during each call is that call's stall. Bare
calls and instrumented calls alternate in blocks, against the loopback OpenAI server in its own
process, with the SDK's batch processors over in-memory exporters and the ledger on (FULL) in a
temporary folder.

    python benchmarks/loop_stall.py [--calls 200] [--block 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path[0] = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

import openai  # noqa: E402
from opentelemetry.sdk._logs import LoggerProvider  # noqa: E402
from opentelemetry.sdk._logs.export import BatchLogRecordProcessor, InMemoryLogRecordExporter  # noqa: E402
from opentelemetry.sdk.metrics import MeterProvider  # noqa: E402
from opentelemetry.sdk.metrics.export import InMemoryMetricReader  # noqa: E402
from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: E402
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter  # noqa: E402

from otel_aiaudit import AIAuditInstrumentor  # noqa: E402

SERVER = (
    "import sys\n"
    "from otel_aiaudit.loopback.openai import start_openai_server\n"
    "srv = start_openai_server()\n"
    "print(srv.url, flush=True)\n"
    "sys.stdin.read()\n"
)
TICK_S = 0.001


async def _stalls(client: openai.AsyncOpenAI, calls: int) -> list[float]:
    """The loop's longest stall (seconds late) during each of `calls` calls."""
    worst = 0.0
    running = True

    async def ticker() -> None:
        nonlocal worst
        while running:
            t = time.perf_counter()
            await asyncio.sleep(TICK_S)
            worst = max(worst, time.perf_counter() - t - TICK_S)

    task = asyncio.create_task(ticker())
    out: list[float] = []
    for _ in range(calls):
        await asyncio.sleep(TICK_S * 3)  # let the ticker run between calls
        worst = 0.0
        await client.images.generate(model="gpt-image-2", prompt="a lighthouse at dusk", quality="low")
        out.append(worst)
    running = False
    await task
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--block", type=int, default=20)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="aiaudit-stall-")
    os.environ["OTEL_AIAUDIT_STORE"] = f"sqlite:///{work}/store.db"
    os.environ["OTEL_AIAUDIT_LEDGER"] = f"{work}/ledger.db"
    os.environ.setdefault("OTEL_AIAUDIT_LEDGER_SYNC", "full")
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    url = server.stdout.readline().strip()
    tp, lp = TracerProvider(), LoggerProvider()
    tp.add_span_processor(BatchSpanProcessor(InMemorySpanExporter()))
    lp.add_log_record_processor(BatchLogRecordProcessor(InMemoryLogRecordExporter()))
    mp = MeterProvider(metric_readers=[InMemoryMetricReader()])
    inst = AIAuditInstrumentor()
    bare: list[float] = []
    ours: list[float] = []

    async def run() -> None:
        client = openai.AsyncOpenAI(base_url=f"{url}/v1", api_key="sk-bench", max_retries=0)
        await _stalls(client, 20)  # warm-up
        done = 0
        while done < args.calls:
            bare.extend(await _stalls(client, args.block))
            inst.instrument(tracer_provider=tp, meter_provider=mp, logger_provider=lp)
            try:
                ours.extend(await _stalls(client, args.block))
            finally:
                inst.uninstrument()
            done += args.block

    try:
        asyncio.run(run())
    finally:
        server.stdin.close()  # type: ignore[union-attr]
        server.wait()
    sync = os.environ["OTEL_AIAUDIT_LEDGER_SYNC"]
    print(f"loop's longest stall per call, ms ({len(ours)} calls each, ledger synchronous={sync})")
    for name, values in (("bare", bare), ("otel-aiaudit", ours)):
        ms = sorted(v * 1000 for v in values)
        print(
            f"  {name:13s} median {statistics.median(ms):6.2f}  p95 {ms[int(0.95 * (len(ms) - 1))]:6.2f}"
            f"  max {ms[-1]:6.2f}"
        )


if __name__ == "__main__":
    main()
