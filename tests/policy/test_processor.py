"""PolicySpanProcessor with spans opened by hand, real SDK and in-memory exporter."""

from __future__ import annotations

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF

from otel_aiaudit.errors import ContentBlocked
from otel_aiaudit.policy.config import ContentFilter, PIIConfig, PolicyConfig
from otel_aiaudit.policy.engine import PolicyEngine
from otel_aiaudit.telemetry.processor import PolicySpanProcessor

ENGINE = PolicyEngine(
    PolicyConfig(mode="enforce", content_filter=ContentFilter(), pii=PIIConfig(action="warn"))
)


def setup(engine: PolicyEngine = ENGINE, **kw):
    exporter = InMemorySpanExporter()
    provider = TracerProvider(**kw)
    provider.add_span_processor(PolicySpanProcessor(engine))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider.get_tracer("inhouse"), exporter


def genai(prompt: str, **extra) -> dict:
    return {
        "gen_ai.operation.name": "generate_content",
        "gen_ai.provider.name": "inhouse",
        "gen_ai.request.model": "painter-2",
        "aiaudit.prompt": prompt,
        "user.id": "alice",
        "aiaudit.team": "marketing",
        **extra,
    }


def test_allowed_span_gets_decision_and_hit_events() -> None:
    tracer, exporter = setup()
    with tracer.start_as_current_span("generate_content painter-2", attributes=genai("a lake, mail a@b.io")):
        pass
    (span,) = exporter.get_finished_spans()
    assert span.attributes["aiaudit.policy.decision"] == "warn"
    assert tuple(span.attributes["aiaudit.policy.flags"]) == ("pii:email",)
    assert span.attributes["aiaudit.policy.version"] == ENGINE.version
    (event,) = [e for e in span.events if e.name == "aiaudit.policy.hit"]
    assert dict(event.attributes) == {
        "rule": "pii",
        "category": "email",
        "action": "warn",
        "detail": "email at 13-19",
    }


def test_block_raises_and_records_blocked_span() -> None:
    tracer, exporter = setup()
    called = False
    with pytest.raises(ContentBlocked) as err:
        with tracer.start_as_current_span("generate_content painter-2", attributes=genai("a g0re scene")):
            called = True
    assert not called
    assert "g0re" not in str(err.value)
    (span,) = exporter.get_finished_spans()
    assert span.attributes["aiaudit.policy.decision"] == "block"
    assert span.attributes["aiaudit.status"] == "blocked"
    assert span.attributes["error.type"] == "ContentBlocked"
    assert [e.attributes["category"] for e in span.events] == ["violence"]


def test_observe_mode_does_not_raise() -> None:
    engine = PolicyEngine(PolicyConfig(mode="observe", content_filter=ContentFilter()))
    tracer, exporter = setup(engine)
    with tracer.start_as_current_span("x", attributes=genai("gore")):
        pass
    (span,) = exporter.get_finished_spans()
    assert span.attributes["aiaudit.policy.decision"] == "block"
    assert span.attributes["aiaudit.policy.mode"] == "observe"


def test_skips_decided_and_non_genai_spans() -> None:
    tracer, exporter = setup()
    with tracer.start_as_current_span(
        "ours", attributes={**genai("gore"), "aiaudit.policy.decision": "allow"}
    ):
        pass
    with tracer.start_as_current_span("http GET", attributes={"aiaudit.prompt": "gore"}):
        pass
    spans = exporter.get_finished_spans()
    assert len(spans) == 2
    assert spans[0].attributes["aiaudit.policy.decision"] == "allow"  # untouched
    assert "aiaudit.policy.decision" not in spans[1].attributes
    assert all(not s.events for s in spans)


def test_sampler_off_means_no_processor_call() -> None:
    # Documented SDK behaviour the design relies on: our wrappers must call the engine directly.
    tracer, exporter = setup(sampler=ALWAYS_OFF)
    with tracer.start_as_current_span("x", attributes=genai("gore")):
        pass
    assert exporter.get_finished_spans() == ()
