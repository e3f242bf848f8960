"""The Store interface: the few atomic operations budgets, rate limits and approvals need.

Every operation that decides something is one atomic step in the store (one Lua script in Redis, one
`BEGIN IMMEDIATE` transaction in SQLite), so limits hold for all processes and hosts sharing the
store together, never once per process. Money is integer micro-dollars, time integer microseconds
of the store's own clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from . import keys

MICROS_PER_USD = 1_000_000
US_PER_S = 1_000_000

AdmitStatus = Literal["admitted", "budget", "rate", "approval"]
TicketState = Literal["pending", "approved", "denied", "used", "expired"]
# Why an approval id did not admit a call.
ApprovalProblem = Literal["missing", "pending", "denied", "used", "expired", "mismatch"]


def usd_to_micros(usd: float) -> int:
    return int(round(usd * MICROS_PER_USD))


def micros_to_usd(micros: int) -> float:
    return micros / MICROS_PER_USD


class StoreError(Exception):
    """The store cannot be reached or answered with an error; the governor applies on_store_error."""


class TicketError(ValueError):
    """An approval action that is not allowed (wrong state, wrong user, expired ...)."""


@dataclass(frozen=True)
class ScopeRequest:
    """One budget scope a reservation must fit into, e.g. alice's spend on 2025-06-01."""

    key: str  # unique per scope, subject and period: "user_daily:alice:2025-06-01" (see keys.py)
    scope: str  # user_daily | team_monthly
    subject: str  # user or team name
    period: str  # "2025-06-01" or "2025-06"
    period_end_us: int  # when this period's counter stops being addressed
    limit: int  # micro-dollars


@dataclass(frozen=True)
class RateRequest:
    """Book `count` slots in a sliding window of `window_us` holding at most `limit` slots."""

    key: str  # "user:alice" or "team:marketing" (names encoded by keys.key_part)
    count: int
    limit: int
    window_us: int
    max_wait_us: int  # 0 = no queueing: admit now or refuse


@dataclass(frozen=True)
class ApprovalUse:
    """An approval ticket the call presents; consumed by the admission that passes."""

    ticket_id: str
    user: str
    purpose: str
    prompt_hash: str | None


@dataclass(frozen=True)
class AdmitRequest:
    rid: str  # generation id: the idempotency key
    amount: int  # estimated cost, micro-dollars, reserved in every scope
    scopes: tuple[ScopeRequest, ...] = ()
    hold_ttl_us: int = 900 * US_PER_S  # a crashed process's reservation is returned after this
    rate: RateRequest | None = None
    approval: ApprovalUse | None = None
    force_budget: bool = False  # record the reservation even past the limit (observe / warn_only)
    force_rate: bool = False  # book the slot now even when the window is full (observe)


@dataclass
class ScopeState:
    """A scope's counters right after the admission (or at the refusal)."""

    key: str
    scope: str
    subject: str
    limit: int
    spent: int
    reserved: int
    before: int  # spent + reserved before this call's amount was added

    @property
    def used(self) -> int:
        return self.spent + self.reserved


@dataclass
class AdmitResult:
    status: AdmitStatus
    now_us: int
    replay: bool = False  # the rid was admitted before: nothing new was charged or booked
    scopes: list[ScopeState] = field(default_factory=list)
    denied_scope: int | None = None  # index into scopes when status == "budget"
    # Budget / rate outcome that force_* overrode (observe, warn_only): "budget" or "rate".
    overridden: list[str] = field(default_factory=list)
    wait_us: int = 0  # queued: the booked slot starts this long after now
    retry_after_us: int = 0  # status "rate": earliest time a slot could be had
    approval_problem: ApprovalProblem | None = None


@dataclass
class Ticket:
    id: str
    user: str
    team: str | None
    purpose: str
    model: str | None
    provider: str | None
    prompt_hash: str | None
    estimated_micros: int | None
    roles: list[str]  # every one of these roles must approve
    created_us: int
    expires_us: int
    state: TicketState = "pending"
    approvals: list[dict] = field(default_factory=list)  # {"role", "user", "at_us"}
    decided_by: str | None = None
    reason: str | None = None
    used_by: str | None = None  # rid of the generation that consumed it

    @property
    def dedupe_key(self) -> str:
        # Encoded parts: a separator inside a user or purpose name cannot make two requests one.
        return keys.join(self.user, self.purpose, self.prompt_hash or "")

    def state_at(self, now_us: int) -> TicketState:
        if self.state in ("pending", "approved") and now_us >= self.expires_us:
            return "expired"
        return self.state

    def missing_roles(self) -> list[str]:
        done = {a["role"] for a in self.approvals}
        return [r for r in self.roles if r not in done]


@dataclass
class ScopeUsage:
    """One scope's counters for `aiaudit budgets` (expired holds already returned)."""

    key: str
    scope: str
    subject: str
    period: str
    period_end_us: int
    limit: int
    spent: int
    reserved: int


@runtime_checkable
class Store(Protocol):
    """What every backend provides. All operations are atomic and safe from many processes."""

    url: str

    def now_us(self) -> int:
        """The store's clock (Redis TIME; the host clock for SQLite and memory)."""
        ...

    def admit(self, req: AdmitRequest) -> AdmitResult:
        """Approval check, budget reservation in every scope and rate-limit booking: all or nothing.

        Expired holds in the touched scopes are returned first. A rid seen before is a replay.
        """
        ...

    def settle(self, rid: str, actual: int, scopes: tuple[ScopeRequest, ...] = ()) -> bool:
        """Charge `actual` and drop the hold. `scopes` is used only when the rid was never reserved
        (a fail-open admission): the charge is then recorded directly. False when already settled."""
        ...

    def release(self, rid: str) -> bool:
        """The call failed: return the hold, the rate slots and the approval ticket."""
        ...

    def open_ticket(self, ticket: Ticket, ttl_us: int) -> Ticket:
        """Store a pending ticket expiring `ttl_us` from now (the store's clock), or return the open
        one with the same user, purpose and prompt hash (approvers are not asked twice)."""
        ...

    def get_ticket(self, ticket_id: str) -> Ticket | None: ...

    def list_tickets(self) -> list[Ticket]: ...

    def decide_ticket(
        self, ticket_id: str, *, user: str, approve: bool, role: str | None, reason: str | None
    ) -> Ticket:
        """Record one approval (for `role`) or a denial; raises TicketError when not allowed."""
        ...

    def budget_usage(self) -> list[ScopeUsage]: ...

    def close(self) -> None: ...
