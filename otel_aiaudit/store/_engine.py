"""The admission rules for stores that run them in Python (SQLite, memory).

Each function runs inside one transaction of the backend (`Txn`), so it is atomic as a whole. The
Redis store runs the same rules as Lua scripts (store/redis.py); the shared store tests check that
all backends answer alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from .base import (
    AdmitRequest,
    AdmitResult,
    ApprovalProblem,
    RateRequest,
    ScopeRequest,
    ScopeState,
    ScopeUsage,
    Ticket,
    TicketError,
)

# Settled/released reservation records are kept this long for idempotent replays.
RECORD_KEEP_US = 2 * 86_400 * 1_000_000


@dataclass
class ScopeRow:
    key: str
    scope: str
    subject: str
    period: str
    period_end_us: int
    limit: int
    spent: int = 0
    reserved: int = 0


@dataclass
class Reservation:
    rid: str
    state: str  # reserved | settled | released
    amount: int
    scope_keys: list[str]
    rate_key: str | None
    rate_count: int
    ticket_id: str | None
    created_us: int
    actual: int | None = None
    extra: dict = field(default_factory=dict)


class Txn(Protocol):
    now: int

    def get_scope(self, key: str) -> ScopeRow | None: ...
    def put_scope(self, row: ScopeRow) -> None: ...
    def list_scopes(self) -> list[ScopeRow]: ...
    def expired_holds(self, key: str, now: int) -> list[tuple[str, int]]: ...
    def put_hold(self, key: str, rid: str, amount: int, deadline: int) -> None: ...
    def pop_hold(self, key: str, rid: str) -> int | None: ...
    def get_reservation(self, rid: str) -> Reservation | None: ...
    def put_reservation(self, res: Reservation) -> None: ...
    def rate_purge(self, key: str, before: int) -> None: ...
    def rate_scores(self, key: str) -> list[int]: ...
    def rate_get(self, key: str, member: str) -> int | None: ...
    def rate_add(self, key: str, members: list[str], at: int) -> None: ...
    def rate_remove(self, key: str, members: list[str]) -> None: ...
    def get_ticket(self, ticket_id: str) -> Ticket | None: ...
    def find_ticket(self, dedupe: str) -> Ticket | None: ...
    def put_ticket(self, ticket: Ticket) -> None: ...
    def list_tickets(self) -> list[Ticket]: ...


def rate_members(rid: str, count: int) -> list[str]:
    return [f"{rid}#{i}" for i in range(count)]


def sweep_scope(txn: Txn, key: str) -> ScopeRow | None:
    """Return the holds of crashed processes (past their deadline) to the scope."""
    row = txn.get_scope(key)
    if row is None:
        return None
    expired = txn.expired_holds(key, txn.now)
    if expired:
        for rid, amount in expired:
            txn.pop_hold(key, rid)
            row.reserved -= amount
        txn.put_scope(row)
    return row


def _scope_row(txn: Txn, req: ScopeRequest) -> ScopeRow:
    row = sweep_scope(txn, req.key)
    if row is None:
        row = ScopeRow(req.key, req.scope, req.subject, req.period, req.period_end_us, req.limit)
    row.limit = req.limit  # the policy in force decides; the stored limit is for display
    return row


def _state(row: ScopeRow, before: int) -> ScopeState:
    return ScopeState(row.key, row.scope, row.subject, row.limit, row.spent, row.reserved, before)


def _over(before: int, amount: int, limit: int) -> bool:
    # An exhausted budget refuses even a zero-cost (unpriced, allowed) call.
    return before + amount > limit or (amount == 0 and before >= limit)


def rate_slot(scores: list[int], rate: RateRequest, now: int) -> int:
    """Earliest start >= now at which `count` more slots keep every window at <= limit.

    `scores` are the booked slots after dropping those older than one window, ascending. Booking at
    T = scores[c - limit + count - 1] + window leaves at most limit - count slots in (T - window, T].
    """
    idx = len(scores) - rate.limit + rate.count  # 1-based index of the slot that must leave first
    if idx <= 0:
        return now
    return max(now, scores[idx - 1] + rate.window_us)


def _check_approval(txn: Txn, req: AdmitRequest) -> tuple[ApprovalProblem | None, Ticket | None]:
    use = req.approval
    assert use is not None
    ticket = txn.get_ticket(use.ticket_id)
    if ticket is None:
        return "missing", None
    if (ticket.user, ticket.purpose, ticket.prompt_hash) != (use.user, use.purpose, use.prompt_hash):
        return "mismatch", ticket
    state = ticket.state_at(txn.now)
    if state != "approved":
        return state, ticket  # type: ignore[return-value]
    return None, ticket


def admit(txn: Txn, req: AdmitRequest) -> AdmitResult:
    now = txn.now
    prior = txn.get_reservation(req.rid)
    if prior is not None and prior.state != "released":
        return _replay(txn, req, prior)

    ticket = None
    if req.approval is not None:
        problem, ticket = _check_approval(txn, req)
        if problem is not None:
            return AdmitResult("approval", now, approval_problem=problem)

    result = AdmitResult("admitted", now)
    rows = [_scope_row(txn, s) for s in req.scopes]
    for i, row in enumerate(rows):
        before = row.spent + row.reserved
        result.scopes.append(_state(row, before))
        if result.denied_scope is None and _over(before, req.amount, row.limit):
            result.denied_scope = i
    if result.denied_scope is not None:
        if not req.force_budget:
            result.status = "budget"
            return result
        result.overridden.append("budget")

    at = now
    if req.rate is not None:
        rate = req.rate
        txn.rate_purge(rate.key, now - rate.window_us)
        at = now if rate.count > rate.limit else rate_slot(txn.rate_scores(rate.key), rate, now)
        if rate.count > rate.limit or at - now > rate.max_wait_us:
            if not req.force_rate:
                result.status = "rate"
                result.retry_after_us = rate.window_us if rate.count > rate.limit else at - now
                return result
            result.overridden.append("rate")
            at = now
        txn.rate_add(rate.key, rate_members(req.rid, rate.count), at)
        result.wait_us = at - now

    # Everything passed (or was forced): apply.
    for row, state in zip(rows, result.scopes, strict=False):
        row.reserved += req.amount
        txn.put_scope(row)
        txn.put_hold(row.key, req.rid, req.amount, now + req.hold_ttl_us)
        state.reserved = row.reserved
    if ticket is not None:
        ticket.state = "used"
        ticket.used_by = req.rid
        txn.put_ticket(ticket)
    txn.put_reservation(
        Reservation(
            rid=req.rid,
            state="reserved",
            amount=req.amount,
            scope_keys=[r.key for r in rows],
            rate_key=req.rate.key if req.rate else None,
            rate_count=req.rate.count if req.rate else 0,
            ticket_id=ticket.id if ticket else None,
            created_us=now,
        )
    )
    return result


def _replay(txn: Txn, req: AdmitRequest, prior: Reservation) -> AdmitResult:
    result = AdmitResult("admitted", txn.now, replay=True)
    for s in req.scopes:
        row = sweep_scope(txn, s.key)
        spent, reserved = (row.spent, row.reserved) if row else (0, 0)
        result.scopes.append(
            ScopeState(s.key, s.scope, s.subject, s.limit, spent, reserved, spent + reserved)
        )
    if prior.rate_key and prior.rate_count:
        at = txn.rate_get(prior.rate_key, f"{prior.rid}#0")
        if at is not None:
            result.wait_us = max(0, at - txn.now)
    return result


def settle(txn: Txn, rid: str, actual: int, scopes: tuple[ScopeRequest, ...]) -> bool:
    res = txn.get_reservation(rid)
    if res is None:
        # Never reserved (admitted while the store was down): record the charge directly, once.
        for req in scopes:
            row = _scope_row(txn, req)
            row.spent += actual
            txn.put_scope(row)
        txn.put_reservation(
            Reservation(rid, "settled", 0, [s.key for s in scopes], None, 0, None, txn.now, actual)
        )
        return True
    if res.state != "reserved":
        return False
    for key in res.scope_keys:
        row = sweep_scope(txn, key)
        if row is None:
            continue
        hold = txn.pop_hold(key, rid)
        if hold is not None:
            row.reserved -= hold
        row.spent += actual  # charged even when the hold expired: the money was spent
        txn.put_scope(row)
    res.state = "settled"
    res.actual = actual
    txn.put_reservation(res)
    return True


def release(txn: Txn, rid: str) -> bool:
    res = txn.get_reservation(rid)
    if res is None or res.state != "reserved":
        return False
    for key in res.scope_keys:
        row = sweep_scope(txn, key)
        if row is None:
            continue
        hold = txn.pop_hold(key, rid)
        if hold is not None:
            row.reserved -= hold
            txn.put_scope(row)
    if res.rate_key:
        txn.rate_remove(res.rate_key, rate_members(rid, res.rate_count))
    if res.ticket_id:
        ticket = txn.get_ticket(res.ticket_id)
        if ticket is not None and ticket.used_by == rid:
            ticket.state = "approved"  # the call failed: the approval may be used by the retry
            ticket.used_by = None
            txn.put_ticket(ticket)
    res.state = "released"
    txn.put_reservation(res)
    return True


def open_ticket(txn: Txn, ticket: Ticket, ttl_us: int) -> Ticket:
    existing = txn.find_ticket(ticket.dedupe_key)
    if existing is not None and existing.state_at(txn.now) in ("pending", "approved"):
        return existing
    ticket.created_us, ticket.expires_us, ticket.state = txn.now, txn.now + ttl_us, "pending"
    txn.put_ticket(ticket)
    return ticket


def decide_ticket(
    txn: Txn, ticket_id: str, *, user: str, approve: bool, role: str | None, reason: str | None
) -> Ticket:
    ticket = txn.get_ticket(ticket_id)
    if ticket is None:
        raise TicketError(f"no approval ticket {ticket_id!r}")
    state = ticket.state_at(txn.now)
    if state != "pending":
        raise TicketError(f"ticket {ticket_id} is {state}, not pending")
    if user == ticket.user:
        raise TicketError(f"{user} requested ticket {ticket_id} and cannot decide on it")
    if any(a["user"] == user for a in ticket.approvals):
        raise TicketError(f"{user} has already approved ticket {ticket_id}")
    if approve:
        if role not in ticket.missing_roles():
            raise TicketError(f"role {role!r} is not awaited on ticket {ticket_id}")
        ticket.approvals.append({"role": role, "user": user, "at_us": txn.now})
        if not ticket.missing_roles():
            ticket.state = "approved"
            ticket.decided_by = user
    else:
        ticket.state = "denied"
        ticket.decided_by = user
        ticket.reason = reason
    txn.put_ticket(ticket)
    return ticket


def budget_usage(txn: Txn) -> list[ScopeUsage]:
    out = []
    for row in txn.list_scopes():
        swept = sweep_scope(txn, row.key) or row
        out.append(
            ScopeUsage(
                swept.key,
                swept.scope,
                swept.subject,
                swept.period,
                swept.period_end_us,
                swept.limit,
                swept.spent,
                swept.reserved,
            )
        )
    return out
