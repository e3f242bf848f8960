"""Spans end, metrics are recorded and records are exported on the telemetry thread: the figures must
be the call's own (its end time), and no flush or shutdown of the user's providers may miss them."""

from __future__ import annotations

import os
import time

from otel_aiaudit.instrumentor import AIAuditInstrumentor


def _provider_methods_are_the_class_ones(telemetry) -> bool:
    providers = (telemetry.tracer_provider, telemetry.meter_provider, telemetry.logger_provider)
    return all(m not in vars(p) for p in providers for m in ("force_flush", "shutdown"))


def test_span_ends_at_the_calls_end_time_not_when_the_thread_ran(instrument, telemetry, openai_client) -> None:
    instrument()
    before = time.time_ns()
    openai_client.images.generate(model="gpt-image-2", prompt="a lighthouse at dusk")
    after = time.time_ns()
    time.sleep(0.3)  # the thread runs every 100 ms: by now it has ended the span, well after `after`
    (span,) = telemetry.finished_spans()
    assert before <= span.start_time <= span.end_time <= after
    (log,) = telemetry.records("log")
    assert log.attributes["aiaudit.generation.id"] == span.attributes["aiaudit.generation.id"]


def test_force_flush_of_the_users_provider_includes_queued_spans(instrument, telemetry, openai_client) -> None:
    instrument()
    openai_client.images.generate(model="gpt-image-2", prompt="flushed by the provider")
    # Read the exporter directly (not through the fixture, which drains the thread itself).
    telemetry.tracer_provider.force_flush()
    (span,) = telemetry.spans.get_finished_spans()
    assert span.attributes["aiaudit.status"] == "success"
    assert span.attributes["aiaudit.image.hashes"]  # hashed off the call path, before the span ended


def test_shutdown_of_the_users_logger_provider_loses_no_record(instrument, telemetry, openai_client) -> None:
    inst = instrument()
    openai_client.images.generate(model="gpt-image-2", prompt="records before shutdown")
    telemetry.logger_provider.shutdown()  # straight after the call, no flush of ours in between
    types = sorted(r.log_record.attributes["aiaudit.record.type"] for r in telemetry.logs.get_finished_logs())
    assert types == ["image", "log", "prompt"]
    inst.uninstrument()
    assert _provider_methods_are_the_class_ones(telemetry)


def test_provider_hooks_are_removed_at_uninstrument_and_applied_once(telemetry) -> None:
    inst = AIAuditInstrumentor()
    kwargs = dict(
        tracer_provider=telemetry.tracer_provider,
        meter_provider=telemetry.meter_provider,
        logger_provider=telemetry.logger_provider,
    )
    inst.instrument(**kwargs)
    inst.instrument(**kwargs)
    try:
        hook = vars(telemetry.tracer_provider)["force_flush"]
        assert hook.__wrapped__.__func__ is type(telemetry.tracer_provider).force_flush  # one layer
    finally:
        inst.uninstrument()
    assert _provider_methods_are_the_class_ones(telemetry)
    assert telemetry.tracer_provider.force_flush() is True


def _requests_total(reader) -> float:
    data = reader.get_metrics_data()
    return sum(
        p.value
        for rm in (data.resource_metrics if data else [])
        for sm in rm.scope_metrics
        for m in sm.metrics
        if m.name == "aiaudit.requests"
        for p in m.data.data_points
    )


def test_merged_counters_reach_the_sdk_once_per_batch_with_the_same_totals() -> None:
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.metrics.export import InMemoryMetricReader

    from otel_aiaudit.generation import Actor, Generation
    from otel_aiaudit.telemetry.metrics import MetricsRecorder

    reader = InMemoryMetricReader()
    recorder = MetricsRecorder(MeterProvider(metric_readers=[reader]).get_meter("t"), merge_counters=True)
    for user in ("ann", "bob", "ann"):
        recorder.record(Generation(provider="openai", model="m", status="success", actor=Actor(user=user)))
    assert _requests_total(reader) == 0  # held until the batch ends
    if os.fork() == 0:  # a forked child starts without the parent's held increments
        recorder.flush_counters()
        os._exit(0 if _requests_total(reader) == 0 else 1)
    _, status = os.wait()
    assert os.waitstatus_to_exitcode(status) == 0
    recorder.flush_counters()
    assert _requests_total(reader) == 3


def test_counters_of_calls_run_inline_under_back_pressure_are_flushed(
    instrument, telemetry, openai_client, monkeypatch
) -> None:
    from otel_aiaudit.telemetry.worker import WORKER

    instrument()
    monkeypatch.setattr(WORKER, "max_pending", 0)  # a full queue: every call's telemetry runs inline
    openai_client.images.generate(model="gpt-image-2", prompt="under back-pressure")
    assert telemetry.metric_sum("aiaudit.requests") == 1
