"""User and team names that hold separators, hash tags, unicode or a megabyte of text: every charge
through the Governor settles, each name has a budget, a rate limit and approval tickets of its own."""

from __future__ import annotations

import hashlib
import re

import pytest
import redis as redis_lib
from conftest import make_policy, redis_url

from otel_aiaudit.errors import ApprovalRequired, BudgetExceeded, RateLimited
from otel_aiaudit.generation import Actor, Decision, Generation
from otel_aiaudit.limits import Governor
from otel_aiaudit.store import ScopeRequest, open_store
from otel_aiaudit.store.base import AdmitRequest
from otel_aiaudit.store.keys import key_part

BIG = "x" * 1_000_000
HOSTILE = [
    "a\nb",
    "a\n",
    "a:b",
    "a:b:2025-06-01",
    "{x}",
    "a|b",
    "a#0",
    "a\x1fb",
    "ünï 名前 🙂",
    "a b",
    BIG,
    BIG + "y",  # differs from BIG only at its very end
    "~YTpi",  # what "a:b" might be encoded as
    "~~" + hashlib.sha256(BIG.encode()).hexdigest(),  # what BIG might be hashed to
    "a",
]


def gen(user: str, team: str | None = None, purpose: str | None = None) -> Generation:
    return Generation(
        provider="openai",
        model="gpt-image-1",
        actor=Actor(user=user, team=team, purpose=purpose),
        estimated_cost_usd=1.0,
        prompt_hash="sha256:abc",
        decision=Decision(mode="enforce"),
    )


def usage(store, scope: str, subject: str) -> tuple[int, int]:  # noqa: ANN001
    rows = [u for u in store.budget_usage() if u.scope == scope and u.subject == subject]
    assert len(rows) == 1, f"{scope} of {subject[:20]!r}: {len(rows)} counters"
    return rows[0].spent, rows[0].reserved


def test_key_parts_are_plain_distinct_and_short() -> None:
    parts = [key_part(n) for n in HOSTILE]
    assert len(set(parts)) == len(HOSTILE)
    for part in parts:
        assert re.fullmatch(r"[A-Za-z0-9._@+~-]{1,140}", part), part
    assert key_part("alice") == "alice" and key_part("bob.smith@example.com") == "bob.smith@example.com"
    assert key_part("") != key_part("~")
    assert key_part("\ud800") != key_part("?")  # a lone surrogate encodes instead of raising


@pytest.mark.parametrize("name", HOSTILE, ids=lambda n: repr(n[:12]) + (f"+{len(n)}" if len(n) > 12 else ""))
@pytest.mark.fault(
    fault="user or team names with newlines, colons, braces or 1 MB of text (SQLite and Redis)",
    app_sees="the budget blocks at the right call",
    recorded="every charge settles under a key no name can split or share",
)
def test_every_charge_of_a_hostile_name_settles(store_url: str, name: str) -> None:
    store = open_store(store_url)
    gov = Governor(make_policy(cost_limits={"per_user_daily": 6.0, "per_team_monthly": 6.0}), store)
    for _ in range(6):
        gov.admit(gen(name, team=name)).settle(1.0)
    with pytest.raises(BudgetExceeded) as err:
        gov.admit(gen(name, team=name))
    assert err.value.subject == name and err.value.spent_usd == 6.0
    assert usage(store, "user_daily", name) == (6_000_000, 0)
    assert usage(store, "team_monthly", name) == (6_000_000, 0)
    failed = gov.admit(gen(name + "!", team=name + "!"))
    failed.release()  # a failed call returns its hold
    assert usage(store, "user_daily", name + "!") == (0, 0)


def test_distinct_hostile_names_never_share_a_budget(store_url: str) -> None:
    store = open_store(store_url)
    gov = Governor(make_policy(cost_limits={"per_user_daily": 2.0, "per_team_monthly": 2.0}), store)
    for _ in range(2):  # interleaved: a shared counter would refuse some name's second call
        for name in HOSTILE:
            gov.admit(gen(name, team=name)).settle(None)
    for name in HOSTILE:
        with pytest.raises(BudgetExceeded):
            gov.admit(gen(name, team=name))
    for name in HOSTILE:
        assert usage(store, "user_daily", name) == (2_000_000, 0)
        assert usage(store, "team_monthly", name) == (2_000_000, 0)


