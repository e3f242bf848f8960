"""A dead budget store through the real openai client: fail_closed refuses before the provider,
fail_open lets the call through; either way the degraded decision is on the span and the record."""

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


def test_fail_closed_refuses_before_the_provider(instrument, telemetry, openai_client, oai) -> None:
    instrument(policy=_policy("fail_closed"), store=_dead_redis_url())
    with pytest.raises(GovernanceUnavailable):
        openai_client.images.generate(model="gpt-image-2", prompt="a quiet lake")
    assert oai.routes("/v1/images") == []
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "blocked"
    assert span.attributes["aiaudit.policy.degraded"].startswith("store_unavailable")
    (log_rec,) = telemetry.records("log")
    assert log_rec.body["policy"]["degraded"].startswith("store_unavailable")


def test_fail_open_lets_the_call_through_marked_degraded(instrument, telemetry, openai_client, oai) -> None:
    instrument(policy=_policy("fail_open"), store=_dead_redis_url())
    result = openai_client.images.generate(model="gpt-image-2", prompt="a quiet lake")
    assert result.data
    assert len(oai.routes("/v1/images")) == 1
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "success"
    assert "fail_open" in span.attributes["aiaudit.policy.degraded"]
