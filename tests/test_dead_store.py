"""Governance steps that break, through the real openai client: a dead budget store and a content
classifier that raises. fail_closed refuses before the provider with GovernanceUnavailable naming the
step, fail_open lets the call through; either way the degraded decision is on the span, in the record
(raised to an alert) and in the aiaudit.governance.degraded metric."""

from __future__ import annotations

import socket

import pytest

from otel_aiaudit import GovernanceUnavailable
from otel_aiaudit.policy.config import PolicyConfig


def _dead_redis_url() -> str:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def _policy(on_store_error: str) -> PolicyConfig:
    return PolicyConfig.model_validate(
        {
            "version": 1,
            "mode": "enforce",
            "cost_limits": {"per_user_daily": 5.0, "per_team_monthly": 500.0, "on_store_error": on_store_error},
        }
    )


@pytest.mark.fault(
    fault="budget store unreachable (on_store_error: fail_closed, the default)",
    app_sees="GovernanceUnavailable (step store) before anything is sent",
    recorded="blocked generation, degraded decision, alert record, aiaudit.governance.degraded",
)
def test_fail_closed_refuses_before_the_provider(instrument, telemetry, openai_client, oai) -> None:
    instrument(policy=_policy("fail_closed"), store=_dead_redis_url())
    with pytest.raises(GovernanceUnavailable) as info:
        openai_client.images.generate(model="gpt-image-2", prompt="a quiet lake")
    assert info.value.step == "store"
    assert oai.routes("/v1/images") == []
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "blocked"
    assert span.attributes["aiaudit.policy.degraded"].startswith("store_unavailable")
    (log_rec,) = telemetry.records("log")
    assert log_rec.body["policy"]["degraded"] == "store_unavailable:fail_closed"
    assert log_rec.attributes["aiaudit.alert"] is True and log_rec.severity_text == "ERROR"
    degraded = {"aiaudit.governance.step": "store", "aiaudit.governance.mode": "fail_closed"}
    assert telemetry.metric_sum("aiaudit.governance.degraded", **degraded) == 1


@pytest.mark.fault(
    fault="budget store unreachable, on_store_error: fail_open",
    app_sees="the call goes through",
    recorded="degraded decision on span and record, alert record, aiaudit.governance.degraded",
)
def test_fail_open_lets_the_call_through_marked_degraded(instrument, telemetry, openai_client, oai) -> None:
    instrument(policy=_policy("fail_open"), store=_dead_redis_url())
    result = openai_client.images.generate(model="gpt-image-2", prompt="a quiet lake")
    assert result.data
    assert len(oai.routes("/v1/images")) == 1
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "success"
    assert "fail_open" in span.attributes["aiaudit.policy.degraded"]
    (record,) = telemetry.records()
    assert record.attributes["aiaudit.alert"] is True
    assert telemetry.metric_sum("aiaudit.governance.degraded", **{"aiaudit.governance.mode": "fail_open"}) == 1


def broken_classifier(text: str) -> dict[str, float]:
    """A content classifier whose service is down (a python classifier, called by dotted path)."""
    raise ConnectionError("moderation service unreachable")


@pytest.mark.fault(
    fault="content classifier raises or times out (enforce mode, no fail_mode of its own)",
    app_sees="GovernanceUnavailable (step classifier) before anything is sent",
    recorded="blocked generation, degraded decision, alert record, aiaudit.governance.degraded",
)
def test_a_broken_classifier_fails_closed_in_enforce_mode(instrument, telemetry, openai_client, oai) -> None:
    policy = PolicyConfig.model_validate(
        {
            "version": 1,
            "mode": "enforce",
            "content_filter": {
                "classifiers": [{"name": "mod", "type": "python", "callable": f"{__name__}:broken_classifier"}]
            },
        }
    )
    instrument(policy=policy)
    with pytest.raises(GovernanceUnavailable) as info:
        openai_client.images.generate(model="gpt-image-2", prompt="a quiet lake")
    assert info.value.step == "classifier"
    assert oai.routes("/v1/images") == []
    (record,) = telemetry.records()
    assert record.body["log"]["policy"]["degraded"] == "classifier_unavailable:fail_closed"
    assert record.attributes["aiaudit.alert"] is True
    assert telemetry.metric_sum("aiaudit.governance.degraded", **{"aiaudit.governance.step": "classifier"}) == 1
