"""The engine: each rule, outcomes, observe mode, raise_for, purity across tracing setups."""

from __future__ import annotations

import asyncio

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF, ALWAYS_ON, TraceIdRatioBased

from otel_aiaudit.errors import ContentBlocked, CopyrightBlocked, PIIBlocked, PromptTooLong
from otel_aiaudit.generation import Actor, Generation
from otel_aiaudit.policy.config import (
    ContentFilter,
    CopyrightConfig,
    PIIConfig,
    PolicyConfig,
    PromptLength,
)
from otel_aiaudit.policy.engine import PolicyEngine, raise_for


def gen(prompt: str | None, **kw) -> Generation:
    return Generation(provider="openai", model="gpt-image-1", prompt=prompt, **kw)


def enforce(**sections) -> PolicyEngine:
    return PolicyEngine(PolicyConfig(mode="enforce", **sections))


def test_builtin_default_flags_and_never_blocks() -> None:
    engine = PolicyEngine()
    assert engine.version == "builtin" and engine.config.mode == "observe"
    d = engine.evaluate(gen("a gory scene, mail bob@example.com"))
    assert d.outcome == "warn" and d.mode == "observe"
    assert d.flags == ["content:violence", "pii:email"]
    raise_for(d)  # observe: nothing raised
    assert engine.evaluate(gen("a lighthouse at dusk")).outcome == "allow"


def test_content_block_names_rule_without_echoing_prompt() -> None:
    engine = enforce(content_filter=ContentFilter(action="block_and_alert"))
    d = engine.evaluate(gen("a d3c4p1t4t3d soldier"))
    assert d.outcome == "block" and d.alert is True
    assert d.hits[0].detail == "matched 1 term in category violence"
    with pytest.raises(ContentBlocked) as err:
        raise_for(d)
    message = str(err.value)
    assert "content" in message and "violence" in message and "d3c4p1t4t3d" not in message
    assert err.value.decision is d


def test_content_warn_and_categories_subset() -> None:
    engine = enforce(content_filter=ContentFilter(action="warn", blocked_categories=["explicit"]))
    assert engine.evaluate(gen("a gory scene")).outcome == "allow"  # violence not listed
    d = engine.evaluate(gen("a nude woman posing on a bed"))
    assert d.outcome == "warn" and d.alert is False


def test_extra_and_allow_terms() -> None:
    engine = enforce(
        content_filter=ContentFilter(
            extra_terms={"violence": ["crowbar beating"]}, allow_terms=["gore vidal"]
        )
    )
    assert engine.evaluate(gen("a crowbar beating in an alley")).outcome == "block"
    assert engine.evaluate(gen("portrait of gore vidal, the writer")).outcome == "allow"
    assert engine.evaluate(gen("gore everywhere")).outcome == "block"


def test_negative_prompt_is_scanned_unless_switched_off() -> None:
    g = gen("a castle", negative_prompt="n.u.d.e")
    assert enforce(content_filter=ContentFilter()).evaluate(g).outcome == "block"
    off = enforce(content_filter=ContentFilter(check_negative_prompt=False))
    assert off.evaluate(g).outcome == "allow"


def test_deepfake_needs_person_and_cue() -> None:
    engine = enforce(content_filter=ContentFilter())
    assert engine.evaluate(gen("photorealistic Elon Musk in a lab")).flags == ["content:deepfake"]
    assert engine.evaluate(gen("cartoon of Elon Musk")).outcome == "allow"
    assert engine.evaluate(gen("a photo of a lighthouse")).outcome == "allow"
    extra = enforce(content_filter=ContentFilter(extra_terms={"deepfake": ["Jane Localcelebrity"]}))
    assert extra.evaluate(gen("photo of jane localcelebrity")).outcome == "block"


def test_thai_content() -> None:
    engine = enforce(content_filter=ContentFilter())
    assert engine.evaluate(gen("ภาพคนฆ่าคน")).flags == ["content:violence"]
    assert engine.evaluate(gen("ยาฆ่าแมลงในสวน")).outcome == "allow"
    assert engine.evaluate(gen("หีบเพลงโบราณ")).outcome == "allow"


def test_a_thai_space_parts_an_allowed_phrase_from_a_term_that_reads_past_it() -> None:
    # "งาน ศพ" across the space spells งานศพ (a funeral, allowed); the space says the words part
    # there, and "ศพเกลื่อน" (corpses strewn) reads on past the allowed phrase.
    engine = enforce(content_filter=ContentFilter(prompt_model=False))
    assert engine.evaluate(gen("drone strike ถล่มงานแต่งงาน ศพเกลื่อน")).flags == ["content:violence"]
    # A funeral stays allowed, spaced or not, when nothing listed reads past it.
    assert engine.evaluate(gen("งานศพคุณยาย ดอกไม้ขาว")).outcome == "allow"
    assert engine.evaluate(gen("ไปงาน ศพคุณตา")).outcome == "allow"
    assert engine.evaluate(gen("งานศพ เกลื่อนกลาด ด้วยดอกไม้")).outcome == "allow"