def test_distinct_hostile_names_never_share_a_rate_limit(store_url: str) -> None:
    store = open_store(store_url)
    gov = Governor(make_policy(rate_limit={"images_per_hour": 2, "action": "block"}), store)
    gov.admit(gen(HOSTILE[0])).release()  # a failed call gives its slot back
    for _ in range(2):
        for name in HOSTILE:
            gov.admit(gen(name)).settle(None)
    for name in HOSTILE:
        with pytest.raises(RateLimited):
            gov.admit(gen(name))


def test_hostile_names_never_share_an_approval_ticket(store_url: str) -> None:
    # Joined naively, ("a\x1fb", "x") and ("a", "b\x1fx") are one request: the second user would be
    # handed the first user's ticket.
    store = open_store(store_url)
    approval = {"purposes": ["x", "b\x1fx"], "approvers": ["manager"]}
    gov = Governor(make_policy(approval_required=approval), store)
    tickets = {}
    for user, purpose in [("a\x1fb", "x"), ("a", "b\x1fx"), ("a\nb", "x"), ("a", "x")]:
        with pytest.raises(ApprovalRequired) as err:
            gov.admit(gen(user, purpose=purpose))
        ticket = store.get_ticket(err.value.ticket_id)
        assert ticket is not None and (ticket.user, ticket.purpose) == (user, purpose)
        tickets[(user, purpose)] = ticket.id
    assert len(set(tickets.values())) == 4
    with pytest.raises(ApprovalRequired) as again:  # the same request is still answered by its ticket
        gov.admit(gen("a\x1fb", purpose="x"))
    assert again.value.ticket_id == tickets[("a\x1fb", "x")]


@pytest.mark.parametrize("key", ["k\nl", "k\n", "\nk", "k:{x}|#0\x1f", "ünï"])
def test_the_store_settles_a_scope_key_holding_any_character(store_url: str, key: str) -> None:
    # The store keeps its own record of a reservation's scope keys; no key may break that record.
    store = open_store(store_url)
    now = store.now_us()
    scope = ScopeRequest(key, "user_daily", "s", "2025-06-01", now + 86_400_000_000, 10_000_000)
    for i in range(3):
        assert store.admit(AdmitRequest(rid=f"r{i}", amount=2_000_000, scopes=(scope,))).status == "admitted"
    assert store.settle("r0", 1_000_000) and store.release("r1") and store.settle("r2", 2_000_000)
    assert store.settle("r3", 500_000, (scope,))  # never reserved: charged directly
    (row,) = [u for u in store.budget_usage() if u.key == key]
    assert (row.spent, row.reserved) == (3_500_000, 0)


def test_redis_reads_reservation_records_written_before_scope_fields(redis_server) -> None:  # noqa: ANN001
    # A reservation in flight across the upgrade lists its scope keys in one newline-joined field.
    store = open_store(redis_url(redis_server))
    now = store.now_us()
    scopes = tuple(
        ScopeRequest(k, "user_daily", k, "2025-06-01", now + 86_400_000_000, 10_000_000) for k in ("k1", "k2")
    )
    for rid in ("old", "older"):
        assert store.admit(AdmitRequest(rid=rid, amount=2_000_000, scopes=scopes)).status == "admitted"
        raw = redis_lib.Redis(port=redis_server.port)
        record = store._k("r:", rid)  # noqa: SLF001 - rewriting the record as the earlier layout had it
        raw.hdel(record, "nscopes", "scope1", "scope2")
        raw.hset(record, "scopes", "k1\nk2")
        raw.close()
    assert store.settle("old", 1_000_000) and store.release("older")
    for row in store.budget_usage():
        assert (row.spent, row.reserved) == (1_000_000, 0)
