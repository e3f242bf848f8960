"""Spans and audit records exactly as the plugin emits them, from real generations through the
instrumented `openai` client against the loopback server (the policy and prompts of real_workload.py).

The collector cannot run in the test environment; what it is configured to do with these records is
checked against them (ottl_subset.py), so the fan-out and the span allow-list are proven on real data.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import openai
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from real_workload import POLICY, ROUND, RealWorkload, play_round

from otel_aiaudit import AIAuditInstrumentor
from otel_aiaudit.loopback.openai import start_openai_server
from otel_aiaudit.policy.config import PolicyConfig


@dataclass
class Emitted:
    span_attributes: set[str]  # keys of span attributes and span event attributes
    resource_attributes: set[str]
    records: list[dict[str, Any]]  # {"event_name", "severity_text", "attributes", "body"}


def _plain(value: Any) -> Any:
    if isinstance(value, dict) or hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@functools.cache
def emitted(workdir: str) -> Emitted:
    """One round of generations (success, block_and_alert, provider error, pending approval), with
    prompt capture `full` so every prompt field the plugin can emit is present."""
    spans, logs = InMemorySpanExporter(), InMemoryLogRecordExporter()
    resource = Resource.create({"service.name": "aiaudit-real-app"})
    tracer_provider = TracerProvider(resource=resource)
    tracer_provider.add_span_processor(SimpleSpanProcessor(spans))
    logger_provider = LoggerProvider(resource=resource)
    logger_provider.add_log_record_processor(SimpleLogRecordProcessor(logs))
    server = start_openai_server()
    instrumentor = AIAuditInstrumentor()
    instrumentor.instrument(
        tracer_provider=tracer_provider,
        logger_provider=logger_provider,
        meter_provider=MeterProvider(),
        policy=PolicyConfig.model_validate(POLICY),
        store="memory://",
        ledger=f"{workdir}/ledger.db",
        prompt_capture="full",
        capture_message_content="SPAN_AND_EVENT",
    )
    try:
        client = openai.OpenAI(base_url=f"{server.url}/v1", api_key="sk-real", max_retries=0)
        server.override = RealWorkload.fail_some
        play_round(client, ROUND, {})
    finally:
        instrumentor.uninstrument()
        server.stop()
    span_keys: set[str] = set()
    for span in spans.get_finished_spans():
        span_keys |= set(span.attributes or {})
        for event in span.events:
            span_keys |= set(event.attributes or {})
    records = []
    for data in logs.get_finished_logs():
        rec = data.log_record
        records.append(
            {
                "event_name": rec.event_name,
                "severity_text": rec.severity_text,
                "attributes": _plain(rec.attributes or {}),
                "body": _plain(rec.body),
            }
        )
    return Emitted(span_keys, set(resource.attributes), records)

