"""Process bodies for the race tests (importable by spawned children)."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from otel_aiaudit.errors import BudgetExceeded, RateLimited
from otel_aiaudit.generation import Actor, Decision, Generation
from otel_aiaudit.limits import Governor
from otel_aiaudit.policy.config import PolicyConfig
from otel_aiaudit.store import open_store


def race(
    url: str, policy: dict, barrier: Any, out: Any, proc: int, calls: int, cost: float, same_user: bool
) -> None:
    """Fire `calls` concurrent generations (threads released together), admit then settle each."""
    try:
        gov = Governor(PolicyConfig.model_validate(policy), open_store(url))
        gens = [
            Generation(
                provider="openai",
                model="gpt-image-1",
                actor=Actor(user="alice" if same_user else f"user{proc}-{i}", team="marketing"),
                estimated_cost_usd=cost,
                decision=Decision(mode="enforce"),
            )
            for i in range(calls)
        ]
        go = threading.Barrier(calls)

        def one(g: Generation) -> tuple:
            go.wait()
            t0 = time.time()
            try:
                adm = gov.admit(g)
            except BudgetExceeded:
                return ("budget", t0, None, None)
            except RateLimited as exc:
                return ("rate", t0, exc.retry_after, None)
            adm.settle(cost)
            return ("ok", t0, g.ratelimit_wait_s, adm.slot_us)

        barrier.wait()
        with ThreadPoolExecutor(calls) as pool:
            results = list(pool.map(one, gens))
        out.put((proc, results, None))
    except BaseException as exc:  # report, never hang the parent
        out.put((proc, [], repr(exc)))


def hold_and_hang(url: str, policy: dict, ready: Any) -> None:
    """Reserve one call and never settle it: the parent kills this process."""
    gov = Governor(PolicyConfig.model_validate(policy), open_store(url))
    gov.admit(
        Generation(
            provider="openai",
            model="gpt-image-1",
            actor=Actor(user="alice"),
            estimated_cost_usd=0.04,
            decision=Decision(mode="enforce"),
        )
    )
    ready.set()
    time.sleep(120)
    os._exit(0)
