"""Extra classifiers: the OpenAI moderation adapter (real openai client, loopback server),
python callables, timeouts and fail modes."""

from __future__ import annotations

import asyncio
import time

import pytest

from otel_aiaudit.errors import ContentBlocked, GovernanceUnavailable, PolicyFileError
from otel_aiaudit.generation import Generation
from otel_aiaudit.policy.config import ClassifierConfig, ContentFilter, PolicyConfig
from otel_aiaudit.policy.engine import PolicyEngine, raise_for

from .moderation_server import ModerationServer


@pytest.fixture()
def server():
    with ModerationServer() as srv:
        yield srv


def engine_with(*classifiers: ClassifierConfig, action: str = "block") -> PolicyEngine:
    # The shipped prompt model off: these prompts are about what the classifiers answer.
    content = ContentFilter(action=action, classifiers=list(classifiers), prompt_model=False)
    return PolicyEngine(PolicyConfig(mode="enforce", content_filter=content))


def moderation(server: ModerationServer, **kw) -> ClassifierConfig:
    return ClassifierConfig(
        name="moderation",
        type="openai_moderation",
        base_url=server.base_url,
        api_key_env="TEST_MOD_KEY",
        **kw,
    )


def gen(prompt: str) -> Generation:
    return Generation(provider="openai", prompt=prompt)


def test_openai_moderation_blocks_over_threshold(server: ModerationServer, monkeypatch) -> None:
    monkeypatch.setenv("TEST_MOD_KEY", "sk-test-123")
    engine = engine_with(moderation(server, threshold=0.5))
    d = engine.evaluate(gen("soldiers attack a village"))
    assert d.outcome == "block"
    (hit,) = d.hits
    assert (hit.rule, hit.category, hit.action) == ("classifier", "violence", "block")
    assert hit.score == pytest.approx(0.91)
    assert "attack" not in hit.detail
    with pytest.raises(ContentBlocked):
        raise_for(d)
    request = server.requests[-1]
    assert request["path"] == "/v1/moderations"
    assert request["body"] == {"input": "soldiers attack a village", "model": "omni-moderation-latest"}
    assert request["auth"] == "Bearer sk-test-123"
    assert engine.evaluate(gen("a quiet meadow")).outcome == "allow"


def test_openai_moderation_async(server: ModerationServer) -> None:
    engine = engine_with(moderation(server, threshold=0.5, model="omni-moderation-2024-09-26"))
    d = asyncio.run(engine.aevaluate(gen("an explicit-ish pinup")))
    assert d.flags == ["classifier:explicit"]
    assert server.requests[-1]["body"]["model"] == "omni-moderation-2024-09-26"


def test_local_block_skips_remote_classifier(server: ModerationServer) -> None:
    engine = engine_with(moderation(server))
    assert engine.evaluate(gen("gore and an attack")).flags == ["content:violence"]
    assert server.requests == []


def test_timeout_fail_open_and_closed(server: ModerationServer) -> None:
    open_engine = engine_with(moderation(server, timeout_seconds=0.3, fail_mode="fail_open"))
    t0 = time.monotonic()
    d = open_engine.evaluate(gen("paint it slowly"))
    assert time.monotonic() - t0 < 1.2  # did not wait for the 1.5 s response
    assert d.outcome == "allow" and d.degraded == "classifier_unavailable:fail_open"
    assert d.hits[0].action == "observe" and "timed out after 0.3s" in d.hits[0].detail
    closed = engine_with(moderation(server, timeout_seconds=0.3, fail_mode="fail_closed"))
    d = closed.evaluate(gen("paint it slowly"))
    assert d.outcome == "block" and d.degraded == "classifier_unavailable:fail_closed"
    with pytest.raises(GovernanceUnavailable, match="classifier"):
        raise_for(d)
    d = asyncio.run(closed.aevaluate(gen("paint it slowly")))
    assert d.outcome == "block"


def test_server_error_follows_fail_mode(server: ModerationServer) -> None:
    d = engine_with(moderation(server, fail_mode="fail_closed")).evaluate(gen("crash please"))
    assert d.outcome == "block" and "failed: InternalServerError" in d.hits[0].detail
    # Unset, a classifier fails as the policy's classifier step: closed in enforce mode.
    d = engine_with(moderation(server)).evaluate(gen("crash please"))
    assert d.outcome == "block" and d.degraded == "classifier_unavailable:fail_closed"
    d = engine_with(moderation(server, fail_mode="fail_open")).evaluate(gen("crash please"))
    assert d.outcome == "allow" and d.degraded == "classifier_unavailable:fail_open"


# A python classifier, referenced by dotted path as a policy file would.
def score_words(text: str) -> dict[str, float]:
    return {"toxic": 0.97 if "toxic" in text else 0.0, "violence": 0.2}


async def ascore(text: str) -> dict[str, float]:
    await asyncio.sleep(0)
    return {"hate_speech": 0.7}


def test_python_callable_with_label_mapping() -> None:
    cfg = ClassifierConfig(
        name="words", type="python", callable=f"{__name__}:score_words", categories={"toxic": "hate_speech"}
    )
    engine = engine_with(cfg, action="warn")
    d = engine.evaluate(gen("a toxic banner"))
    assert d.outcome == "warn" and d.flags == ["classifier:hate_speech"]
    assert engine.evaluate(gen("a kind banner")).outcome == "allow"  # violence 0.2 < 0.5


def test_async_python_callable_both_paths() -> None:
    engine = engine_with(ClassifierConfig(name="a", callable=f"{__name__}:ascore"))
    assert engine.evaluate(gen("x")).flags == ["classifier:hate_speech"]
    assert asyncio.run(engine.aevaluate(gen("x"))).flags == ["classifier:hate_speech"]


def test_bad_callable_fails_at_startup() -> None:
    with pytest.raises(PolicyFileError, match=r"classifiers\[0\]"):
        engine_with(ClassifierConfig(name="nope", callable="no.such.module:fn"))
