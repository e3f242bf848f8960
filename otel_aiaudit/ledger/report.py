"""`aiaudit report`: the seed's cost dashboard and saved searches, answered from the ledger.

Every figure comes from log records (one per generation) in the window, through partial indexes on
`type = 'log'`: two passes over the window's (ts, ...) covering index give every aggregate; the saved
searches read their own narrow indexes (status, cost, flags) and "new users" probes (user, ts) once
per active user. Nothing scans the whole table.
Approvals pending and budget remaining come from the budget store (`otel_aiaudit.store`).
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .store import Ledger

DAY_S = 86_400
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": DAY_S, "w": 7 * DAY_S}
ANOMALY_FACTOR = 2.0  # the seed's "cost anomalies (> 2x average)"
BLOCKED_WINDOW_S = 7 * DAY_S  # the seed's "all blocked prompts (last 7 days)"


def parse_since(value: str, now: float) -> float:
    """`30d`, `12h`, `2w`, `90m`, `45s`, or an ISO date/time (UTC unless it says otherwise)."""
    text = value.strip()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([smhdw])", text)
    if m:
        return now - float(m.group(1)) * _UNITS[m.group(2)]
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--since {value!r}: expected e.g. 30d, 12h, 2w or an ISO date such as 2025-06-01") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.timestamp()


def usd(micro: int | None) -> float:
    return round((micro or 0) / 1_000_000, 6)


@dataclass
class Ranked:
    name: str | None
    spend_usd: float
    images: int
    generations: int


@dataclass
class SavedSearch:
    name: str
    title: str
    columns: list[str]
    rows: list[dict[str, Any]]
    total: int  # matches in the ledger; rows holds at most `limit` of them


@dataclass
class Report:
    ledger: str
    since: float
    until: float
    generated_at: float
    generations: int
    total_spend_usd: float
    images: int
    avg_cost_per_image_usd: float | None
    top_user: Ranked | None
    top_team: Ranked | None
    blocked: int
    blocked_share: float | None
    failed: int
    approvals_pending: int | None
    budget_remaining_usd: float | None
    budget_remaining_share: float | None
    budget_scope: str | None
    spend_per_day: list[tuple[str, float]]
    by_team: list[Ranked]
    by_model: list[Ranked]
    by_user: list[Ranked]
    searches: list[SavedSearch]
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["since_iso"] = _iso(self.since)
        d["until_iso"] = _iso(self.until)
        d["spend_per_day"] = [{"day": day, "spend_usd": v} for day, v in self.spend_per_day]
        return d

    def search(self, name: str) -> SavedSearch:
        return next(s for s in self.searches if s.name == name)


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="seconds")


_LOG = "FROM records WHERE type = 'log' AND ts >= ? AND ts < ?"
# Narrow searches go through their own partial indexes, never through the whole window.
_STATUS = "FROM records INDEXED BY records_log_status WHERE type = 'log' AND status = ? AND ts >= ? AND ts < ?"


def build_report(
    ledger: Ledger | str | os.PathLike[str],
    *,
    since: float | None = None,
    until: float | None = None,
    since_days: float | None = None,
    limit: int = 50,
    store: Any = None,
    store_note: str | None = None,
    store_url: str | None = None,
    policy: Any = None,
) -> Report:
    """The report for [since, until) (default: the last `since_days`, 30, up to now).

    `store`: an open otel_aiaudit.store Store, or `store_url` to open one (never created); without
    either, approvals pending and budget remaining are n/a with `store_note` as the reason.
    """
    if not isinstance(ledger, Ledger):
        ledger = Ledger(ledger)
    opened = None
    if store is None and store_url is not None:
        opened, store_note = open_report_store(store_url)
        store = opened
    try:
        return _build(ledger, since, until, since_days, limit, store, store_note, policy)
    finally:
        if opened is not None:
            opened.close()


def open_report_store(url: str) -> tuple[Any, str | None]:
    """(an open store, None) or (None, why not). A report reads; it never creates a store file."""
    from ..store import open_store

    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "memory":
        return None, "the store is memory://, kept only inside the instrumented process"
    if scheme == "sqlite":
        path = parts.path[1:] if parts.path.startswith("/") else parts.path
        if not Path(path).is_file():
            return None, f"no budget store at {path}"
    try:
        return open_store(url), None
    except ValueError as exc:
        return None, str(exc)


def _build(
    ledger: Ledger,
    since: float | None,
    until: float | None,
    since_days: float | None,
    limit: int,
    store: Any,
    store_note: str | None,
    policy: Any,
) -> Report:
    now = time.time()
    until = now if until is None else until
    if since is None:
        since = until - (30 if since_days is None else since_days) * DAY_S
    c = ledger.conn()
    w = (since, until)
    # Pass 1 over the window: per day (the dashboard's totals are the sum of the days).
    days_rows = c.execute(
        f"SELECT CAST(ts / {DAY_S} AS INTEGER), COUNT(*), SUM(cost_micro), SUM(image_count),"
        f" SUM(status = 'blocked'), SUM(status = 'error'), SUM(cost_micro > 0) {_LOG} GROUP BY 1",
        w,
    ).fetchall()
    n = sum(r[1] for r in days_rows)
    spend = sum(r[2] or 0 for r in days_rows)
    images = sum(r[3] or 0 for r in days_rows)
    blocked = sum(r[4] or 0 for r in days_rows)
    failed = sum(r[5] or 0 for r in days_rows)
    priced = sum(r[6] or 0 for r in days_rows)
    # Pass 2: per (user, team, model); by user, by team, by model and "who is active" all come from it.
    groups = c.execute(
        f"SELECT user, team, model, SUM(cost_micro), SUM(image_count), COUNT(*), MIN(ts) {_LOG}"
        " GROUP BY user, team, model",
        w,
    ).fetchall()
    by_user, by_team, by_model = _ranked(groups, 0), _ranked(groups, 1), _ranked(groups, 2)
    first_seen: dict[str, float] = {}
    for g in groups:
        if g[0] is not None:
            first_seen[g[0]] = min(first_seen.get(g[0], g[6]), g[6])
    per_day = {r[0]: r[2] for r in days_rows}
    first_day, last_day = int(since // DAY_S), int((until - 1e-6) // DAY_S)
    if last_day - first_day > 366:  # a very long window: only the days that have data
        days = sorted(per_day)
    else:
        days = list(range(first_day, last_day + 1))
    spend_per_day = [(_day(d), usd(per_day.get(d))) for d in days]

    report = Report(
        ledger=ledger.path,
        since=since,
        until=until,
        generated_at=now,
        generations=n,
        total_spend_usd=usd(spend),
        images=int(images),
        avg_cost_per_image_usd=round(usd(spend) / images, 6) if images else None,
        top_user=next((r for r in by_user if r.name), None),
        top_team=next((r for r in by_team if r.name), None),
        blocked=int(blocked),
        blocked_share=blocked / n if n else None,
        failed=int(failed),
        approvals_pending=None,
        budget_remaining_usd=None,
        budget_remaining_share=None,
        budget_scope=None,
        spend_per_day=spend_per_day,
        by_team=by_team,
        by_model=by_model,
        by_user=by_user,
        searches=[],
    )
    report.searches = [
        _blocked(c, max(since, until - BLOCKED_WINDOW_S), until, limit),
        _anomalies(c, w, limit, spend / priced if priced else None),
        _new_users(c, w, limit, first_seen),
        _failed(c, w, limit),
        _refused(c, w, limit),
        _violations(c, w, limit),
    ]
    _from_store(report, store, store_note, policy)
    return report


def _ranked(groups: list[tuple], key: int) -> list[Ranked]:
    acc: dict[Any, list[int]] = {}
    for g in groups:
        a = acc.setdefault(g[key], [0, 0, 0])
        a[0] += g[3] or 0
        a[1] += g[4] or 0
        a[2] += g[5]
    out = [Ranked(k, usd(v[0]), v[1], v[2]) for k, v in acc.items()]
    out.sort(key=lambda r: (-r.spend_usd, -r.generations, r.name or ""))
    return out


def _day(d: int) -> str:
    return datetime.fromtimestamp(d * DAY_S, timezone.utc).date().isoformat()


def _blocked(c: Any, since: float, until: float, limit: int) -> SavedSearch:
    total = c.execute(f"SELECT COUNT(*) {_STATUS}", ("blocked", since, until)).fetchone()[0]
    rows = c.execute(
        "SELECT r.ts, r.user, r.team, r.model, r.flags, r.generation_id, p.sensitive, p.body, p.redacted"
        " FROM records r INDEXED BY records_log_status"
        " LEFT JOIN records p ON p.record_id = r.generation_id || ':prompt'"
        " WHERE r.type = 'log' AND r.status = 'blocked' AND r.ts >= ? AND r.ts < ? ORDER BY r.ts DESC LIMIT ?",
        (since, until, limit),
    ).fetchall()
    out = []
    for ts, user, team, model, flags, gid, sensitive, body, redacted in rows:
        out.append(
            {
                "time": _iso(ts),
                "user": user,
                "team": team,
                "model": model,
                "flags": flags or "",
                "prompt": _prompt(sensitive, body, redacted),
                "generation_id": gid,
            }
        )
    return SavedSearch(
        "blocked_prompts",
        "Blocked prompts (last 7 days)",
        ["time", "user", "team", "model", "flags", "prompt", "generation_id"],
        out,
        total,
    )


def _prompt(sensitive: str | None, body: str | None, redacted: str | None) -> str:
    """The prompt as the audit record kept it (per capture mode; never more than that)."""
    if sensitive:
        text = json.loads(sensitive).get("body", {}).get("prompt")
        if text:
            return text
    if redacted:
        return "(removed by retention)"
    if body:
        b = json.loads(body).get("body", {})
        if b.get("prompt_hash"):
            return f"(not captured: {b['prompt_hash'][:23]}...)"
    return "(not captured)"


def _anomalies(c: Any, w: tuple[float, float], limit: int, avg: float | None) -> SavedSearch:
    """Through the (cost, ts) index: only generations above the threshold are read."""
    cols = ["time", "user", "team", "model", "cost_usd", "times_average", "generation_id"]
    if not avg:
        return SavedSearch("cost_anomalies", "Cost anomalies (> 2x average)", cols, [], 0)
    threshold = avg * ANOMALY_FACTOR
    where = "FROM records INDEXED BY records_log_cost WHERE type = 'log' AND cost_micro > ? AND ts >= ? AND ts < ?"
    total = c.execute(f"SELECT COUNT(*) {where}", (threshold, *w)).fetchone()[0]
    rows = c.execute(
        f"SELECT ts, user, team, model, cost_micro, generation_id {where} ORDER BY cost_micro DESC LIMIT ?",
        (threshold, *w, limit),
    ).fetchall()
    out = [
        {
            "time": _iso(r[0]),
            "user": r[1],
            "team": r[2],
            "model": r[3],
            "cost_usd": usd(r[4]),
            "times_average": round(r[4] / avg, 2),
            "generation_id": r[5],
        }
        for r in rows
    ]
    title = f"Cost anomalies (> 2x the average ${avg / 1e6:.4f})"
    return SavedSearch("cost_anomalies", title, cols, out, total)


def _new_users(c: Any, w: tuple[float, float], limit: int, first_seen: dict[str, float]) -> SavedSearch:
    """Users active in the window with no generation before it: one (user, ts) index probe each."""
    probe = "SELECT 1 FROM records INDEXED BY records_log_user WHERE type = 'log' AND user = ? AND ts < ? LIMIT 1"
    new = [(u, t) for u, t in first_seen.items() if c.execute(probe, (u, w[0])).fetchone() is None]
    new.sort(key=lambda x: -x[1])
    out = []
    for user, first in new[:limit]:
        r = c.execute(
            "SELECT ts, team, provider, model, status, cost_micro, generation_id FROM records"
            " INDEXED BY records_log_user WHERE type = 'log' AND user = ? AND ts = ? LIMIT 1",
            (user, first),
        ).fetchone()
        out.append(
            {
                "time": _iso(r[0]),
                "user": user,
                "team": r[1],
                "provider": r[2],
                "model": r[3],
                "status": r[4],
                "cost_usd": None if r[5] is None else usd(r[5]),
                "generation_id": r[6],
            }
        )
    cols = ["time", "user", "team", "provider", "model", "status", "cost_usd", "generation_id"]
    return SavedSearch("new_users", "New users' first generation", cols, out, len(new))


def _failed(c: Any, w: tuple[float, float], limit: int) -> SavedSearch:
    return _by_status(c, w, limit, "error", "error_type", ("failed_generations", "Failed generations"))


def _refused(c: Any, w: tuple[float, float], limit: int) -> SavedSearch:
    """Prompts the provider itself refused for content reasons: evidence, next to our own blocks."""
    return _by_status(
        c, w, limit, "provider_refused", "refusal_reason", ("provider_refusals", "Refused by the provider")
    )


def _by_status(
    c: Any, w: tuple[float, float], limit: int, status: str, detail: str, name: tuple[str, str]
) -> SavedSearch:
    """The latest generations of one status, with one detail field of their log record."""
    total = c.execute(f"SELECT COUNT(*) {_STATUS}", (status, *w)).fetchone()[0]
    rows = c.execute(
        f"SELECT ts, user, team, provider, model, json_extract(body, '$.body.{detail}'), generation_id {_STATUS}"
        " ORDER BY ts DESC LIMIT ?",
        (status, *w, limit),
    ).fetchall()
    out = [
        {
            "time": _iso(r[0]),
            "user": r[1],
            "team": r[2],
            "provider": r[3],
            "model": r[4],
            detail: r[5],
            "generation_id": r[6],
        }
        for r in rows
    ]
    cols = ["time", "user", "team", "provider", "model", detail, "generation_id"]
    return SavedSearch(name[0], name[1], cols, out, total)


def _violations(c: Any, w: tuple[float, float], limit: int) -> SavedSearch:
    """Generations with at least one policy hit, by user, with the rules that matched (flags index)."""
    per: dict[str | None, dict[str, Any]] = {}
    for user, team, flags, status, count in c.execute(
        "SELECT user, team, flags, status, COUNT(*) FROM records INDEXED BY records_log_flags"
        " WHERE type = 'log' AND flags IS NOT NULL AND ts >= ? AND ts < ? GROUP BY user, team, flags, status",
        w,
    ):
        u = per.setdefault(user, {"user": user, "teams": set(), "violations": 0, "blocked": 0, "flags": {}})
        if team:
            u["teams"].add(team)
        u["violations"] += count
        u["blocked"] += count if status == "blocked" else 0
        for flag in flags.split(","):
            u["flags"][flag] = u["flags"].get(flag, 0) + count
    ordered = sorted(per.values(), key=lambda u: (-u["violations"], -u["blocked"], u["user"] or ""))
    out = [
        {
            "user": u["user"],
            "team": ", ".join(sorted(u["teams"])),
            "violations": u["violations"],
            "blocked": u["blocked"],
            "rules": ", ".join(f"{f} x{n}" for f, n in sorted(u["flags"].items(), key=lambda x: (-x[1], x[0]))),
        }
        for u in ordered[:limit]
    ]
    return SavedSearch(
        "violations_by_user",
        "Policy violations by user",
        ["user", "team", "violations", "blocked", "rules"],
        out,
        len(ordered),
    )


def _from_store(report: Report, store: Any, note: str | None, policy: Any) -> None:
    if store is None:
        report.notes.append(f"approvals pending and budget remaining: n/a ({note or 'no budget store'})")
        return
    from ..store import StoreError

    try:
        now_us = store.now_us()
        report.approvals_pending = sum(1 for t in store.list_tickets() if t.state_at(now_us) == "pending")
        usage = [u for u in store.budget_usage() if u.period_end_us > now_us]
    except StoreError as exc:
        report.notes.append(f"approvals pending and budget remaining: n/a (store error: {exc})")
        return
    limits = getattr(policy, "cost_limits", None) if policy is not None else None
    for scope, configured in (
        ("team_monthly", getattr(limits, "per_team_monthly", None)),
        ("user_daily", getattr(limits, "per_user_daily", None)),
    ):
        rows = [u for u in usage if u.scope == scope]
        if not rows:
            continue
        limit = sum(round(configured * 1e6) if configured is not None else u.limit for u in rows)
        remaining = sum(
            max(0, (round(configured * 1e6) if configured is not None else u.limit) - u.spent - u.reserved)
            for u in rows
        )
        report.budget_remaining_usd = usd(remaining)
        report.budget_remaining_share = remaining / limit if limit else None
        report.budget_scope = scope
        return
    report.notes.append("budget remaining: n/a (no budget counters for the current period in the store)")
