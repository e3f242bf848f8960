"""OpenTelemetry's contracts, as every contrib instrumentation keeps them: when the instrumented call
returns, its span has ended and its one record has gone through the application's LoggerProvider
(here SimpleSpanProcessor and SimpleLogRecordProcessor over in-memory exporters: no flush, no wait).
"""

from __future__ import annotations

import threading
from importlib.metadata import distribution

import openai
import pytest
from opentelemetry.instrumentation.dependencies import get_dist_dependency_conflicts
from opentelemetry.instrumentation.utils import suppress_instrumentation

from otel_aiaudit import ContentBlocked
from otel_aiaudit.instrumentor import AIAuditInstrumentor
from otel_aiaudit.ledger import open_ledger

BLOCKING = "version: 1\nmode: enforce\ncontent_filter: {action: block}\n"


def _one_span_one_record(telemetry) -> None:  # noqa: ANN001
    (span,) = telemetry.spans.get_finished_spans()  # read straight from the exporter: no flush
    (item,) = telemetry.logs.get_finished_logs()
    record = item.log_record
    assert record.event_name == "aiaudit.generation"
    assert record.attributes["aiaudit.generation.id"] == span.attributes["aiaudit.generation.id"]
    assert record.span_id == span.context.span_id and record.trace_id == span.context.trace_id
    assert span.end_time is not None


def test_sync_call_returns_with_its_span_ended_and_its_record_emitted(instrument, telemetry, openai_client) -> None:
    instrument()
    openai_client.images.generate(model="gpt-image-2", prompt="a lighthouse")
    _one_span_one_record(telemetry)


async def test_async_call_resolves_with_its_span_ended_and_its_record_emitted(
    instrument, telemetry, async_openai_client
) -> None:
    instrument()
    await async_openai_client.images.generate(model="gpt-image-2", prompt="a lighthouse")
    _one_span_one_record(telemetry)


def test_stream_end_has_its_span_ended_and_its_record_emitted(instrument, telemetry, openai_client) -> None:
    instrument()
    for _event in openai_client.images.generate(model="gpt-image-2", prompt="s", stream=True, partial_images=1):
        pass
    _one_span_one_record(telemetry)


async def test_async_stream_end_has_its_span_ended_and_its_record_emitted(
    instrument, telemetry, async_openai_client
) -> None:
    instrument()
    stream = await async_openai_client.images.generate(model="gpt-image-2", prompt="s", stream=True, partial_images=1)
    async for _event in stream:
        pass
    _one_span_one_record(telemetry)


def test_blocked_call_raises_with_its_span_ended_and_its_record_emitted(
    instrument, telemetry, openai_client, tmp_path
) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(BLOCKING)
    instrument(policy=str(policy))
    with pytest.raises(ContentBlocked):
        openai_client.images.generate(model="gpt-image-2", prompt="a bloody massacre")
    _one_span_one_record(telemetry)


async def test_async_failed_call_raises_with_its_record_emitted(
    instrument, telemetry, async_openai_client, oai
) -> None:
    from otel_aiaudit.loopback.server import Reply

    instrument()
    oai.override = lambda rec: Reply.of_json({"error": {"message": "no"}}, 400)
    with pytest.raises(openai.BadRequestError):
        await async_openai_client.images.generate(model="gpt-image-2", prompt="x")
    _one_span_one_record(telemetry)


def test_an_otlp_endpoint_changes_nothing_records_go_through_the_apps_provider(
    instrument, telemetry, openai_client, monkeypatch
) -> None:
    # Nothing listens there: had anything of ours posted the records itself, they would miss the app's provider.
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9")
    instrument()
    openai_client.images.generate(model="gpt-image-2", prompt="a lighthouse")
    _one_span_one_record(telemetry)


def test_the_ledger_write_of_an_async_call_runs_off_the_event_loop(
    instrument, telemetry, async_openai_client, tmp_path, monkeypatch
) -> None:
    import asyncio
    import sqlite3

    writers: list[int] = []
    path = tmp_path / "ledger.db"
    monkeypatch.setenv("OTEL_AIAUDIT_LEDGER", str(path))
    inst = instrument()
    ledger = inst.auditor.telemetry.ledger.ledger
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):  # noqa: ANN002, ANN003
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(
            lambda sql: sql.startswith("INSERT INTO records") and writers.append(threading.get_ident())
        )
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    ledger.close()  # the next write opens a new connection, traced

    async def main() -> int:
        await async_openai_client.images.generate(model="gpt-image-2", prompt="a lighthouse")
        return threading.get_ident()

    loop_thread = asyncio.run(main())
    assert writers and loop_thread not in writers
    led = open_ledger(path)
    try:
        assert led.count() == 3
    finally:
        led.close()


@pytest.mark.fault(
    fault="the app wraps calls in suppress_instrumentation()",
    app_sees="no span, metric or OTel record",
    recorded="policy still enforced; the ledger keeps every generation",
)
def test_suppress_instrumentation_silences_telemetry_but_not_governance(
    instrument, telemetry, openai_client, tmp_path, monkeypatch
) -> None:
    path = tmp_path / "ledger.db"
    monkeypatch.setenv("OTEL_AIAUDIT_LEDGER", str(path))
    policy = tmp_path / "policy.yaml"
    policy.write_text(BLOCKING)
    instrument(policy=str(policy))
    with suppress_instrumentation():
        openai_client.images.generate(model="gpt-image-2", prompt="a lighthouse")
        with pytest.raises(ContentBlocked):  # policy still applies: suppression is no way around it
            openai_client.images.generate(model="gpt-image-2", prompt="a bloody massacre")
    assert telemetry.spans.get_finished_spans() == ()
    assert telemetry.logs.get_finished_logs() == ()
    assert telemetry.metric_points("aiaudit.requests") == []
    led = open_ledger(path)
    try:
        assert led.count() == 6  # both generations are in the local audit trail
    finally:
        led.close()


def test_dependencies_name_each_client_and_any_one_is_enough() -> None:
    inst = AIAuditInstrumentor()
    deps = list(inst.instrumentation_dependencies())
    names = {d.split()[0] for d in deps}
    assert {"openai", "google-genai", "replicate", "fal-client", "boto3", "diffusers", "httpx", "requests"} <= names
    assert inst._check_dependency_conflicts() is None  # openai is installed: that is enough
    # The distro's own check reads the package's `instruments-any` extra.
    assert get_dist_dependency_conflicts(distribution("otel-aiaudit")) is None
    requires = distribution("otel-aiaudit").requires or []
    assert any("instruments-any" in r and r.startswith("openai") for r in requires)
