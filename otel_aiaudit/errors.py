"""Errors the plugin raises on purpose. Only deliberate policy decisions reach the user's code.

Messages say which rule fired and why, never the offending prompt text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .generation import Decision


class PolicyViolation(Exception):
    """A call refused by policy. The provider was never called."""

    rule = "policy"

    def __init__(self, message: str, decision: Decision | None = None) -> None:
        super().__init__(message)
        self.decision = decision


class ContentBlocked(PolicyViolation):
    """The prompt matched a blocked content category (violence, explicit, hate_speech, deepfake)."""

    rule = "content"


class PIIBlocked(PolicyViolation):
    """The prompt contains personal data and the PII action is `block`."""

    rule = "pii"


class CopyrightBlocked(PolicyViolation):
    """The prompt names a living artist and the copyright action is `block`."""

    rule = "copyright"


class PromptTooLong(PolicyViolation):
    """The prompt is longer than `prompt_length.max_chars` and the action is `block`."""

    rule = "prompt_length"


class BudgetExceeded(PolicyViolation):
    """The estimated cost would take a budget scope past 100 %."""

    rule = "budget"

    def __init__(
        self,
        message: str,
        decision: Decision | None = None,
        *,
        scope: str = "",
        subject: str = "",
        limit_usd: float = 0.0,
        spent_usd: float = 0.0,
        period_end: str = "",
    ) -> None:
        super().__init__(message, decision)
        self.scope = scope
        self.subject = subject
        self.limit_usd = limit_usd
        self.spent_usd = spent_usd
        self.period_end = period_end


class RateLimited(PolicyViolation):
    """No rate-limit slot within `max_wait_seconds`; retry after `retry_after` seconds."""

    rule = "rate_limit"

    def __init__(self, message: str, decision: Decision | None = None, *, retry_after: float = 0.0) -> None:
        super().__init__(message, decision)
        self.retry_after = retry_after


class ApprovalRequired(PolicyViolation):
    """The purpose needs approval; a pending ticket was left for the approvers."""

    rule = "approval"

    def __init__(self, message: str, decision: Decision | None = None, *, ticket_id: str = "") -> None:
        super().__init__(message, decision)
        self.ticket_id = ticket_id


class GovernanceUnavailable(PolicyViolation):
    """A governance step failed (policy evaluation, a classifier, the limits store, approvals, the
    ledger write) and its fail mode is `fail_closed`: the call is refused, or its result withheld
    when the step came after the call. `.step` names the step that failed."""

    rule = "store"

    def __init__(self, message: str, decision: Decision | None = None, *, step: str = "store") -> None:
        super().__init__(message, decision)
        self.step = step
        self.rule = step


class ConfigurationError(ValueError):
    """Settings the plugin cannot start with. The message is one line that names the variable (or the
    instrument() keyword) and what it accepts; under `opentelemetry-instrument` the process stops with
    it and exit code 2, so an app never runs ungoverned."""

    def __init__(self, message: str, *, variable: str = "") -> None:
        super().__init__(message)
        self.variable = variable


class MissingExtra(ConfigurationError):
    """A setting needs an optional package that is not installed (or will not load):
    `pip install 'otel-aiaudit[<extra>]'`."""

    def __init__(self, message: str, *, variable: str = "", extra: str = "", module: str = "") -> None:
        super().__init__(message, variable=variable)
        self.extra = extra
        self.module = module


class PolicyFileError(ConfigurationError):
    """A policy file that cannot be loaded: names file, line, key and the problem."""

    def __init__(self, message: str, *, path: str = "", line: int | None = None, key: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.key = key
