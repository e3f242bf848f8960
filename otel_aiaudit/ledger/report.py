"""`aiaudit report`: the seed's cost dashboard and saved searches, answered from the ledger.

Every figure comes from log records (one per generation) in the window, through the partial
indexes on `type = 'log'`: the window's aggregates read the (ts, ...) covering index only, and the
"new users" search probes the (user, ts) index once per active user. Nothing scans the whole table.
Approvals pending and budget remaining come from the budget store (`otel_aiaudit.store`).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

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
        raise ValueError(
            f"--since {value!r}: expected e.g. 30d, 12h, 2w or an ISO date such as 2025-06-01"
        ) from None
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


def build_report(
    ledger: Ledger,
    *,
    since: float,
    until: float | None = None,
    limit: int = 50,
    store: Any = None,
    store_note: str | None = None,
    policy: Any = None,
) -> Report:
    """`store`: an open otel_aiaudit.store Store (or None: approvals and budget show n/a with `store_note`)."""
    now = time.time()
    until = now if until is None else until
    c = ledger.conn()
    w = (since, until)
    n, spend, images, blocked, failed = c.execute(
        "SELECT COUNT(*), SUM(cost_micro), SUM(image_count), SUM(status = 'blocked'), SUM(status = 'error') "
        + _LOG,
        w,
    ).fetchone()
    n, spend, images, blocked, failed = n or 0, spend or 0, images or 0, blocked or 0, failed or 0

    def ranked(col: str) -> list[Ranked]:
        rows = c.execute(
            f"SELECT {col}, SUM(cost_micro), SUM(image_count), COUNT(*) {_LOG} GROUP BY {col}"
            " ORDER BY SUM(cost_micro) DESC, COUNT(*) DESC",
            w,
        ).fetchall()
        return [Ranked(r[0], usd(r[1]), int(r[2] or 0), int(r[3])) for r in rows]

    by_team, by_model, by_user = ranked("team"), ranked("model"), ranked("user")
    per_day = dict(
        c.execute(f"SELECT CAST(ts / {DAY_S} AS INTEGER), SUM(cost_micro) {_LOG} GROUP BY 1", w).fetchall()
    )
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
        _anomalies(c, w, limit),
        _new_users(c, w, limit),
        _failed(c, w, limit),
        _violations(c, w, limit),
    ]
    _from_store(report, store, store_note, policy)
    return report


def _day(d: int) -> str:
    return datetime.fromtimestamp(d * DAY_S, timezone.utc).date().isoformat()


def _blocked(c: Any, since: float, until: float, limit: int) -> SavedSearch:
    total = c.execute(f"SELECT COUNT(*) {_LOG} AND status = 'blocked'", (since, until)).fetchone()[0]
    rows = c.execute(
        "SELECT r.ts, r.user, r.team, r.model, r.flags, r.generation_id, p.sensitive, p.body, p.redacted"
        " FROM records r LEFT JOIN records p ON p.record_id = r.generation_id || ':prompt'"
        " WHERE r.type = 'log' AND r.ts >= ? AND r.ts < ? AND r.status = 'blocked' ORDER BY r.ts DESC LIMIT ?",
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


def _anomalies(c: Any, w: tuple[float, float], limit: int) -> SavedSearch:
    priced, avg = c.execute(
        f"SELECT COUNT(cost_micro), AVG(cost_micro) {_LOG} AND cost_micro > 0", w
    ).fetchone()
    cols = ["time", "user", "team", "model", "cost_usd", "times_average", "generation_id"]
    if not priced:
        return SavedSearch("cost_anomalies", "Cost anomalies (> 2x average)", cols, [], 0)
    threshold = avg * ANOMALY_FACTOR
    total = c.execute(f"SELECT COUNT(*) {_LOG} AND cost_micro > ?", (*w, threshold)).fetchone()[0]
    rows = c.execute(
        f"SELECT ts, user, team, model, cost_micro, generation_id {_LOG} AND cost_micro > ?"
        " ORDER BY cost_micro DESC, ts DESC LIMIT ?",
        (*w, threshold, limit),
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


def _new_users(c: Any, w: tuple[float, float], limit: int) -> SavedSearch:
    firsts = c.execute(
        f"SELECT u.user, u.first FROM (SELECT user, MIN(ts) AS first {_LOG} AND user IS NOT NULL GROUP BY user) u"
        " WHERE NOT EXISTS (SELECT 1 FROM records o WHERE o.type = 'log' AND o.user = u.user AND o.ts < ?)"
        " ORDER BY u.first DESC",
        (*w, w[0]),
    ).fetchall()
    out = []
    for user, first in firsts[:limit]:
        r = c.execute(
            "SELECT ts, team, provider, model, status, cost_micro, generation_id FROM records"
            " WHERE type = 'log' AND user = ? AND ts = ? LIMIT 1",
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
                "cost_usd": usd(r[5]),
                "generation_id": r[6],
            }
        )
    cols = ["time", "user", "team", "provider", "model", "status", "cost_usd", "generation_id"]
    return SavedSearch("new_users", "New users' first generation", cols, out, len(firsts))


def _failed(c: Any, w: tuple[float, float], limit: int) -> SavedSearch:
    total = c.execute(f"SELECT COUNT(*) {_LOG} AND status = 'error'", w).fetchone()[0]
    rows = c.execute(
        f"SELECT ts, user, team, provider, model, json_extract(body, '$.body.error_type'), generation_id {_LOG}"
        " AND status = 'error' ORDER BY ts DESC LIMIT ?",
        (*w, limit),
    ).fetchall()
    out = [
        {
            "time": _iso(r[0]),
            "user": r[1],
            "team": r[2],
            "provider": r[3],
            "model": r[4],
            "error_type": r[5],
            "generation_id": r[6],
        }
        for r in rows
    ]
    cols = ["time", "user", "team", "provider", "model", "error_type", "generation_id"]
    return SavedSearch("failed_generations", "Failed generations", cols, out, total)


def _violations(c: Any, w: tuple[float, float], limit: int) -> SavedSearch:
    """Generations with at least one policy hit, by user, with the rules that matched."""
    per: dict[str | None, dict[str, Any]] = {}
    for user, team, flags, status, count in c.execute(
        f"SELECT user, team, flags, status, COUNT(*) {_LOG} AND flags IS NOT NULL GROUP BY user, team, flags, status",
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
            "rules": ", ".join(
                f"{f} x{n}" for f, n in sorted(u["flags"].items(), key=lambda x: (-x[1], x[0]))
            ),
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
