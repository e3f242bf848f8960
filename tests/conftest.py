"""Shared fixtures: real OTel SDK providers with in-memory exporters, the instrumentation trio
(content off, content on, unsampled), and the loopback OpenAI server."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF, ALWAYS_ON, Sampler

from otel_aiaudit.instrumentor import AIAuditInstrumentor
from otel_aiaudit.loopback.openai import start_openai_server
from otel_aiaudit.loopback.server import LoopbackServer
from tests import model_check
from tests.servers import serving


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The shipped prompt model's check runs beside the other tests (tests/model_check.py); last,
    # so that a test left out by -k, -m or --deselect starts nothing.
    model_check.start_if_collected(config, items)


def pytest_unconfigure(config: pytest.Config) -> None:
    model_check.stop_if_started(config)


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's environment or writes into the working directory."""
    for var in list(os.environ):
        if var.startswith("OTEL_AIAUDIT_") or var == "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT":
            monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("OTEL_AIAUDIT_STORE", f"sqlite:///{tmp_path}/aiaudit.db")
    monkeypatch.setenv("OTEL_AIAUDIT_LEDGER", f"{tmp_path}/ledger.db")
    monkeypatch.setenv("OTEL_AIAUDIT_USER", "tester")
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_ENDPOINT", raising=False)


class ClassSection:
    """One retention class of a record: its body section, with the record's attributes and ids."""

    def __init__(self, record: Any, record_type: str) -> None:
        self._record = record
        self.body = record.body[record_type]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._record, name)


@dataclass
class Telemetry:
    spans: InMemorySpanExporter
    logs: InMemoryLogRecordExporter
    metrics: InMemoryMetricReader
    tracer_provider: TracerProvider
    meter_provider: MeterProvider
    logger_provider: LoggerProvider

    def finished_spans(self) -> list[Any]:
        return list(self.spans.get_finished_spans())

    def records(self, record_type: str | None = None) -> list[Any]:
        """The audit records emitted; with `record_type` (log, prompt, image), each record's section
        of that retention class, as the collector's fan-out writes it to that class's data stream."""
        out = [r.log_record for r in self.logs.get_finished_logs()]
        if record_type is not None:
            out = [ClassSection(r, record_type) for r in out if record_type in (r.body or {})]
        return out

    def metric_points(self, name: str) -> list[Any]:
        data = self.metrics.get_metrics_data()
        points: list[Any] = []
        for rm in data.resource_metrics if data else []:
            for sm in rm.scope_metrics:
                for metric in sm.metrics:
                    if metric.name == name:
                        points += list(metric.data.data_points)
        return points

    def metric_sum(self, name: str, **attrs: Any) -> float:
        total = 0.0
        for p in self.metric_points(name):
            if all(p.attributes.get(k) == v for k, v in attrs.items()):
                total += getattr(p, "value", None) if hasattr(p, "value") else p.sum
        return total


def make_telemetry(sampler: Sampler = ALWAYS_ON) -> Telemetry:
    spans = InMemorySpanExporter()
    tp = TracerProvider(sampler=sampler)
    tp.add_span_processor(SimpleSpanProcessor(spans))
    reader = InMemoryMetricReader()
    mp = MeterProvider(metric_readers=[reader])
    logs = InMemoryLogRecordExporter()
    lp = LoggerProvider()
    lp.add_log_record_processor(SimpleLogRecordProcessor(logs))
    return Telemetry(spans, logs, reader, tp, mp, lp)


@pytest.fixture
def telemetry() -> Telemetry:
    return make_telemetry()


Instrument = Callable[..., AIAuditInstrumentor]


@pytest.fixture
def instrument(telemetry: Telemetry) -> Iterator[Instrument]:
    """Instrument with the in-memory providers; always uninstrumented afterwards."""
    inst = AIAuditInstrumentor()

    def _do(tel: Telemetry | None = None, **kwargs: Any) -> AIAuditInstrumentor:
        tel = tel or telemetry
        inst.instrument(
            tracer_provider=tel.tracer_provider,
            meter_provider=tel.meter_provider,
            logger_provider=tel.logger_provider,
            **kwargs,
        )
        return inst

    yield _do
    inst.uninstrument()


@pytest.fixture
def instrument_no_content(instrument: Instrument) -> AIAuditInstrumentor:
    return instrument()


@pytest.fixture
def instrument_with_content(instrument: Instrument, monkeypatch: pytest.MonkeyPatch) -> AIAuditInstrumentor:
    monkeypatch.setenv("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true")
    return instrument()


@pytest.fixture
def unsampled() -> Telemetry:
    return make_telemetry(ALWAYS_OFF)


@pytest.fixture
def instrument_with_content_unsampled(
    instrument: Instrument, unsampled: Telemetry, monkeypatch: pytest.MonkeyPatch
) -> AIAuditInstrumentor:
    monkeypatch.setenv("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true")
    return instrument(unsampled)


@pytest.fixture(scope="session")
def openai_server() -> Iterator[LoopbackServer]:
    yield from serving(start_openai_server)


@pytest.fixture
def oai(openai_server: LoopbackServer) -> LoopbackServer:
    openai_server.reset()
    return openai_server


@pytest.fixture
def openai_client(oai: LoopbackServer) -> Any:
    import openai

    return openai.OpenAI(base_url=f"{oai.url}/v1", api_key="sk-test-secret-key", max_retries=0)


@pytest.fixture
def async_openai_client(oai: LoopbackServer) -> Any:
    import openai

    return openai.AsyncOpenAI(base_url=f"{oai.url}/v1", api_key="sk-test-secret-key", max_retries=0)
