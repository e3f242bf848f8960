"""`aiaudit budgets`: spent, reserved, limit and remaining for each budget scope and period."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime, timezone

import typer
from rich.table import Table

from ..limits.budgets import TEAM_MONTHLY, USER_DAILY
from ..store import micros_to_usd, usd_to_micros
from ._app import exit_codes
from ._limits_common import STORE_HELP, console, existing_store, policy_from

EPILOG = exit_codes(
    ok="shown (an existing store with no budget use yet shows an empty table)",
    bad="the store answered with an error",
    usage="usage or input error: no store at the path (it is never created here), a bad --policy file or setting",
    unreachable="the Redis store cannot be reached",
)


def register(app: typer.Typer) -> None:
    @app.command("budgets", epilog=EPILOG)
    def budgets(
        store: str = typer.Option(None, "--store", help=STORE_HELP),
        policy: str = typer.Option(
            None, "--policy", help="policy.yaml whose limits to show (default: stored)."
        ),
        user: str = typer.Option(None, help="Only this user's daily scopes."),
        team: str = typer.Option(None, help="Only this team's monthly scopes."),
        current: bool = typer.Option(False, "--current", help="Only periods that have not ended."),
        as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
    ) -> None:
        """Show budget use per scope and period (reservations of crashed processes already returned)."""
        pol = policy_from(policy, required=False)
        st = existing_store(store)
        try:
            rows = st.budget_usage()  # a StoreError leaves through the root handler: exit 1, or 3 unreachable
            now = st.now_us()
        finally:
            st.close()
        limits = pol.cost_limits if pol else None
        out = []
        for u in sorted(rows, key=lambda r: (r.scope, r.subject, r.period)):
            if user and not (u.scope == USER_DAILY and u.subject == user):
                continue
            if team and not (u.scope == TEAM_MONTHLY and u.subject == team):
                continue
            if current and u.period_end_us <= now:
                continue
            limit = u.limit
            if limits is not None:
                configured = limits.per_user_daily if u.scope == USER_DAILY else limits.per_team_monthly
                if configured is not None:
                    limit = usd_to_micros(configured)
            d = asdict(u)
            d.update(
                limit=limit,
                remaining=max(0, limit - u.spent - u.reserved),
                utilization=(u.spent + u.reserved) / limit if limit else None,
                period_end=datetime.fromtimestamp(u.period_end_us / 1e6, timezone.utc).isoformat(),
            )
            out.append(d)
        if as_json:
            for d in out:
                typer.echo(
                    json.dumps(
                        {
                            k: micros_to_usd(v) if k in ("limit", "spent", "reserved", "remaining") else v
                            for k, v in d.items()
                        }
                    )
                )
            return
        table = Table(title="Budgets")
        for col in (
            "scope",
            "subject",
            "period",
            "spent",
            "reserved",
            "limit",
            "remaining",
            "used",
            "period ends",
        ):
            table.add_column(
                col, justify="right" if col in ("spent", "reserved", "limit", "remaining", "used") else "left"
            )
        for d in out:
            used = "" if d["utilization"] is None else f"{d['utilization'] * 100:.1f}%"
            table.add_row(
                d["scope"],
                d["subject"],
                d["period"],
                f"${micros_to_usd(d['spent']):.2f}",
                f"${micros_to_usd(d['reserved']):.2f}",
                f"${micros_to_usd(d['limit']):.2f}",
                f"${micros_to_usd(d['remaining']):.2f}",
                used,
                d["period_end"],
            )
        console().print(table)
