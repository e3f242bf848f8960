"""Span attributes every audited generation carries, popped in one place by the provider tests."""

from __future__ import annotations

from typing import Any


def pop_audit_defaults(
    attrs: dict[str, Any],
    *,
    user: str = "tester",
    decision: str = "allow",
    version: str = "builtin",
    mode: str = "observe",
    status: str | None = "success",
) -> None:
    """Pop the actor, policy, pricing-version, generation-id and status attributes (built-in policy).
    `status=None` leaves the status for the caller (helpers shared by success and failure tests)."""
    assert attrs.pop("user.id") == user
    assert attrs.pop("aiaudit.policy.decision") == decision
    assert attrs.pop("aiaudit.policy.flags") == ()
    assert attrs.pop("aiaudit.policy.version") == version
    assert attrs.pop("aiaudit.policy.mode") == mode
    assert attrs.pop("aiaudit.pricing.version")
    assert len(attrs.pop("aiaudit.generation.id")) == 32
    if status is not None:
        assert attrs.pop("aiaudit.status") == status
    if "gen_ai.usage.cost" in attrs:  # the same cost under the name OpenLIT and Langfuse read
        cost = attrs.pop("gen_ai.usage.cost")
        assert cost == attrs.get("aiaudit.cost.usd", cost) and cost >= 0


def pop_generation_request(attrs: dict[str, Any], *, provider: str, model: str, operation: str = "generate") -> None:
    """Pop the GenAI request attributes every generation span starts with."""
    assert attrs.pop("gen_ai.operation.name") == "generate_content"
    assert attrs.pop("gen_ai.output.type") == "image"
    assert attrs.pop("gen_ai.provider.name") == provider
    assert attrs.pop("gen_ai.request.model") == model
    assert attrs.pop("aiaudit.image.operation") == operation
