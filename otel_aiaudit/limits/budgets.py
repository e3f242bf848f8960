"""Budget scopes: which counters a generation is charged to, and what their numbers mean.

The period is part of the counter's key (`user_daily:alice:2025-06-01`), so a new day or month is a
new counter: there is no reset job to forget or to race with. The user or team name in the key goes
through `store.keys.key_part`, so no name can split the key or share another name's counter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..generation import Hit
from ..policy.config import CostLimits
from ..store.base import ScopeRequest, ScopeState, micros_to_usd, usd_to_micros
from ..store.keys import key_part

USER_DAILY = "user_daily"
TEAM_MONTHLY = "team_monthly"


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"cost_limits.timezone: unknown time zone {name!r}") from exc


@dataclass(frozen=True)
class Period:
    label: str  # "2025-06-01" or "2025-06"
    end: datetime  # aware, in the policy's zone

    @property
    def end_us(self) -> int:
        return int(self.end.timestamp() * 1_000_000)


def day_period(now: float, tz: ZoneInfo) -> Period:
    today = datetime.fromtimestamp(now, tz).date()
    return Period(today.isoformat(), _midnight(today + timedelta(days=1), tz))


def month_period(now: float, tz: ZoneInfo) -> Period:
    today = datetime.fromtimestamp(now, tz).date()
    first_next = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    return Period(f"{today.year:04d}-{today.month:02d}", _midnight(first_next, tz))


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=tz)


def scopes_for(
    limits: CostLimits, user: str, team: str | None, now: float, tz: ZoneInfo
) -> tuple[ScopeRequest, ...]:
    """The scopes a call by `user` (of `team`) is charged to at time `now`."""
    out: list[ScopeRequest] = []
    if limits.per_user_daily is not None:
        p = day_period(now, tz)
        out.append(
            ScopeRequest(
                f"{USER_DAILY}:{key_part(user)}:{p.label}",
                USER_DAILY,
                user,
                p.label,
                p.end_us,
                usd_to_micros(limits.per_user_daily),
            )
        )
    if limits.per_team_monthly is not None and team:
        p = month_period(now, tz)
        out.append(
            ScopeRequest(
                f"{TEAM_MONTHLY}:{key_part(team)}:{p.label}",
                TEAM_MONTHLY,
                team,
                p.label,
                p.end_us,
                usd_to_micros(limits.per_team_monthly),
            )
        )
    return tuple(out)


def label(scope: str) -> str:
    return {USER_DAILY: "daily user budget", TEAM_MONTHLY: "monthly team budget"}.get(scope, scope)


def utilization(state: ScopeState) -> float:
    if state.limit <= 0:
        return 1.0 if state.used > 0 else 0.0
    return state.used / state.limit


def warning(state: ScopeState, warn_at: float) -> dict | None:
    """The warning for a scope at or past `warn_at` after this reservation, else None."""
    level = warn_at * state.limit
    if state.used < level or state.used == 0:
        return None
    return {
        "scope": state.scope,
        "subject": state.subject,
        "limit_usd": micros_to_usd(state.limit),
        "spent_usd": micros_to_usd(state.used),
        "utilization": round(utilization(state), 6),
        "threshold": warn_at,
        "crossed": state.before < level,  # this call crossed the threshold (alert once, not on each call)
    }


def warning_hit(w: dict) -> Hit:
    pct = w["utilization"] * 100
    return Hit(
        rule="budget",
        category=w["scope"],
        action="warn",
        detail=f"{label(w['scope'])} of {w['subject']} at {pct:.0f}% of ${w['limit_usd']:.2f}",
        score=w["utilization"],
    )


def exceeded_message(state: ScopeState, amount: int, period_end: str) -> str:
    reserved = (
        f" (${micros_to_usd(state.reserved):.2f} of it reserved by calls in flight)" if state.reserved else ""
    )
    return (
        f"{label(state.scope)} of {state.subject} exhausted: ${micros_to_usd(state.used):.2f} used"
        f"{reserved} of ${micros_to_usd(state.limit):.2f}; this call needs ${micros_to_usd(amount):.2f};"
        f" the period ends {period_end}"
    )
