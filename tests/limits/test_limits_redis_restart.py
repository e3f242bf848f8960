"""Redis restarting mid-run: settled spend survives (AOF, appendfsync always), calls fail closed
or open while it is down, and the store is used again as soon as it is back."""

from __future__ import annotations

import threading
import time

from conftest import RedisServer, make_policy

from otel_aiaudit.errors import GovernanceUnavailable
from otel_aiaudit.generation import Actor, Decision, Generation
from otel_aiaudit.limits import Governor
from otel_aiaudit.store import open_store

COST = 0.01


def gen(user: str = "alice") -> Generation:
    return Generation(
        provider="openai", actor=Actor(user=user), estimated_cost_usd=COST, decision=Decision(mode="enforce")
    )


def spent(url: str) -> int:
    return sum(u.spent for u in open_store(url).budget_usage() if u.scope == "user_daily")


def test_restart_mid_run_loses_no_settled_spend(own_redis: RedisServer) -> None:
    url = own_redis.url
    gov = Governor(make_policy(cost_limits={"per_user_daily": 1000.0}), open_store(url))
    settled = refused = 0
    in_doubt: list[str] = []  # admitted, but the settle's answer was lost with the server
    stop = threading.Event()

    def load() -> None:
        nonlocal settled, refused
        while not stop.is_set():
            try:
                adm = gov.admit(gen())
            except GovernanceUnavailable:
                refused += 1
                time.sleep(0.01)
                continue
            adm.settle(COST)
            if adm.settled:
                settled += 1
            else:
                in_doubt.append(adm.rid)

    worker = threading.Thread(target=load)
    worker.start()
    time.sleep(0.5)
    own_redis.kill()  # SIGKILL: no shutdown save, only the AOF
    time.sleep(0.5)
    own_redis.start()
    time.sleep(0.5)
    stop.set()
    worker.join(30)
    assert settled > 50 and refused > 0
    # Every acknowledged settle is still there; a settle whose answer was lost may or may not be.
    assert settled * 10_000 <= spent(url) <= (settled + len(in_doubt)) * 10_000
    # Retrying those settles is safe: each is charged exactly once, whether it had landed or not.
    store = open_store(url)
    for rid in in_doubt:
        store.settle(rid, 10_000)
    assert spent(url) == (settled + len(in_doubt)) * 10_000


def test_fail_open_charge_reaches_the_store_when_it_is_back(own_redis: RedisServer) -> None:
    url = own_redis.url
    gov = Governor(
        make_policy(cost_limits={"per_user_daily": 5.0, "on_store_error": "fail_open"}), open_store(url)
    )
    gov.admit(gen()).settle(COST)
    own_redis.kill()
    g = gen()
    adm = gov.admit(g)  # store down: admitted, marked degraded
    assert g.decision.degraded == "store_unavailable:fail_open"
    own_redis.start()
    adm.settle(COST)  # the provider call finished after the store came back: the charge is recorded
    assert adm.settled
    adm.settle(COST)
    assert spent(url) == 20_000
