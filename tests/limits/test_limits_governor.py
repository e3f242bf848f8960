"""Governor behaviour: budgets, warnings, rate limits, approvals, observe mode, store faults."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest
from conftest import free_port, make_policy

from otel_aiaudit.errors import ApprovalRequired, BudgetExceeded, GovernanceUnavailable, RateLimited
from otel_aiaudit.generation import Actor, Decision, Generation
from otel_aiaudit.limits import Governor
from otel_aiaudit.limits import approvals as workflow
from otel_aiaudit.store import open_store

SEED_COST = {"per_user_daily": 5.00, "per_team_monthly": 500.00, "timezone": "UTC"}
APPROVAL = {"for_external_use": True, "for_marketing": True, "approvers": ["manager", "legal"]}


def gen(user: str = "alice", cost: float | None = 1.0, mode: str = "enforce", **actor: str) -> Generation:
    return Generation(
        provider="openai",
        model="gpt-image-1",
        actor=Actor(user=user, **actor),
        estimated_cost_usd=cost,
        prompt_hash="sha256:abc",
        decision=Decision(mode=mode),  # type: ignore[arg-type]
    )


def spent(store, scope: str, subject: str) -> tuple[float, float]:  # noqa: ANN001
    rows = [u for u in store.budget_usage() if u.scope == scope and u.subject == subject]
    return sum(u.spent for u in rows) / 1e6, sum(u.reserved for u in rows) / 1e6


def test_budget_warns_at_80_and_blocks_past_100(store_url: str) -> None:
    store = open_store(store_url)
    gov = Governor(make_policy(cost_limits=SEED_COST), store)
    for _ in range(3):
        g = gen()
        gov.admit(g).settle(1.0)
        assert g.decision.outcome == "allow" and not g.budget_warnings
    g4 = gen()
    gov.admit(g4).settle(1.0)
    assert g4.decision.outcome == "warn"
    (w,) = g4.budget_warnings
    assert (w["scope"], w["subject"], w["limit_usd"], w["spent_usd"], w["crossed"]) == (
        "user_daily",
        "alice",
        5.0,
        4.0,
        True,
    )
    hit = g4.decision.hits[0]
    assert (hit.rule, hit.category, hit.action) == ("budget", "user_daily", "warn")
    assert ("user_daily", "alice", 0.8) in g4.budget_utilization
    assert (
        "team_monthly",
        "marketing",
        pytest.approx(4.0 / 500),
    ) in g4.budget_utilization  # team from policy
    g5 = gen()
    gov.admit(g5).settle(1.0)  # exactly at the limit is still inside it
    assert g5.budget_warnings[0]["crossed"] is False
    g6 = gen()
    with pytest.raises(BudgetExceeded) as err:
        gov.admit(g6)
    e = err.value
    assert (e.scope, e.subject, e.limit_usd, e.spent_usd) == ("user_daily", "alice", 5.0, 5.0)
    tomorrow = datetime.now(timezone.utc).date().toordinal() + 1
    assert datetime.fromisoformat(e.period_end).date().toordinal() == tomorrow
    assert e.decision is g6.decision and g6.decision.outcome == "block"
    assert g6.decision.hits[-1].action == "block"
    assert spent(store, "user_daily", "alice") == (5.0, 0.0)


def test_team_budget_binds_across_users(store_url: str) -> None:
    store = open_store(store_url)
    gov = Governor(make_policy(cost_limits={"per_team_monthly": 2.0}), store)
    gov.admit(gen("u1", team="design")).settle(None)  # None keeps the estimate as the charge
    gov.admit(gen("u2", team="design")).settle(None)
    with pytest.raises(BudgetExceeded) as err:
        gov.admit(gen("u3", team="design"))
    assert err.value.scope == "team_monthly" and err.value.subject == "design"
    assert spent(store, "team_monthly", "design") == (2.0, 0.0)


def test_release_returns_the_reservation(store_url: str) -> None:
    store = open_store(store_url)
    gov = Governor(make_policy(cost_limits={"per_user_daily": 1.0}), store)
    adm = gov.admit(gen(cost=1.0))
    assert spent(store, "user_daily", "alice") == (0.0, 1.0)
    adm.release()
    adm.settle(1.0)  # after a release a settle is ignored
    assert spent(store, "user_daily", "alice") == (0.0, 0.0)
    gov.admit(gen(cost=1.0)).settle(0.75)  # the actual cost is charged, not the estimate
    assert spent(store, "user_daily", "alice") == (0.75, 0.0)


def test_unpriced_models_follow_policy(store_url: str) -> None:
    store = open_store(store_url)
    blocking = Governor(make_policy(cost_limits={**SEED_COST, "unpriced": "block"}), store)
    g = gen(cost=None)
    with pytest.raises(BudgetExceeded, match="no known price"):
        blocking.admit(g)
    assert g.decision.hits[0].category == "unpriced"
    allowing = Governor(make_policy(cost_limits={**SEED_COST, "unpriced": "allow"}), store)
    allowing.admit(gen(cost=None)).settle(None)
    assert spent(store, "user_daily", "alice") == (0.0, 0.0)


def test_warn_only_never_blocks(store_url: str) -> None:
    store = open_store(store_url)
    gov = Governor(make_policy(cost_limits={"per_user_daily": 1.0, "action": "warn_only"}), store)
    gov.admit(gen(cost=1.0)).settle(1.0)
    g = gen(cost=1.0)
    gov.admit(g).settle(1.0)
    assert g.decision.outcome == "warn"
    assert [h.action for h in g.decision.hits] == ["warn"]
    assert spent(store, "user_daily", "alice") == (2.0, 0.0)


def test_observe_mode_records_but_never_raises_or_waits(store_url: str) -> None:
    store = open_store(store_url)
    policy = make_policy(
        cost_limits={"per_user_daily": 1.0},
        rate_limit={"images_per_hour": 1, "max_wait_seconds": 30},
        approval_required=APPROVAL,
    )
    gov = Governor(policy, store)
    gov.admit(gen(cost=1.0, mode="observe")).settle(1.0)
    g = gen(cost=1.0, mode="observe", purpose="external")
    t0 = time.monotonic()
    gov.admit(g).settle(1.0)
    assert time.monotonic() - t0 < 1.0
    assert g.decision.outcome == "warn"
    assert {(h.rule, h.action) for h in g.decision.hits} == {
        ("approval", "observe"),
        ("budget", "observe"),
        ("rate_limit", "observe"),
    }
    assert all(h.detail.startswith("would ") for h in g.decision.hits)
    assert spent(store, "user_daily", "alice") == (2.0, 0.0)  # the spend is real and recorded
    assert store.list_tickets() == []


def test_rate_limit_queues_then_refuses_and_returns_the_reservation(store_url: str) -> None:
    store = open_store(store_url)
    policy = make_policy(
        cost_limits={"per_user_daily": 10.0},
        rate_limit={"images_per_hour": 2, "window_seconds": 1, "max_wait_seconds": 1.5},
    )
    gov = Governor(policy, store)
    gens = [gen(cost=0.5) for _ in range(5)]

    def one(g: Generation) -> tuple[str, float]:
        t0 = time.monotonic()
        try:
            adm = gov.admit(g)
        except RateLimited as exc:
            return "refused", exc.retry_after
        adm.settle(0.5)
        return "ok", time.monotonic() - t0

    with ThreadPoolExecutor(5) as pool:
        results = list(pool.map(one, gens))
    ok = [(g, took) for g, (status, took) in zip(gens, results, strict=True) if status == "ok"]
    immediate = [g for g, _ in ok if g.ratelimit_wait_s == 0.0]
    queued = [(g, took) for g, took in ok if g.ratelimit_wait_s]
    refused = [(g, r) for g, (status, r) in zip(gens, results, strict=True) if status == "refused"]
    assert (len(immediate), len(queued), len(refused)) == (2, 2, 1)
    for g, took in queued:
        assert 0.7 < g.ratelimit_wait_s <= 1.0 and took >= g.ratelimit_wait_s - 0.01  # it really waited
        assert g.decision.outcome == "queue" and g.decision.hits[0].action == "queue"
    g, retry_after = refused[0]
    assert 1.5 < retry_after <= 2.0 and g.decision.outcome == "block"
    assert spent(store, "user_daily", "alice") == (2.0, 0.0)  # the refused call holds no reservation


def test_rate_limit_block_action_does_not_wait(store_url: str) -> None:
    gov = Governor(make_policy(rate_limit={"images_per_hour": 1, "action": "block"}), open_store(store_url))
    gov.admit(gen()).settle(None)
    with pytest.raises(RateLimited) as err:
        gov.admit(gen())
    assert 3500 < err.value.retry_after <= 3600


def test_rate_limit_per_team_and_images_counted(store_url: str) -> None:
    gov = Governor(
        make_policy(rate_limit={"images_per_hour": 4, "per": "team", "action": "block"}),
        open_store(store_url),
    )
    g = gen("alice")
    g.n = 3
    gov.admit(g).settle(None)
    gov.admit(gen("bob", team="marketing")).settle(None)
    with pytest.raises(RateLimited):
        gov.admit(gen("carl", team="marketing"))
    gov.admit(gen("carl", team="other")).settle(None)


async def test_async_admission_awaits_without_blocking_the_loop(store_url: str) -> None:
    store = open_store(store_url)
    gov = Governor(
        make_policy(rate_limit={"images_per_hour": 1, "window_seconds": 1, "max_wait_seconds": 2}), store
    )
    (await gov.aadmit(gen())).settle(None)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.05)
            ticks += 1

    task = asyncio.create_task(ticker())
    g = gen()
    adm = await gov.aadmit(g)
    task.cancel()
    assert g.ratelimit_wait_s > 0.8 and ticks >= 10
    await adm.asettle(None)
    # A queued call cancelled while waiting gives its slot back.
    waiting = asyncio.create_task(gov.aadmit(gen()))
    await asyncio.sleep(0.2)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    await asyncio.sleep(1.0)
    g2 = gen()
    (await gov.aadmit(g2)).settle(None)
    assert g2.ratelimit_wait_s == 0.0


def test_approval_flow(store_url: str) -> None:
    store = open_store(store_url)
    policy = make_policy(cost_limits=SEED_COST, approval_required=APPROVAL)
    gov = Governor(policy, store)
    g = gen(purpose="external")
    with pytest.raises(ApprovalRequired) as err:
        gov.admit(g)
    ticket_id = err.value.ticket_id
    assert g.ticket_id == ticket_id and g.decision.outcome == "pending_approval"
    assert (g.decision.hits[0].rule, g.decision.hits[0].action) == ("approval", "approval")
    assert spent(store, "user_daily", "alice") == (0.0, 0.0)  # refused before any reservation
    t = store.get_ticket(ticket_id)
    assert (t.user, t.team, t.purpose, t.model, t.prompt_hash, t.estimated_micros, t.roles) == (
        "alice",
        "marketing",
        "external",
        "gpt-image-1",
        "sha256:abc",
        1_000_000,
        ["manager", "legal"],
    )
    with pytest.raises(ApprovalRequired):  # retrying unapproved: the same ticket, still pending
        gov.admit(gen(purpose="external", approval_id=ticket_id))
    with pytest.raises(ValueError, match="not a member|in none"):
        workflow.approve(store, policy, ticket_id, "dave", role="manager")
    workflow.approve(store, policy, ticket_id, "carol")
    workflow.approve(store, policy, ticket_id, "dave")
    other = gen(purpose="external", approval_id=ticket_id)
    other.prompt_hash = "sha256:different"
    with pytest.raises(ApprovalRequired, match="another prompt"):
        gov.admit(other)
    ok = gen(purpose="external", approval_id=ticket_id)
    gov.admit(ok).settle(1.0)
    assert [(h.rule, h.action) for h in ok.decision.hits] == [("approval", "approved")]
    with pytest.raises(ApprovalRequired, match="already used") as again:
        gov.admit(gen(purpose="external", approval_id=ticket_id))
    assert again.value.ticket_id != ticket_id
    assert gov.pending_count() == 2  # the mismatched prompt's ticket and the new one


def test_denied_approval_stays_refused(store_url: str) -> None:
    store = open_store(store_url)
    policy = make_policy(approval_required=APPROVAL)
    gov = Governor(policy, store)
    with pytest.raises(ApprovalRequired) as err:
        gov.admit(gen(purpose="marketing"))
    workflow.deny(store, policy, err.value.ticket_id, "dave", "off brand")
    g = gen(purpose="marketing", approval_id=err.value.ticket_id)
    with pytest.raises(ApprovalRequired, match="denied by dave: off brand"):
        gov.admit(g)
    assert g.decision.outcome == "block"
    with pytest.raises(ValueError, match="may not deny"):
        workflow.deny(store, policy, err.value.ticket_id, "mallory", "no")


def test_unsatisfiable_approval_setup_fails_at_start() -> None:
    with pytest.raises(ValueError, match="approvers is empty"):
        Governor(make_policy(approval_required={"for_marketing": True}), open_store("memory://"))
    with pytest.raises(ValueError, match="'cfo' has no members"):
        Governor(
            make_policy(approval_required={"for_marketing": True, "approvers": ["cfo"]}),
            open_store("memory://"),
        )


def test_periods_follow_the_policy_timezone() -> None:
    store = open_store("memory://")
    # 2030-01-31 23:30 UTC is already 2030-02-01 06:30 in Bangkok: a new day and a new month there.
    late = datetime(2030, 1, 31, 23, 30, tzinfo=timezone.utc).timestamp()
    utc = Governor(make_policy(cost_limits=SEED_COST), store, clock=lambda: late)
    bkk = Governor(
        make_policy(cost_limits={**SEED_COST, "timezone": "Asia/Bangkok"}), store, clock=lambda: late
    )
    utc.admit(gen()).settle(1.0)
    bkk.admit(gen()).settle(1.0)
    periods = sorted((u.scope, u.period) for u in store.budget_usage())
    assert periods == [
        ("team_monthly", "2030-01"),
        ("team_monthly", "2030-02"),
        ("user_daily", "2030-01-31"),
        ("user_daily", "2030-02-01"),
    ]
    with pytest.raises(ValueError, match="unknown time zone"):
        Governor(make_policy(cost_limits={"timezone": "Mars/Olympus"}), store)


def test_store_unreachable_fail_closed_and_fail_open() -> None:
    dead = f"redis://127.0.0.1:{free_port()}/0"
    closed = Governor(make_policy(cost_limits=SEED_COST), open_store(dead))
    g = gen()
    with pytest.raises(GovernanceUnavailable):
        closed.admit(g)
    assert g.decision.degraded == "store_unavailable:fail_closed" and g.decision.outcome == "block"
    opened = Governor(make_policy(cost_limits={**SEED_COST, "on_store_error": "fail_open"}), open_store(dead))
    g2 = gen()
    adm = opened.admit(g2)
    assert g2.decision.degraded == "store_unavailable:fail_open" and g2.decision.outcome == "warn"
    assert adm.degraded
    adm.settle(1.0)  # store still down: logged, never raised
    assert not adm.settled
    # fail_open never waves through a call that needs approval.
    strict = Governor(
        make_policy(cost_limits={**SEED_COST, "on_store_error": "fail_open"}, approval_required=APPROVAL),
        open_store(dead),
    )
    with pytest.raises(GovernanceUnavailable):
        strict.admit(gen(purpose="external"))
    observing = gen(mode="observe")
    closed.admit(observing).settle(1.0)
    assert observing.decision.degraded == "store_unavailable:observe"


def test_no_limits_configured_touches_no_store() -> None:
    dead = f"redis://127.0.0.1:{free_port()}/0"
    g = gen()
    Governor(make_policy(), open_store(dead)).admit(g).settle(1.0)
    assert g.decision.outcome == "allow" and g.decision.degraded is None
