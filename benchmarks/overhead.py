"""Added cost per images.generate call: bare vs instrumented, interleaved in one run, sync and async.

Instrumented = spans (BatchSpanProcessor), metrics, the three audit records (BatchLogRecordProcessor),
built-in policy checks, pricing; all exporters in memory, against the loopback OpenAI server.

A third mode, when `pip install -e '.[bench]'` put it there, runs a peer on the same workload in the
same interleaving: OpenInference's OpenAI instrumentation (one span per request, its attributes read
from the request and the response), on the same SDK span pipeline.

A fourth mode, `sdk floor`, makes on the caller's path exactly the OTel SDK calls this plugin's output
needs and nothing else: the same span with the same attributes, the same three log records and the
same six metric measurements, copied from one instrumented call. It is what any instrumentation that
emits these objects pays at least; the gap between it and otel-aiaudit is the plugin's own code.

Besides wall time per call, each block's process CPU time is read: it includes the work our telemetry
thread and the SDK's batch threads do after the calls return, which a machine with few cores pays for
in the next call's wall time.

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
from collections.abc import Callable

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


class Mode:
    """One way of running the calls: bare, ours, or a peer. Collects wall time per call and CPU per call."""

    def __init__(self, name: str, on: Callable[[], None] | None = None, off: Callable[[], None] | None = None):
        self.name, self.on, self.off = name, on, off
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def run_block(self, call: Callable[[], float], n: int) -> None:
        if self.on is not None:
            self.on()
            call()  # the first call after instrument warms caches
        cpu0 = time.process_time()
        self.wall.extend(call() for _ in range(n))
        self.cpu.append((time.process_time() - cpu0) / n)
        if self.off is not None:
            self.off()


def report(label: str, bare: Mode, other: Mode) -> dict[str, float]:
    b50, i50 = statistics.median(bare.wall), statistics.median(other.wall)
    b99, i99 = percentile(bare.wall, 0.99), percentile(other.wall, 0.99)
    out = {
        "bare_median_us": b50 * 1e6,
        "median_us": i50 * 1e6,
        "added_median_us": (i50 - b50) * 1e6,
        "added_p99_us": (i99 - b99) * 1e6,
        "ratio_median": i50 / b50,
        "added_cpu_us": (statistics.median(other.cpu) - statistics.median(bare.cpu)) * 1e6,
    }
    print(
        f"{label:<6} {other.name:<13} bare median {out['bare_median_us']:7.1f} us | "
        f"median {out['median_us']:7.1f} us | added median {out['added_median_us']:6.1f} us, "
        f"p99 {out['added_p99_us']:7.1f} us | ratio {out['ratio_median']:.3f} | "
        f"added CPU {out['added_cpu_us']:6.1f} us/call"
    )
    return out


def call_path(inst: AIAuditInstrumentor, client: openai.OpenAI, kwargs: dict, reply: object, idle_s: float) -> float:
    """Median time of our wrapper alone around a provider call that returns `reply` at once: the code
    on the user's path without the network. `idle_s` of sleep before each call stands for the wait
    on the provider that precedes real work, after which a CPU that idled runs with cold caches."""
    from otel_aiaudit.providers.base import sync_wrapper
    from otel_aiaudit.providers.openai import ImagesTranslator

    assert inst.auditor is not None
    wrapper = sync_wrapper(inst.auditor, ImagesTranslator("generate", is_async=False))

    def provider(*_args: object, **_kwargs: object) -> object:
        return reply

    times = []
    for i in range(2200):
        if idle_s:
            time.sleep(idle_s)
        t0 = time.perf_counter()
        wrapper(provider, client.images, (), dict(kwargs))
        if i >= 200:  # warm-up
            times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6


def peer_mode(tp: TracerProvider) -> Mode | None:
    try:
        from openinference.instrumentation.openai import OpenAIInstrumentor
    except ImportError:
        return None
    peer = OpenAIInstrumentor()
    return Mode("openinference", lambda: peer.instrument(tracer_provider=tp), peer.uninstrument)


def floor_mode(tp: TracerProvider, mp: MeterProvider, lp: LoggerProvider, sample: dict) -> Mode:
    """The SDK objects of one generation, made directly around the real call (see the docstring)."""
    import wrapt
    from opentelemetry._logs import SeverityNumber
    from opentelemetry.instrumentation.utils import unwrap
    from opentelemetry.trace import set_span_in_context

    tracer, logger, meter = tp.get_tracer("sdk-floor"), lp.get_logger("sdk-floor"), mp.get_meter("sdk-floor")
    measurements: list[tuple[Callable[..., None], float, dict]] = []
    for name, kind, value, attrs in sample["points"]:
        instrument = meter.create_histogram(name) if kind == "histogram" else meter.create_counter(name)
        measurements.append((instrument.record if kind == "histogram" else instrument.add, value, attrs))

    def emit_all(span: object) -> None:
        span.end()  # type: ignore[attr-defined]
        ctx = set_span_in_context(span)  # type: ignore[arg-type]
        for body, attrs, event_name in sample["records"]:
            logger.emit(
                timestamp=time.time_ns(),
                context=ctx,
                severity_number=SeverityNumber.INFO,
                severity_text="INFO",
                body=body,
                attributes=attrs,
                event_name=event_name,
            )
        for record, value, attrs in measurements:
            record(value, attrs)

    def start() -> object:
        return tracer.start_span(sample["name"], kind=sample["kind"], attributes=sample["attributes"])

    def around(wrapped: Callable, _instance: object, args: tuple, kwargs: dict) -> object:
        span = start()
        try:
            return wrapped(*args, **kwargs)
        finally:
            emit_all(span)

    async def around_async(wrapped: Callable, _instance: object, args: tuple, kwargs: dict) -> object:
        span = start()
        try:
            return await wrapped(*args, **kwargs)
        finally:
            emit_all(span)

    def on() -> None:
        wrapt.wrap_function_wrapper("openai.resources.images", "Images.generate", around)
        wrapt.wrap_function_wrapper("openai.resources.images", "AsyncImages.generate", around_async)

    def off() -> None:
        from openai.resources import images

        unwrap(images.Images, "generate")
        unwrap(images.AsyncImages, "generate")

    return Mode("sdk floor", on, off)


def sample_generation(
    inst: AIAuditInstrumentor, providers: tuple, exporters: tuple, call: Callable[[], float]
) -> dict:
    """One instrumented call's span, records and metric points, as the floor mode replays them."""
    tp, mp, lp = providers
    spans, logs, metric_reader = exporters
    spans.clear()
    logs.clear()
    inst.instrument(tracer_provider=tp, meter_provider=mp, logger_provider=lp)
    call()
    tp.force_flush()
    lp.force_flush()
    inst.uninstrument()
    span = spans.get_finished_spans()[-1]
    records = [
        (r.log_record.body, dict(r.log_record.attributes or {}), r.log_record.event_name)
        for r in logs.get_finished_logs()  # cleared above: exactly this call's records
    ]
    points = []
    for rm in metric_reader.get_metrics_data().resource_metrics:
        for scope in rm.scope_metrics:
            for metric in scope.metrics:
                histogram = type(metric.data).__name__ == "Histogram"
                for point in metric.data.data_points:
                    value = (point.sum / point.count) if histogram else 1
                    points.append((metric.name, "histogram" if histogram else "counter", value, dict(point.attributes)))
    return {
        "name": span.name,
        "kind": span.kind,
        "attributes": dict(span.attributes or {}),
        "records": records,
        "points": points,
    }


