"""Added cost per images.generate call: bare vs instrumented, interleaved in one run, sync and async.

Instrumented = spans (BatchSpanProcessor), metrics, the three audit records (BatchLogRecordProcessor),
built-in policy checks, pricing; all exporters in memory, against the loopback OpenAI server.

    python benchmarks/overhead.py [--calls 2000] [--block 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time

# Run from anywhere: the repository root replaces this folder on the path (benchmarks/c2pa.py would
# otherwise shadow the c2pa package).
sys.path[0] = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

import subprocess  # noqa: E402

import openai  # noqa: E402
from opentelemetry.sdk._logs import LoggerProvider  # noqa: E402
from opentelemetry.sdk._logs.export import BatchLogRecordProcessor, InMemoryLogRecordExporter  # noqa: E402
from opentelemetry.sdk.metrics import MeterProvider  # noqa: E402
from opentelemetry.sdk.metrics.export import InMemoryMetricReader  # noqa: E402
from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: E402
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter  # noqa: E402

from otel_aiaudit.instrumentor import AIAuditInstrumentor  # noqa: E402

SERVER = (
    "import sys, time\n"
    "from otel_aiaudit.loopback.openai import start_openai_server\n"
    "srv = start_openai_server()\n"
    "print(srv.url, flush=True)\n"
    "sys.stdin.read()\n"
)


def start_server() -> tuple[subprocess.Popen, str]:
    """The provider runs in its own process, as a real one would: its work never competes with ours."""
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(label: str, bare: list[float], inst: list[float]) -> dict[str, float]:
    b50, i50 = statistics.median(bare), statistics.median(inst)
    b99, i99 = percentile(bare, 0.99), percentile(inst, 0.99)
    out = {
        "bare_median_us": b50 * 1e6,
        "inst_median_us": i50 * 1e6,
        "added_median_us": (i50 - b50) * 1e6,
        "added_p99_us": (i99 - b99) * 1e6,
        "ratio_median": i50 / b50,
    }
    print(
        f"{label:<6} bare median {out['bare_median_us']:8.1f} us | "
        f"instrumented median {out['inst_median_us']:8.1f} us | "
        f"added median {out['added_median_us']:7.1f} us, p99 {out['added_p99_us']:7.1f} us | "
        f"ratio {out['ratio_median']:.3f}"
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=2000, help="calls per mode (bare and instrumented)")
    parser.add_argument("--block", type=int, default=50, help="calls per interleaved block")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="aiaudit-bench-")
    os.environ.setdefault("OTEL_AIAUDIT_STORE", f"sqlite:///{work}/store.db")
    os.environ.setdefault("OTEL_AIAUDIT_LEDGER", f"{work}/ledger.db")
    server, url = start_server()
    tp = TracerProvider()
    tp.add_span_processor(BatchSpanProcessor(InMemorySpanExporter()))
    mp = MeterProvider(metric_readers=[InMemoryMetricReader()])
    lp = LoggerProvider()
    lp.add_log_record_processor(BatchLogRecordProcessor(InMemoryLogRecordExporter()))
    inst = AIAuditInstrumentor()

    client = openai.OpenAI(base_url=f"{url}/v1", api_key="sk-bench", max_retries=0)
    aclient = openai.AsyncOpenAI(base_url=f"{url}/v1", api_key="sk-bench", max_retries=0)
    kwargs = dict(model="gpt-image-2", prompt="a lighthouse on a cliff at dusk, oil painting", quality="low")

    def sync_call() -> float:
        t0 = time.perf_counter()
        client.images.generate(**kwargs)
        return time.perf_counter() - t0

    loop = asyncio.new_event_loop()

    def async_call() -> float:
        async def one() -> float:
            t0 = time.perf_counter()
            await aclient.images.generate(**kwargs)
            return time.perf_counter() - t0

        return loop.run_until_complete(one())

    results = {}
    for label, call in (("sync", sync_call), ("async", async_call)):
        bare: list[float] = []
        timed: list[float] = []
        for _ in range(20):  # warm-up: connection pool, imports, JIT-free caches
            call()
        while len(bare) < args.calls:
            for mode in ("bare", "inst"):
                if mode == "inst":
                    inst.instrument(tracer_provider=tp, meter_provider=mp, logger_provider=lp)
                    call()  # first call after instrument warms the auditor
                batch = [call() for _ in range(args.block)]
                (timed if mode == "inst" else bare).extend(batch)
                if mode == "inst":
                    inst.uninstrument()
        results[label] = report(label, bare, timed)
    loop.close()
    server.terminate()
    tp.shutdown()
    lp.shutdown()
    target = 100.0
    worst = max(r["added_median_us"] for r in results.values())
    print(
        f"target: median added <= {target:.0f} us per call -> "
        f"{'met' if worst <= target else 'NOT met'} ({worst:.1f} us)"
    )


if __name__ == "__main__":
    main()
