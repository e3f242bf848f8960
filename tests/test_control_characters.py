"""Control characters and lone surrogates never reach the provider: the policy engine strips them
(decision `modify`, hit input:control_characters) and the real openai client sends the clean text."""

from __future__ import annotations

import pytest

from otel_aiaudit import ContentBlocked
from otel_aiaudit.generation import Generation
from otel_aiaudit.policy.config import PolicyConfig
from otel_aiaudit.policy.engine import PolicyEngine

POLICY = PolicyConfig.model_validate(
    {
        "version": 1,
        "mode": "enforce",
        "content_filter": {"blocked_categories": ["violence", "explicit"], "action": "block"},
        "pii": {"action": "redact"},
    }
)


@pytest.mark.fault(
    fault="control characters or split letters inside a blocked term",
    app_sees="the term is blocked; control characters are never sent",
    recorded="a modify decision with hit input:control_characters",
)
def test_provider_receives_the_prompt_without_control_characters(instrument, telemetry, openai_client, oai) -> None:
    instrument(policy=POLICY)
    openai_client.images.generate(model="gpt-image-1", prompt="a red\x00 fox\tin the\x1b snow\r\nat dusk\x7f")
    (req,) = oai.routes("/v1/images/generations")
    assert req.json()["prompt"] == "a red fox in the snow\nat dusk"
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.policy.decision"] == "modify"
    assert "input:control_characters" in span.attributes["aiaudit.policy.flags"]
    (prompt_rec,) = telemetry.records("prompt")
    assert prompt_rec.body["sent_prompt_length"] == len("a red fox in the snow\nat dusk")


def test_lone_surrogate_is_stripped_and_other_rules_apply_to_the_clean_text(
    instrument, telemetry, openai_client, oai
) -> None:
    instrument(policy=POLICY)
    openai_client.images.generate(model="gpt-image-1", prompt="mail bob@corp.example\ud800 a card")
    (req,) = oai.routes("/v1/images/generations")
    assert req.json()["prompt"] == "mail [EMAIL] a card"
    flags = telemetry.finished_spans()[0].attributes["aiaudit.policy.flags"]
    assert "input:control_characters" in flags and "pii:email" in flags


def test_blocked_term_split_by_nul_is_not_sent(instrument, openai_client, oai) -> None:
    instrument(policy=POLICY)
    with pytest.raises(ContentBlocked):
        openai_client.images.generate(model="gpt-image-1", prompt="a g\x00o\x00r\x00e scene")
    assert oai.routes("/v1/images") == []


def test_engine_decision_for_control_characters() -> None:
    engine = PolicyEngine(POLICY)
    d = engine.evaluate(Generation(provider="openai", prompt="a cat\x00 on a sofa\n"))
    assert d.outcome == "modify" and d.modified_prompt == "a cat on a sofa\n"
    (hit,) = d.hits
    assert (hit.rule, hit.category, hit.action) == ("input", "control_characters", "strip")
    assert "\x00" not in hit.detail
    # Newlines alone are ordinary text: nothing to strip.
    clean = engine.evaluate(Generation(provider="openai", prompt="line one\nline two"))
    assert clean.outcome == "allow" and clean.hits == []