def providers_and_exporters() -> tuple[
    tuple[TracerProvider, MeterProvider, LoggerProvider],
    tuple[InMemorySpanExporter, InMemoryLogRecordExporter, InMemoryMetricReader],
]:
    """The SDK pipeline every mode writes to: batch processors, everything in memory."""
    span_exporter, log_exporter = InMemorySpanExporter(), InMemoryLogRecordExporter()
    metric_reader = InMemoryMetricReader()
    tp = TracerProvider()
    tp.add_span_processor(BatchSpanProcessor(span_exporter))
    mp = MeterProvider(metric_readers=[metric_reader])
    lp = LoggerProvider()
    lp.add_log_record_processor(BatchLogRecordProcessor(log_exporter))
    return (tp, mp, lp), (span_exporter, log_exporter, metric_reader)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=2000, help="calls per mode (bare and instrumented)")
    parser.add_argument("--block", type=int, default=50, help="calls per interleaved block")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="aiaudit-bench-")
    os.environ.setdefault("OTEL_AIAUDIT_STORE", f"sqlite:///{work}/store.db")
    os.environ.setdefault("OTEL_AIAUDIT_LEDGER", f"{work}/ledger.db")
    server, url = start_server()
    (tp, mp, lp), exporters = providers_and_exporters()
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

    sample = sample_generation(inst, (tp, mp, lp), exporters, sync_call)
    results = {}
    peers: dict[str, dict[str, float]] = {}
    floors: dict[str, dict[str, float]] = {}
    for label, call in (("sync", sync_call), ("async", async_call)):
        bare = Mode("bare")
        ours = Mode(
            "otel-aiaudit",
            lambda: inst.instrument(tracer_provider=tp, meter_provider=mp, logger_provider=lp),
            inst.uninstrument,
        )
        peer = peer_mode(tp)
        floor = floor_mode(tp, mp, lp, sample)
        modes = [bare, ours, floor] + ([peer] if peer is not None else [])
        for _ in range(20):  # warm-up: connection pool, imports, caches
            call()
        while len(bare.wall) < args.calls:
            for mode in modes:
                mode.run_block(call, args.block)
        results[label] = report(label, bare, ours)
        floors[label] = report(label, bare, floor)
        if peer is not None:
            peers[label] = report(label, bare, peer)
    reply = client.images.generate(**kwargs)  # a parsed ImagesResponse, as the SDK returns it
    inst.instrument(tracer_provider=tp, meter_provider=mp, logger_provider=lp)
    hot, idle = call_path(inst, client, kwargs, reply, 0.0), call_path(inst, client, kwargs, reply, 0.001)
    inst.uninstrument()
    print(
        f"call path alone (our wrapper, reply in hand): median {hot:.1f} us back to back, "
        f"{idle:.1f} us after 1 ms idle before each call"
    )
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
    for label, peer in peers.items():
        ours = results[label]["added_median_us"]
        print(
            f"{label}: otel-aiaudit adds {ours / peer['added_median_us']:.2f}x what the peer adds "
            f"(target <= 0.5x; wall {ours:.0f} vs {peer['added_median_us']:.0f} us, CPU "
            f"{results[label]['added_cpu_us']:.0f} vs {peer['added_cpu_us']:.0f} us)"
        )
    for label, floor_result in floors.items():
        ours = results[label]
        line = (
            f"{label}: the SDK floor alone (1 span with {len(sample['attributes'])} attributes, "
            f"{len(sample['records'])} records, {len(sample['points'])} measurements) adds "
            f"{floor_result['added_median_us']:.0f} us wall, {floor_result['added_cpu_us']:.0f} us CPU; "
            "otel-aiaudit's own code adds "
            f"{ours['added_cpu_us'] - floor_result['added_cpu_us']:.0f} us CPU beyond it"
        )
        if label in peers:
            line += f"; floor / peer CPU = {floor_result['added_cpu_us'] / peers[label]['added_cpu_us']:.2f}"
        print(line)
    if not peers:
        print("peer: not installed (pip install -e '.[bench]' adds OpenInference for the comparison)")


if __name__ == "__main__":
    main()
