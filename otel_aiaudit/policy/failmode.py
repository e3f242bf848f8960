"""Which way a governance step fails: closed (refuse the call) or open (let it through, recorded).

Steps: `policy` (evaluation itself), `classifier`, `store` (the budget / rate-limit / approval store),
`ledger` (the local audit record). Each may be set under `on_error:` in the policy file; unset, a
step fails closed in `mode: enforce` and open in `mode: observe` (observe never blocks). The older
`cost_limits.on_store_error` still sets the `store` step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .config import PolicyConfig

FailMode = Literal["fail_closed", "fail_open"]
STEPS = ("policy", "classifier", "store", "ledger")


def fail_mode(config: PolicyConfig | None, step: str) -> FailMode:
    if config is None:
        return "fail_open"  # no policy at all: observe-only defaults
    if config.mode == "observe":
        return "fail_open"
    explicit = getattr(config, "on_error", None) or {}
    if step in explicit:
        return explicit[step]
    if step == "store" and config.cost_limits is not None:
        return config.cost_limits.on_store_error
    return "fail_closed"
