"""Policy through the real openai client: blocked calls never reach the provider, redacted and truncated
prompts reach it exactly as modified, and decisions hold with sampling off and with no SDK at all."""

from __future__ import annotations

import asyncio

import pytest

from otel_aiaudit import AIAuditInstrumentor, ContentBlocked, PIIBlocked, PolicyViolation
from otel_aiaudit.policy.config import PolicyConfig

POLICY = PolicyConfig.model_validate(
    {
        "version": 1,
        "mode": "enforce",
        "content_filter": {
            "blocked_categories": ["violence", "explicit", "hate_speech", "deepfake"],
            "action": "block_and_alert",
        },
        "pii": {"action": "redact"},
        "copyright": {"action": "warn"},
        "prompt_length": {"max_chars": 40, "action": "truncate_and_warn"},
    }
)
VIOLENT = "a photo of a bloody massacre with dismembered bodies"


def test_blocked_call_sends_nothing(instrument, telemetry, openai_client, oai) -> None:
    instrument(policy=POLICY)
    with pytest.raises(ContentBlocked) as info:
        openai_client.images.generate(model="gpt-image-2", prompt=VIOLENT)
    assert oai.routes("/v1/images") == []
    assert "massacre" not in str(info.value) and "content" in str(info.value)
    assert info.value.decision.outcome == "block"
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "blocked"
    assert span.attributes["aiaudit.policy.decision"] == "block"
    assert any(f.startswith("content:violence") for f in span.attributes["aiaudit.policy.flags"])
    assert span.attributes["aiaudit.cost.usd"] == 0.0
    hits = [e for e in span.events if e.name == "aiaudit.policy.hit"]
    assert hits and all("massacre" not in str(dict(e.attributes)) for e in hits)
    assert telemetry.metric_sum("aiaudit.policy.violations", **{"aiaudit.policy.rule": "content"}) >= 1
    assert telemetry.metric_sum("aiaudit.requests", **{"aiaudit.status": "blocked"}) == 1
    # The one record carries the decision; block_and_alert raises it to an ERROR alert.
    (record,) = telemetry.records()
    assert record.event_name == "aiaudit.generation" and record.body["log"]["status"] == "blocked"
    assert record.severity_text == "ERROR" and record.attributes["aiaudit.alert"] is True
    assert "massacre" not in repr(record.body["log"])


def test_redacted_prompt_is_what_the_provider_receives(instrument, telemetry, openai_client, oai) -> None:
    instrument(policy=POLICY)
    openai_client.images.generate(model="gpt-image-2", prompt="card for bob@corp.example")
    (req,) = oai.routes("/v1/images/generations")
    assert req.json()["prompt"] == "card for [EMAIL]"
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.policy.decision"] == "modify"
    assert "pii:email" in span.attributes["aiaudit.policy.flags"]
    assert span.attributes["aiaudit.prompt.length"] == len("card for bob@corp.example")
    assert span.attributes["aiaudit.prompt.sent_length"] == len("card for [EMAIL]")


def test_truncated_prompt_is_what_the_provider_receives(instrument, telemetry, openai_client, oai) -> None:
    instrument(policy=POLICY)
    long_prompt = "a very long description of a calm green meadow under a wide blue sky"
    openai_client.images.generate(model="gpt-image-2", prompt=long_prompt)
    (req,) = oai.routes("/v1/images/generations")
    sent = req.json()["prompt"]
    assert len(sent) <= 40 and long_prompt.startswith(sent.rstrip())
    (span,) = telemetry.finished_spans()
    assert "prompt_length:max_chars" in span.attributes["aiaudit.policy.flags"]
    (prompt_rec,) = telemetry.records("prompt")
    assert prompt_rec.body["prompt_length"] == len(long_prompt)
    assert prompt_rec.body["sent_prompt_length"] == len(sent)


def test_responses_tool_redaction(instrument, openai_client, oai) -> None:
    instrument(policy=POLICY)
    messages = [{"role": "user", "content": [{"type": "input_text", "text": "logo for ann@corp.example"}]}]
    openai_client.responses.create(model="gpt-5", input=messages, tools=[{"type": "image_generation"}])
    (req,) = oai.routes("/v1/responses")
    assert req.json()["input"][0]["content"][0]["text"] == "logo for [EMAIL]"


def test_pii_block_mode(instrument, openai_client, oai) -> None:
    policy = POLICY.model_copy(update={"pii": POLICY.pii.model_copy(update={"action": "block"})})
    instrument(policy=policy)
    with pytest.raises(PIIBlocked):
        openai_client.images.generate(model="gpt-image-2", prompt="card for bob@corp.example")
    assert oai.routes("/v1/images") == []


async def test_async_block(instrument, async_openai_client, oai) -> None:
    instrument(policy=POLICY)
    with pytest.raises(ContentBlocked):
        await async_openai_client.images.generate(model="gpt-image-2", prompt=VIOLENT)
    assert oai.routes("/v1/images") == []


def test_observe_mode_records_but_never_blocks(instrument, telemetry, openai_client, oai) -> None:
    instrument(policy=POLICY.model_copy(update={"mode": "observe"}))
    openai_client.images.generate(model="gpt-image-2", prompt=VIOLENT + " for bob@corp.example")
    (req,) = oai.routes("/v1/images/generations")
    assert "bob@corp.example" in req.json()["prompt"]  # observe never modifies
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.policy.mode"] == "observe"
    assert span.attributes["aiaudit.status"] == "success"


def test_decisions_identical_unsampled_and_without_sdk(instrument, unsampled, openai_client, oai) -> None:
    instrument(unsampled, policy=POLICY)
    with pytest.raises(ContentBlocked):
        openai_client.images.generate(model="gpt-image-2", prompt=VIOLENT)
    openai_client.images.generate(model="gpt-image-2", prompt="card for bob@corp.example")
    assert unsampled.finished_spans() == []
    assert [r.json()["prompt"] for r in oai.routes("/v1/images")] == ["card for [EMAIL]"]
    statuses = sorted(
        r.body["status"] for r in unsampled.records("log") if r.event_name == "aiaudit.generation"
    )
    assert statuses == ["blocked", "success"]
    AIAuditInstrumentor().uninstrument()

    oai.reset()
    bare = AIAuditInstrumentor()
    bare.instrument(policy=POLICY)  # the API's no-op providers: no SDK configured at all
    try:
        with pytest.raises(PolicyViolation):
            openai_client.images.generate(model="gpt-image-2", prompt=VIOLENT)
        asyncio.run(asyncio.sleep(0))
        openai_client.images.generate(model="gpt-image-2", prompt="card for bob@corp.example")
    finally:
        bare.uninstrument()
    assert [r.json()["prompt"] for r in oai.routes("/v1/images")] == ["card for [EMAIL]"]


def test_broken_policy_file_fails_at_start(tmp_path, telemetry) -> None:
    bad = tmp_path / "policy.yaml"
    bad.write_text("version: 1\nmode: enforce\ncontent_filtr:\n  action: block\n")
    inst = AIAuditInstrumentor()
    try:
        with pytest.raises(ValueError) as info:
            inst.instrument(tracer_provider=telemetry.tracer_provider, policy=str(bad))
    finally:
        inst.uninstrument()
    message = str(info.value)
    assert (
        str(bad) in message and ":3" in message and "content_filtr" in message and "content_filter" in message
    )