def test_pii_redact_block_warn() -> None:
    prompt = "poster for bob@example.com, call 081-234-5678"
    d = enforce(pii=PIIConfig(action="redact")).evaluate(gen(prompt))
    assert d.outcome == "modify"
    assert d.modified_prompt == "poster for [EMAIL], call [PHONE]"
    assert [h.detail for h in d.hits] == ["email at 11-26", "phone at 33-45"]
    assert all("bob" not in h.detail for h in d.hits)
    blocked = enforce(pii=PIIConfig(action="block")).evaluate(gen(prompt))
    with pytest.raises(PIIBlocked):
        raise_for(blocked)
    assert enforce(pii=PIIConfig(action="warn")).evaluate(gen(prompt)).outcome == "warn"
    only_ip = enforce(pii=PIIConfig(action="block", detectors=["ip"])).evaluate(gen(prompt))
    assert only_ip.outcome == "allow"


def test_copyright_warn_block_extend_allow() -> None:
    prompt = "castle in the style of Greg Rutkowski"
    assert enforce(copyright=CopyrightConfig(action="warn")).evaluate(gen(prompt)).flags == [
        "copyright:artist"
    ]
    with pytest.raises(CopyrightBlocked):
        raise_for(enforce(copyright=CopyrightConfig(action="block")).evaluate(gen(prompt)))
    allowed = enforce(copyright=CopyrightConfig(allow_artists=["greg rutkowski"]))
    assert allowed.evaluate(gen(prompt)).outcome == "allow"
    extra = enforce(copyright=CopyrightConfig(extra_artists=["Ann Example"]))
    assert extra.evaluate(gen("in the style of ann example")).outcome == "warn"


def test_prompt_length_truncate_after_redaction() -> None:
    engine = enforce(pii=PIIConfig(action="redact"), prompt_length=PromptLength(max_chars=20))
    d = engine.evaluate(gen("write to bob@example.com about a very long poster"))
    assert d.outcome == "modify"
    assert d.modified_prompt == "write to [EMAIL] abo"
    hit = next(h for h in d.hits if h.rule == "prompt_length")
    assert hit.action == "truncate" and hit.detail == "prompt of 49 chars truncated to 20 (max_chars)"
    with pytest.raises(PromptTooLong):
        raise_for(enforce(prompt_length=PromptLength(max_chars=5, action="block")).evaluate(gen("too long")))


def test_observe_records_would_block() -> None:
    engine = PolicyEngine(PolicyConfig(mode="observe", content_filter=ContentFilter()))
    d = engine.evaluate(gen("gore"))
    assert d.outcome == "block" and d.mode == "observe"
    raise_for(d)  # never raises in observe mode


def test_odd_inputs_never_raise() -> None:
    engine = enforce(content_filter=ContentFilter(), pii=PIIConfig(), prompt_length=PromptLength(max_chars=3))
    for prompt in (None, "", "\x00\ud800", "🙂" * 1000, 12345):
        d = engine.evaluate(gen(prompt))  # type: ignore[arg-type]
        assert d.policy_version == engine.version


def test_aevaluate_matches_evaluate() -> None:
    engine = enforce(content_filter=ContentFilter(), pii=PIIConfig())
    g = gen("gore for bob@example.com")
    assert asyncio.run(engine.aevaluate(g)) == engine.evaluate(g)


def test_version_is_content_hash() -> None:
    a = enforce(content_filter=ContentFilter())
    b = enforce(content_filter=ContentFilter())
    c = enforce(content_filter=ContentFilter(action="warn"))
    assert a.version == b.version != c.version and a.version.startswith("sha256:")


PROMPTS = [
    "gore",
    "a calm lake",
    "photo of Taylor Swift",
    "k1ll",
    "mail a@b.io",
    "style of banksy",
    "ภาพโป๊",
]


def _decisions(engine: PolicyEngine) -> list:
    return [engine.evaluate(gen(p, actor=Actor(user="alice", team="t"))) for p in PROMPTS]


@pytest.mark.parametrize(
    "sampler", [ALWAYS_ON, ALWAYS_OFF, TraceIdRatioBased(0.5)], ids=["on", "off", "half"]
)
def test_decisions_identical_at_any_sampling_rate(sampler) -> None:
    engine = enforce(content_filter=ContentFilter(), pii=PIIConfig(), copyright=CopyrightConfig())
    bare = _decisions(engine)  # no SDK configured at all
    tracer = TracerProvider(sampler=sampler).get_tracer("test")
    with tracer.start_as_current_span("generate_content gpt-image-1"):
        traced = _decisions(engine)
    assert traced == bare
    assert [d.outcome for d in bare] == ["block", "allow", "block", "block", "modify", "warn", "block"]


def test_a_phrase_is_probed_by_its_rarest_looking_word() -> None:
    # The probe word decides whether a prompt gets the full scan: a phrase ending in an everyday
    # prompt word ("photo", "poster") is probed by its other word, so clean prompts stay fast.
    from otel_aiaudit.policy.terms import CONTENT, TermIndex

    index = TermIndex([("sex photo", (CONTENT, "explicit")), ("racist poster", (CONTENT, "hate_speech"))])
    # (the joined forms "sexphoto", "racistposter" are keys of their own, probed by themselves)
    assert index._probe_words == {"sex", "racist", "sexphoto", "racistposter"}
    assert index.scan("a photo of a poster on a wall") == []
    assert [m.category for m in index.scan("a racist poster")] == ["hate_speech"]
