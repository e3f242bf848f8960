"""The Store contract, run alike against memory://, sqlite:// and a real redis-server."""

from __future__ import annotations

import time
import uuid

import pytest

from otel_aiaudit.store import (
    AdmitRequest,
    ApprovalUse,
    RateRequest,
    ScopeRequest,
    Ticket,
    TicketError,
    open_store,
)
from otel_aiaudit.store.base import US_PER_S


def scope(key: str, limit: int, scope_name: str = "user_daily", subject: str = "alice") -> ScopeRequest:
    return ScopeRequest(key, scope_name, subject, "2030-01-01", int((time.time() + 86400) * US_PER_S), limit)


def rid() -> str:
    return uuid.uuid4().hex


def usage(store, key: str):  # noqa: ANN001, ANN201
    return {u.key: u for u in store.budget_usage()}[key]


def test_reserve_is_all_or_nothing_across_scopes(store_url: str) -> None:
    st = open_store(store_url)
    user, team = scope("u", 100, subject="alice"), scope("t", 50, "team_monthly", "marketing")
    assert st.admit(AdmitRequest(rid(), 40, (user, team))).status == "admitted"
    denied = st.admit(AdmitRequest(rid(), 20, (user, team)))
    assert denied.status == "budget" and denied.denied_scope == 1
    # The user scope had room but got nothing: the refusal took nothing anywhere.
    assert (usage(st, "u").reserved, usage(st, "t").reserved) == (40, 40)
    assert denied.scopes[1].used == 40 and denied.scopes[1].limit == 50


def test_exhausted_budget_refuses_even_zero_cost(store_url: str) -> None:
    st = open_store(store_url)
    s = scope("z", 100)
    first = rid()
    assert st.admit(AdmitRequest(first, 100, (s,))).status == "admitted"
    assert st.settle(first, 100)
    assert st.admit(AdmitRequest(rid(), 0, (s,))).status == "budget"


def test_settle_release_and_replay_are_idempotent(store_url: str) -> None:
    st = open_store(store_url)
    s = scope("k", 1_000)
    a, b = rid(), rid()
    assert st.admit(AdmitRequest(a, 300, (s,))).status == "admitted"
    assert st.admit(AdmitRequest(b, 300, (s,))).status == "admitted"
    assert st.settle(a, 250) is True
    assert st.settle(a, 250) is False  # a retried settle charges nothing more
    assert st.release(b) is True and st.release(b) is False
    replay = st.admit(AdmitRequest(a, 300, (s,)))  # same generation id again: charged once
    assert replay.status == "admitted" and replay.replay
    assert st.settle(a, 250) is False
    u = usage(st, "k")
    assert (u.spent, u.reserved) == (250, 0)
    # A released id may be admitted again (the failed call is retried).
    again = st.admit(AdmitRequest(b, 300, (s,)))
    assert again.status == "admitted" and not again.replay
    assert usage(st, "k").reserved == 300


def test_expired_hold_is_returned_and_late_settle_still_charges(store_url: str) -> None:
    st = open_store(store_url)
    s = scope("e", 100)
    crashed, slow = rid(), rid()
    assert st.admit(AdmitRequest(crashed, 60, (s,), hold_ttl_us=200_000)).status == "admitted"
    assert st.admit(AdmitRequest(rid(), 60, (s,))).status == "budget"
    time.sleep(0.3)
    assert usage(st, "e").reserved == 0  # swept on read
    assert st.admit(AdmitRequest(slow, 60, (s,), hold_ttl_us=200_000)).status == "admitted"
    time.sleep(0.3)
    assert st.settle(slow, 60)  # the money was spent even though the hold had expired
    u = usage(st, "e")
    assert (u.spent, u.reserved) == (60, 0)


def test_rate_window_books_future_slots_and_refusals_take_nothing(store_url: str) -> None:
    st = open_store(store_url)
    rate = RateRequest("user:alice", 1, 3, 2 * US_PER_S, 3 * US_PER_S)
    start = time.monotonic()
    results = [st.admit(AdmitRequest(rid(), 0, rate=rate)) for _ in range(7)]
    # The waits count from each call's own clock, so a loaded machine that takes a while over
    # the seven calls shortens them by up to that while: the bounds allow for it, no more.
    elapsed_us = (time.monotonic() - start) * US_PER_S
    statuses = [r.status for r in results]
    assert statuses == ["admitted"] * 6 + ["rate"]
    waits = [r.wait_us for r in results[:6]]
    assert waits[:3] == [0, 0, 0]
    assert all(2 * US_PER_S - elapsed_us <= w <= 2 * US_PER_S for w in waits[3:])
    assert 3 * US_PER_S - elapsed_us < results[6].retry_after_us <= 4 * US_PER_S
    # More images than the window holds can never fit.
    big = st.admit(AdmitRequest(rid(), 0, rate=RateRequest("user:bob", 4, 3, US_PER_S, 0)))
    assert big.status == "rate" and big.retry_after_us == US_PER_S
    assert (
        st.admit(AdmitRequest(rid(), 0, rate=RateRequest("user:bob", 3, 3, US_PER_S, 0))).status == "admitted"
    )


