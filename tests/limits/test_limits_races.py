"""Many processes against one store: the limits hold for all of them together, never N times over.

8 processes x 50 concurrent generations each, for SQLite and for Redis.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time

import pytest
from _limits_workers import hold_and_hang, race

from otel_aiaudit.store import open_store

PROCS, CALLS = 8, 50
# fork: children start in milliseconds with everything imported (spawn costs ~0.5 s of CPU each).
ctx = mp.get_context("fork")


def run_race(url: str, policy: dict, *, cost: float, same_user: bool = True) -> list[tuple]:
    barrier, out = ctx.Barrier(PROCS), ctx.Queue()
    procs = [
        ctx.Process(target=race, args=(url, policy, barrier, out, p, CALLS, cost, same_user))
        for p in range(PROCS)
    ]
    for p in procs:
        p.start()
    results, errors = [], []
    for _ in procs:
        _, res, err = out.get(timeout=120)
        results += res
        if err:
            errors.append(err)
    for p in procs:
        p.join(30)
    assert not errors, errors
    assert len(results) == PROCS * CALLS
    return results


def usage(url: str, scope: str) -> tuple[int, int]:
    rows = [u for u in open_store(url).budget_usage() if u.scope == scope]
    return sum(u.spent for u in rows), sum(u.reserved for u in rows)


def test_user_daily_budget_race(shared_store_url: str) -> None:
    policy = {"cost_limits": {"per_user_daily": 5.00}}
    results = run_race(shared_store_url, policy, cost=0.04)
    statuses = [r[0] for r in results]
    assert statuses.count("ok") == 125 and statuses.count("budget") == 275
    assert usage(shared_store_url, "user_daily") == (5_000_000, 0)  # exactly $5.00, nothing left held


def test_team_monthly_budget_race(shared_store_url: str) -> None:
    # 400 different users of one team: only the team budget binds.
    policy = {"cost_limits": {"per_user_daily": 5.00, "per_team_monthly": 5.00}}
    results = run_race(shared_store_url, policy, cost=0.04, same_user=False)
    statuses = [r[0] for r in results]
    assert statuses.count("ok") == 125 and statuses.count("budget") == 275
    assert usage(shared_store_url, "team_monthly") == (5_000_000, 0)
    assert usage(shared_store_url, "user_daily") == (5_000_000, 0)


def test_rate_limit_race(shared_store_url: str) -> None:
    # Seconds: slots for two windows can be had, a third is beyond max_wait. The 5 s margin (2 windows
    # less max_wait) is what the 400 calls have to reach the store in. A call's arrival is taken
    # before it is admitted, so a thread the machine leaves waiting reaches the store later than its
    # arrival says: margins of 2 s and 3 s proved too tight on a loaded machine.
    window, max_wait = 6, 7
    policy = {"rate_limit": {"images_per_hour": 20, "window_seconds": window, "max_wait_seconds": max_wait}}
    t_start = time.time()
    results = run_race(shared_store_url, policy, cost=0.04)
    ok = [r for r in results if r[0] == "ok"]
    immediate = [r for r in ok if r[2] == 0.0]
    queued = [r for r in ok if r[2]]
    refused = [r for r in results if r[0] == "rate"]
    arrivals = [r[1] for r in results]
    # Precondition for exact counts: all calls arrived before a third window's slot came within max_wait.
    assert max(arrivals) - min(arrivals) < 2 * window - max_wait, "calls arrived too far apart"
    assert (len(immediate), len(queued), len(refused)) == (20, 20, 360)
    # No window of `window` seconds ever holds more than 20 slots (store clock, microseconds).
    slots = sorted(r[3] for r in ok)
    for i in range(len(slots) - 20):
        assert slots[i + 20] - slots[i] >= window * 1_000_000
    # Queued calls proceed when a slot frees: exactly one window after an immediate slot, not before.
    first = min(r[3] for r in immediate)
    assert all(r[3] >= first + window * 1_000_000 for r in queued)
    assert all(0 < r[2] <= window for r in queued), sorted(r[2] for r in queued)
    # A refused call is told when a slot could be had: beyond max_wait, within two windows.
    assert all(max_wait < r[2] <= 2 * window for r in refused), sorted(r[2] for r in refused)[:5]
    assert time.time() - t_start < 60


@pytest.mark.parametrize("ttl", [1])
def test_killed_process_reservation_expires(shared_store_url: str, ttl: int) -> None:
    policy = {"cost_limits": {"per_user_daily": 0.04, "reservation_ttl_seconds": ttl}}
    ready = ctx.Event()
    child = ctx.Process(target=hold_and_hang, args=(shared_store_url, policy, ready))
    child.start()
    assert ready.wait(60), "child never reserved"
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    assert usage(shared_store_url, "user_daily") == (0, 40_000)  # the dead process still holds $0.04
    time.sleep(ttl + 0.3)
    assert usage(shared_store_url, "user_daily") == (0, 0)  # ... until its hold expires
    from _limits_workers import PolicyConfig  # same validation the children used

    from otel_aiaudit.generation import Actor, Generation
    from otel_aiaudit.limits import Governor

    gov = Governor(PolicyConfig.model_validate(policy), open_store(shared_store_url))
    gov.admit(Generation(provider="openai", actor=Actor(user="alice"), estimated_cost_usd=0.04)).settle(0.04)
    assert usage(shared_store_url, "user_daily") == (40_000, 0)
