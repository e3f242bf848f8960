"""The Governor: approvals, budgets and rate limits for one generation, in that order, in one step.

`admit(gen)` sends one atomic request to the store: the approval ticket (if the call presents one),
the estimated cost reserved in every budget scope, and the rate-limit slot; either all of it holds
or nothing is taken. It then writes hits, warnings and utilisation onto the Generation, raises the
policy error for a refusal, or waits for a queued slot. The returned Admission settles the real cost
after the call, or releases everything when the call failed.

Rate slot on failure: `release()` returns the slot too. The limit counts images produced, and a
failed call produced none; a caller hammering a failing provider is still held by the budget
reservation and by the provider's own errors.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ..errors import ApprovalRequired, BudgetExceeded, GovernanceUnavailable, RateLimited
from ..generation import Generation, Hit, Outcome
from ..policy.config import PolicyConfig
from ..policy.failmode import fail_mode
from ..store.base import (
    US_PER_S,
    AdmitRequest,
    AdmitResult,
    ApprovalUse,
    ScopeRequest,
    Store,
    StoreError,
    micros_to_usd,
    usd_to_micros,
)
from . import approvals, budgets, ratelimit

log = logging.getLogger("otel_aiaudit.limits")

ANONYMOUS = "anonymous"


@dataclass
class _Plan:
    user: str
    team: str | None
    observe: bool
    request: AdmitRequest | None  # None: nothing to ask the store


class Admission:
    """What admit() took for one generation; settle or release it exactly once."""

    def __init__(
        self,
        store: Store | None,
        rid: str,
        amount: int,
        scopes: tuple[ScopeRequest, ...] = (),
        *,
        degraded: bool = False,
        wait_s: float = 0.0,
        slot_us: int | None = None,
    ) -> None:
        self._store = store
        self.rid = rid
        self.amount = amount
        self.scopes = scopes
        self.degraded = degraded  # admitted without the store: settle charges directly if it is back
        self.wait_s = wait_s
        self.slot_us = slot_us  # store time the rate-limit slot starts (None: no rate limit)
        self.done = store is None
        self.settled = False  # the charge reached the store

    def settle(self, cost_usd: float | None) -> None:
        """Charge the actual cost (None: keep the estimate as the charge) and free the hold."""
        if self.done:
            return
        self.done = True
        actual = self.amount if cost_usd is None else usd_to_micros(cost_usd)
        try:
            self._store.settle(self.rid, actual, self.scopes if self.degraded else ())  # type: ignore[union-attr]
            self.settled = True
        except StoreError as exc:
            # The call already happened; the charge stays reserved and expires with its hold.
            log.warning("could not settle generation %s ($%.4f): %s", self.rid, micros_to_usd(actual), exc)

    def release(self) -> None:
        """The provider call failed: return the reservation, the rate slot and the approval."""
        if self.done:
            return
        self.done = True
        if self.degraded:
            return  # nothing was taken
        try:
            self._store.release(self.rid)  # type: ignore[union-attr]
        except StoreError as exc:
            log.warning("could not release generation %s (its hold expires by itself): %s", self.rid, exc)

    async def asettle(self, cost_usd: float | None) -> None:
        await asyncio.to_thread(self.settle, cost_usd)

    async def arelease(self) -> None:
        await asyncio.to_thread(self.release)


class Governor:
    def __init__(
        self, policy: PolicyConfig, store: Store, *, clock: Callable[[], float] | None = None
    ) -> None:
        """`clock` (epoch seconds) decides which day/month a call is charged to; the rate-limit
        window and ticket expiry use the store's own clock."""
        self.policy = policy
        self.store = store
        self.clock = clock or time.time
        self.tz = budgets.zone(policy.cost_limits.timezone) if policy.cost_limits else None
        approvals.check_policy(policy)

    # ---- public API -------------------------------------------------------------------------

    def admit(self, gen: Generation) -> Admission:
        plan = self._plan(gen)
        if plan.request is None:
            return Admission(None, gen.id, 0)
        try:
            result = self.store.admit(plan.request)
        except StoreError as exc:
            return self._degraded(gen, plan, exc)
        admission = self._apply(gen, plan, result)
        if admission.wait_s > 0 and not plan.observe:
            try:
                time.sleep(admission.wait_s)
            except BaseException:
                admission.release()  # interrupted while queued: give the slot back
                raise
        return admission

    async def aadmit(self, gen: Generation) -> Admission:
        plan = await asyncio.to_thread(self._plan, gen)
        if plan.request is None:
            return Admission(None, gen.id, 0)
        try:
            result = await asyncio.to_thread(self.store.admit, plan.request)
        except StoreError as exc:
            return self._degraded(gen, plan, exc)
        admission = self._apply(gen, plan, result)
        if admission.wait_s > 0 and not plan.observe:
            try:
                await asyncio.sleep(admission.wait_s)
            except BaseException:  # cancelled while queued
                await admission.arelease()
                raise
        return admission

    def pending_count(self) -> int:
        """Approval tickets waiting for a decision (for the pending-approvals gauge)."""
        now = self.store.now_us()
        return sum(1 for t in self.store.list_tickets() if t.state_at(now) == "pending")

    # ---- steps --------------------------------------------------------------------------------

    def _plan(self, gen: Generation) -> _Plan:
        """Build the store request; refuse up front what needs no store (approval, unpriced)."""
        policy = self.policy
        user = gen.actor.user or ANONYMOUS
        team = gen.actor.team or policy.teams.get(user)
        observe = gen.decision.mode == "observe"
        plan = _Plan(user, team, observe, None)

        approval = None
        purpose = (gen.actor.purpose or "").lower()
        if approvals.needs_approval(policy, purpose):
            if observe:
                self._hit(
                    gen,
                    plan,
                    Hit("approval", purpose, "approval", "purpose needs approval"),
                    "pending_approval",
                )
            elif gen.actor.approval_id:
                approval = ApprovalUse(gen.actor.approval_id, user, purpose, gen.prompt_hash)
            else:
                self._require_approval(gen, plan, f"purpose {purpose!r} needs approval")

        limits = policy.cost_limits
        scopes: tuple[ScopeRequest, ...] = ()
        amount = 0
        force_budget = observe
        if limits is not None and (limits.per_user_daily is not None or limits.per_team_monthly is not None):
            assert self.tz is not None
            scopes = budgets.scopes_for(limits, user, team, self.clock(), self.tz)
            force_budget = observe or limits.action == "warn_only"
            if gen.estimated_cost_usd is None:
                if limits.unpriced == "block":
                    hit = Hit("budget", "unpriced", "block", f"model {gen.model!r} has no price")
                    self._hit(gen, plan, hit, "block")
                    if not observe:
                        raise BudgetExceeded(
                            f"model {gen.model!r} has no known price and cost_limits.unpriced is block",
                            gen.decision,
                            scope="unpriced",
                            subject=user,
                        )
            else:
                amount = usd_to_micros(gen.estimated_cost_usd)

        rate = ratelimit.rate_request(policy.rate_limit, user, team, gen.n) if policy.rate_limit else None
        if not scopes and rate is None and approval is None:
            return plan
        ttl_s = limits.reservation_ttl_seconds if limits else 900
        max_wait = rate.max_wait_us if rate else 0
        plan.request = AdmitRequest(
            rid=gen.id,
            amount=amount,
            scopes=scopes,
            hold_ttl_us=ttl_s * US_PER_S + max_wait,  # a queued call keeps its hold while it waits
            rate=rate,
            approval=approval,
            force_budget=force_budget,
            force_rate=observe,
        )
        return plan

    def _apply(self, gen: Generation, plan: _Plan, result: AdmitResult) -> Admission:
        req = plan.request
        assert req is not None
        if result.status == "approval":
            self._approval_problem(gen, plan, result)
        limits = self.policy.cost_limits

        if result.status == "budget" or "budget" in result.overridden:
            state = result.scopes[result.denied_scope or 0]
            end = self._period_end(req.scopes[result.denied_scope or 0])
            message = budgets.exceeded_message(state, req.amount, end)
            action = "warn" if limits is not None and limits.action == "warn_only" else "block"
            self._hit(gen, plan, Hit("budget", state.scope, action, message), action)
            if result.status == "budget":
                raise BudgetExceeded(
                    message,
                    gen.decision,
                    scope=state.scope,
                    subject=state.subject,
                    limit_usd=micros_to_usd(state.limit),
                    spent_usd=micros_to_usd(state.used),
                    period_end=end,
                )

        if result.status == "rate" or "rate" in result.overridden:
            retry = result.retry_after_us / US_PER_S
            detail = f"{ratelimit.describe(req.rate)} reached; retry after {retry:.1f} s"  # type: ignore[arg-type]
            self._hit(gen, plan, Hit("rate_limit", ratelimit.CATEGORY, "block", detail), "block")
            if result.status == "rate":
                raise RateLimited(f"rate limit: {detail}", gen.decision, retry_after=retry)

        if result.status != "admitted":  # pragma: no cover - the store answers only these statuses
            raise RuntimeError(f"store answered unknown admission status {result.status!r}")

        if req.approval is not None:
            hit = Hit("approval", req.approval.purpose, "approved", f"ticket {req.approval.ticket_id}")
            gen.decision.hits.append(hit)
            gen.ticket_id = req.approval.ticket_id

        warn_at = limits.warn_at if limits else 0.8
        gen.budget_utilization = [(s.scope, s.subject, budgets.utilization(s)) for s in result.scopes]
        over = result.denied_scope if "budget" in result.overridden else None
        for i, state in enumerate(result.scopes):
            w = budgets.warning(state, warn_at)
            if w is not None:
                gen.budget_warnings.append(w)
                if i != over:  # the scope past its limit already has its hit
                    self._hit(gen, plan, budgets.warning_hit(w), "warn")

        wait_s = result.wait_us / US_PER_S
        if wait_s > 0:
            gen.ratelimit_wait_s = wait_s
            hit = Hit("rate_limit", ratelimit.CATEGORY, "queue", f"queued {wait_s:.2f} s for a slot")
            self._hit(gen, plan, hit, "queue")
        elif req.rate is not None:
            gen.ratelimit_wait_s = 0.0
        slot = result.now_us + result.wait_us if req.rate is not None else None
        return Admission(self.store, req.rid, req.amount, req.scopes, wait_s=wait_s, slot_us=slot)

    def _degraded(self, gen: Generation, plan: _Plan, exc: StoreError) -> Admission:
        req = plan.request
        assert req is not None
        mode = fail_mode(self.policy, "store")
        if req.approval is not None and not plan.observe:
            mode = "fail_closed"  # an approval that cannot be checked is never waved through
        if plan.observe:
            mode = "observe"
        gen.decision.degraded = f"store_unavailable:{mode}"
        log.warning("governance store %s unavailable (%s): %s", self.store.url, mode, exc)
        action = "block" if mode == "fail_closed" else "warn"
        self._hit(gen, plan, Hit("store", "unavailable", action, f"store unreachable: {mode}"), action)
        if mode == "fail_closed":
            raise GovernanceUnavailable(
                f"budget/rate-limit store {self.store.url} is unreachable and on_store_error is fail_closed",
                gen.decision,
            ) from exc
        return Admission(self.store, req.rid, req.amount, req.scopes, degraded=True)

    # ---- helpers ------------------------------------------------------------------------------

    def _hit(self, gen: Generation, plan: _Plan, hit: Hit, outcome: Outcome) -> None:
        """Record a hit; in observe mode the would-be action is kept in the detail, nothing escalates
        past warn (observe never blocks, queues or waits)."""
        if plan.observe and hit.action not in ("warn", "approved"):
            hit.detail = f"would {hit.action}: {hit.detail}"
            hit.action = "observe"
            outcome = "warn"
        gen.decision.hits.append(hit)
        gen.decision.escalate(outcome)

    def _require_approval(self, gen: Generation, plan: _Plan, why: str) -> None:
        try:
            ticket = self.store.open_ticket(
                approvals.new_ticket(self.policy, gen, plan.user, plan.team), approvals.ttl_us(self.policy)
            )
        except StoreError as exc:
            gen.decision.degraded = "store_unavailable:fail_closed"
            self._hit(
                gen, plan, Hit("store", "unavailable", "block", "store unreachable: fail_closed"), "block"
            )
            raise GovernanceUnavailable(
                f"cannot open an approval ticket: store {self.store.url} is unreachable", gen.decision
            ) from exc
        gen.ticket_id = ticket.id
        roles = ", ".join(ticket.missing_roles())
        hit = Hit("approval", ticket.purpose, "approval", f"ticket {ticket.id} awaits {roles}")
        self._hit(gen, plan, hit, "pending_approval")
        raise ApprovalRequired(
            f"{why}: ticket {ticket.id} awaits approval by {roles};"
            f" retry with audit_context(approval_id={ticket.id!r}) once approved",
            gen.decision,
            ticket_id=ticket.id,
        )

    def _approval_problem(self, gen: Generation, plan: _Plan, result: AdmitResult) -> None:
        use = plan.request.approval  # type: ignore[union-attr]
        assert use is not None
        problem = result.approval_problem
        if problem == "pending":
            ticket = self.store.get_ticket(use.ticket_id)
            roles = ", ".join(ticket.missing_roles()) if ticket else "its approvers"
            gen.ticket_id = use.ticket_id
            self._hit(
                gen,
                plan,
                Hit("approval", use.purpose, "approval", f"ticket {use.ticket_id} awaits {roles}"),
                "pending_approval",
            )
            raise ApprovalRequired(
                f"ticket {use.ticket_id} still awaits approval by {roles}",
                gen.decision,
                ticket_id=use.ticket_id,
            )
        if problem == "denied":
            ticket = self.store.get_ticket(use.ticket_id)
            who = f" by {ticket.decided_by}: {ticket.reason}" if ticket else ""
            gen.ticket_id = use.ticket_id
            self._hit(
                gen, plan, Hit("approval", use.purpose, "block", f"ticket {use.ticket_id} denied"), "block"
            )
            raise ApprovalRequired(
                f"ticket {use.ticket_id} was denied{who}", gen.decision, ticket_id=use.ticket_id
            )
        # missing, used, expired, or issued for another prompt/user/purpose: ask for a new approval.
        why = {
            "missing": f"approval ticket {use.ticket_id} does not exist",
            "used": f"approval ticket {use.ticket_id} was already used",
            "expired": f"approval ticket {use.ticket_id} has expired",
            "mismatch": f"approval ticket {use.ticket_id} was issued for another prompt, user or purpose",
        }.get(problem or "", f"approval ticket {use.ticket_id} is not valid")
        self._require_approval(gen, plan, why)

    def _period_end(self, scope: ScopeRequest) -> str:
        return datetime.fromtimestamp(scope.period_end_us / US_PER_S, self.tz).isoformat()
