"""Async calls settle their budget without blocking the event loop, and the spend still lands."""

from __future__ import annotations

import asyncio

from otel_aiaudit import BudgetExceeded, audit_context
from otel_aiaudit.policy.config import PolicyConfig

POLICY = PolicyConfig.model_validate(
    {"version": 1, "mode": "enforce", "cost_limits": {"per_user_daily": 0.30, "per_team_monthly": 100.0}}
)


async def test_async_generations_charge_the_budget(instrument, async_openai_client) -> None:
    inst = instrument(policy=POLICY, store="memory://")
    outcomes = []
    with audit_context(user="ann", team="ops"):
        for _ in range(4):  # high quality gpt-image-2: ~$0.125 actual, $0.211 reserved each
            try:
                await async_openai_client.images.generate(model="gpt-image-2", prompt="poster", quality="high")
                outcomes.append("ok")
            except BudgetExceeded:
                outcomes.append("blocked")
            await asyncio.sleep(0.05)  # let the off-loop settle land
    # $0.30: the first fits ($0.211 reserved, $0.125 charged), the second would pass 100 % when reserved.
    assert outcomes == ["ok", "blocked", "blocked", "blocked"]
    states = {s.scope: s for s in inst.auditor.governor.store.budget_usage()}
    daily = states["user_daily"]
    assert daily.reserved == 0  # every reservation was settled or released
    assert 0 < daily.spent <= 300_000  # micro-dollars: never past the $0.30 budget
