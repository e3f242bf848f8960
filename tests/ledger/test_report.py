"""Report figures against a ledger built from known records, and a real budget store."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from otel_aiaudit.generation import Hit
from otel_aiaudit.ledger import LedgerSink
from otel_aiaudit.ledger.report import build_report, parse_since
from otel_aiaudit.store import AdmitRequest, ScopeRequest, Ticket, open_store

from .records import records

DAY = 86_400.0
NOW = time.time()
VIOLENCE = Hit("content", "violence", "block", "blocked category")
EMAIL = Hit("pii", "email", "redact", "email address")


def known_ledger(sink: LedgerSink) -> dict[str, str]:
    """Eleven generations; the figures below are worked out by hand from this list."""
    ids = {}

    def add(name: str, days: float, **kw) -> None:  # noqa: ANN003
        recs = records(at=NOW - days * DAY, **kw)
        sink.ledger.append(recs)
        ids[name] = recs[0].generation_id

    add("alice1", 3, user="alice", team="marketing", cost=0.04, prompt="city skyline")
    add("alice2", 2, user="alice", team="marketing", cost=0.04)
    add("alice3", 1, user="alice", team="marketing", cost=0.04, hits=[EMAIL], outcome="modify")
    add("bob_old", 40, user="bob", team="design", model="dall-e-3", cost=1.00)  # before the window
    add("bob", 5, user="bob", team="design", model="dall-e-3", cost=0.08, images=2)
    add("carol", 10, user="carol", team="design", model="dall-e-3", cost=0.50)
    add(
        "eve_recent",
        2,
        user="eve",
        team="marketing",
        cost=None,
        images=0,
        status="blocked",
        hits=[VIOLENCE],
        outcome="block",
        prompt="blocked content attempt",
    )
    add(
        "eve_old",
        20,
        user="eve",
        team="marketing",
        cost=None,
        images=0,
        status="blocked",
        hits=[VIOLENCE],
        outcome="block",
    )
    add(
        "dave",
        4,
        user="dave",
        team="research",
        model="stable-diffusion",
        provider="replicate",
        cost=None,
        images=0,
        status="error",
        error_type="APIConnectionError",
    )
    return ids


@pytest.fixture
def store(tmp_path: Path):  # noqa: ANN201
    st = open_store(f"sqlite:///{tmp_path}/store.db")
    now_us = st.now_us()
    end = now_us + int(10 * DAY * 1e6)
    for team, spent in (("marketing", 120_000), ("design", 580_000)):
        scope = ScopeRequest(f"team_monthly:{team}:p", "team_monthly", team, "p", end, 500_000_000)
        st.admit(AdmitRequest(rid=f"r-{team}", amount=spent, scopes=(scope,)))
        st.settle(f"r-{team}", spent)
    for i in range(3):
        st.open_ticket(
            Ticket(
                id=f"t{i}",
                user=f"u{i}",
                team=None,
                purpose="marketing",
                model=None,
                provider=None,
                prompt_hash=f"h{i}",
                estimated_micros=None,
                roles=["manager"],
                created_us=0,
                expires_us=0,
            ),
            ttl_us=int(3600e6),
        )
    st.decide_ticket("t2", user="carol", approve=False, role=None, reason="no")
    yield st
    st.close()


def test_dashboard_figures(sink, store) -> None:
    known_ledger(sink)
    r = build_report(sink.ledger, since=NOW - 30 * DAY, until=NOW + 1, store=store)
    assert r.generations == 8
    assert r.total_spend_usd == pytest.approx(0.70)
    assert r.images == 6
    assert r.avg_cost_per_image_usd == pytest.approx(0.70 / 6, abs=1e-6)
    assert (r.top_user.name, r.top_user.spend_usd) == ("carol", pytest.approx(0.50))
    assert (r.top_team.name, r.top_team.spend_usd) == ("design", pytest.approx(0.58))
    assert r.blocked == 2 and r.blocked_share == pytest.approx(0.25)
    assert r.failed == 1
    assert r.approvals_pending == 2
    assert r.budget_scope == "team_monthly"
    assert r.budget_remaining_usd == pytest.approx(1000 - 0.70)
    assert r.budget_remaining_share == pytest.approx((1000 - 0.70) / 1000)
    assert {m.name: m.spend_usd for m in r.by_model} == pytest.approx(
        {"gpt-image-1": 0.12, "dall-e-3": 0.58, "stable-diffusion": 0.0}
    )
    assert len(r.spend_per_day) == 31 and sum(v for _, v in r.spend_per_day) == pytest.approx(0.70)
    assert r.notes == []


def test_saved_searches(sink, store) -> None:
    ids = known_ledger(sink)
    r = build_report(sink.ledger, since=NOW - 30 * DAY, until=NOW + 1, store=store)

    blocked = r.search("blocked_prompts")  # last 7 days only
    assert blocked.total == 1
    (row,) = blocked.rows
    assert (row["user"], row["flags"], row["generation_id"]) == ("eve", "content:violence", ids["eve_recent"])
    assert row["prompt"] == "blocked content attempt"

    anomalies = r.search("cost_anomalies")  # average of priced generations: 0.70 / 5 = 0.14
    assert anomalies.total == 1
    assert anomalies.rows[0]["generation_id"] == ids["carol"]
    assert anomalies.rows[0]["times_average"] == pytest.approx(0.50 / 0.14, abs=0.01)

    new = r.search("new_users")  # bob generated before the window
    assert new.total == 4
    assert {x["user"]: x["generation_id"] for x in new.rows} == {
        "alice": ids["alice1"],
        "carol": ids["carol"],
        "eve": ids["eve_old"],
        "dave": ids["dave"],
    }

    failed = r.search("failed_generations")
    assert [(x["user"], x["error_type"], x["provider"]) for x in failed.rows] == [
        ("dave", "APIConnectionError", "replicate")
    ]

    violations = r.search("violations_by_user")
    assert [(x["user"], x["violations"], x["blocked"], x["rules"]) for x in violations.rows] == [
        ("eve", 2, 2, "content:violence x2"),
        ("alice", 1, 0, "pii:email x1"),
    ]


def test_no_store_shows_not_available(sink) -> None:
    known_ledger(sink)
    r = build_report(sink.ledger, since=NOW - 30 * DAY, until=NOW + 1, store=None, store_note="no budget store")
    assert r.approvals_pending is None and r.budget_remaining_usd is None
    assert r.notes == ["approvals pending and budget remaining: n/a (no budget store)"]


def test_window_edges(sink) -> None:
    known_ledger(sink)
    r = build_report(sink.ledger, since=NOW - 7 * DAY, until=NOW + 1)
    assert r.generations == 6 and r.total_spend_usd == pytest.approx(0.20)  # alice x3, bob, eve, dave
    assert r.search("new_users").total == 2  # alice, dave; eve and bob were seen before


def test_parse_since() -> None:
    assert parse_since("30d", 1000 * DAY) == 970 * DAY
    assert parse_since("12h", 100_000.0) == 100_000.0 - 12 * 3600
    assert parse_since("2w", 30 * DAY) == 16 * DAY
    assert parse_since("1970-01-02", 0) == DAY
    with pytest.raises(ValueError, match="30d"):
        parse_since("last month", 0)


def test_report_queries_use_indexes_only(sink) -> None:
    known_ledger(sink)
    conn = sink.ledger.conn()
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        build_report(sink.ledger, since=NOW - 30 * DAY, until=NOW + 1)
    finally:
        conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "FROM records" in s]
    assert len(selects) >= 10
    for sql in selects:
        plan = " | ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert not re.search(r"\bSCAN (records|r|o|p)\b", plan), f"{sql}\n -> {plan}"


def test_by_path_days_and_store_url(sink, store, tmp_path: Path) -> None:
    known_ledger(sink)
    r = build_report(sink.path, since_days=30, store_url=f"sqlite:///{tmp_path}/store.db")
    assert r.generations == 8 and r.approvals_pending == 2 and r.notes == []
    r = build_report(sink.path, store_url="memory://")
    assert r.approvals_pending is None and "memory://" in r.notes[0]
    r = build_report(sink.path, store_url=f"sqlite:///{tmp_path}/absent.db")
    assert "no budget store at" in r.notes[0] and not (tmp_path / "absent.db").exists()
