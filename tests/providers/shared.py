"""What the provider tests share: the enforcing policy they switch on, a prompt it blocks, and how
costs are compared."""

from __future__ import annotations

from typing import Any

import pytest

from otel_aiaudit.policy.config import PolicyConfig

ENFORCE = {
    "version": 1,
    "mode": "enforce",
    "pii": {"action": "redact"},
    "content_filter": {"blocked_categories": ["violence"], "action": "block"},
}
VIOLENT = "a bloody massacre with corpses everywhere"


def usd(value: float) -> Any:
    """Costs leave pricing rounded to whole micro-dollars."""
    return pytest.approx(value, abs=1e-6)


def enforce(instrument: Any) -> None:
    """Instrument with ENFORCE: PII redacted, violence blocked."""
    instrument(policy=PolicyConfig.model_validate(ENFORCE))