def test_rate_refusal_keeps_budget_untouched(store_url: str) -> None:
    st = open_store(store_url)
    s = scope("rb", 1_000)
    rate = RateRequest("user:carl", 1, 1, 10 * US_PER_S, 0)
    assert st.admit(AdmitRequest(rid(), 100, (s,), rate=rate)).status == "admitted"
    assert st.admit(AdmitRequest(rid(), 100, (s,), rate=rate)).status == "rate"
    assert usage(st, "rb").reserved == 100


def test_release_returns_rate_slot(store_url: str) -> None:
    st = open_store(store_url)
    rate = RateRequest("user:dora", 2, 2, 10 * US_PER_S, 0)
    first = rid()
    assert st.admit(AdmitRequest(first, 0, rate=rate)).status == "admitted"
    assert st.admit(AdmitRequest(rid(), 0, rate=rate)).status == "rate"
    st.release(first)
    assert st.admit(AdmitRequest(rid(), 0, rate=rate)).status == "admitted"


def _ticket(user: str = "alice", prompt_hash: str = "h1") -> Ticket:
    return Ticket(
        uuid.uuid4().hex[:16],
        user,
        "marketing",
        "external",
        "gpt-image-1",
        "openai",
        prompt_hash,
        40_000,
        ["manager", "legal"],
        0,
        0,
    )


def test_tickets_dedupe_decide_and_consume_once(store_url: str) -> None:
    st = open_store(store_url)
    t = st.open_ticket(_ticket(), 60 * US_PER_S)
    assert t.state == "pending" and t.expires_us > t.created_us > 0
    assert st.open_ticket(_ticket(), 60 * US_PER_S).id == t.id  # approvers are not asked twice
    assert st.open_ticket(_ticket(prompt_hash="other"), 60 * US_PER_S).id != t.id
    use = ApprovalUse(t.id, "alice", "external", "h1")
    assert st.admit(AdmitRequest(rid(), 0, approval=use)).approval_problem == "pending"
    with pytest.raises(TicketError, match="requested"):
        st.decide_ticket(t.id, user="alice", approve=True, role="manager", reason=None)
    st.decide_ticket(t.id, user="carol", approve=True, role="manager", reason=None)
    with pytest.raises(TicketError, match="already approved"):
        st.decide_ticket(t.id, user="carol", approve=True, role="legal", reason=None)
    assert st.get_ticket(t.id).state == "pending"
    assert st.decide_ticket(t.id, user="dave", approve=True, role="legal", reason=None).state == "approved"
    other_prompt = ApprovalUse(t.id, "alice", "external", "h2")
    assert st.admit(AdmitRequest(rid(), 0, approval=other_prompt)).approval_problem == "mismatch"
    first = rid()
    assert st.admit(AdmitRequest(first, 0, approval=use)).status == "admitted"
    assert st.get_ticket(t.id).state == "used"
    assert st.admit(AdmitRequest(rid(), 0, approval=use)).approval_problem == "used"
    # The approved call failed: its release hands the approval back for the retry.
    st.release(first)
    assert st.get_ticket(t.id).state == "approved"
    assert st.admit(AdmitRequest(rid(), 0, approval=use)).status == "admitted"
    assert len(st.list_tickets()) == 2


def test_denied_and_expired_tickets(store_url: str) -> None:
    st = open_store(store_url)
    t = st.open_ticket(_ticket(user="erin"), 60 * US_PER_S)
    denied = st.decide_ticket(t.id, user="dave", approve=False, role=None, reason="not on brand")
    assert (denied.state, denied.reason, denied.decided_by) == ("denied", "not on brand", "dave")
    with pytest.raises(TicketError, match="denied"):
        st.decide_ticket(t.id, user="carol", approve=True, role="manager", reason=None)
    short = st.open_ticket(_ticket(user="fred"), 150_000)
    time.sleep(0.2)
    assert st.get_ticket(short.id).state_at(st.now_us()) == "expired"
    with pytest.raises(TicketError, match="expired"):
        st.decide_ticket(short.id, user="carol", approve=True, role="manager", reason=None)
    use = ApprovalUse(short.id, "fred", "external", "h1")
    assert st.admit(AdmitRequest(rid(), 0, approval=use)).approval_problem == "expired"
    assert (
        st.admit(AdmitRequest(rid(), 0, approval=ApprovalUse("nope", "fred", "x", None))).approval_problem
        == "missing"
    )


def test_bad_store_urls_are_refused() -> None:
    for bad in ("postgres://x", "sqlite://", "sqlite://host/x.db", "nonsense"):
        with pytest.raises(ValueError, match="store URL"):
            open_store(bad)
