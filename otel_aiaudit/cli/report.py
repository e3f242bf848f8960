"""`aiaudit report`: the cost dashboard and saved searches, from the local ledger."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from ..settings import Settings
from ._app import exit_codes

EPILOG = exit_codes(
    ok="written (a store that is missing or unreachable only marks its figures n/a)",
    usage="usage or input error: no ledger at the path (never created here), a bad option, --policy file or setting",
)


def register(app: typer.Typer) -> None:
    @app.command("report", epilog=EPILOG)
    def report(
        since: str = typer.Option("30d", "--since", help="Window start: 30d, 12h, 2w or an ISO date."),
        fmt: str = typer.Option("table", "--format", help="table, json, csv or html."),
        output: Path = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
        ledger: Path = typer.Option(None, "--ledger", help="Ledger file (default: from settings)."),
        store: str = typer.Option(
            None, "--store", help="Budget store URL (default: OTEL_AIAUDIT_STORE; never created here)."
        ),
        policy: str = typer.Option(None, "--policy", help="policy.yaml whose budget limits to apply."),
        limit: int = typer.Option(50, "--limit", min=1, help="Rows per saved search."),
    ) -> None:
        """Total spend, images, cost per image, top user and team, blocked share, approvals pending,
        budget remaining, and the saved searches (blocked prompts, cost anomalies, new users, failed
        generations, policy violations by user)."""
        from ..ledger.render import FORMATS, render
        from ..ledger.report import build_report, open_report_store, parse_since
        from ..ledger.store import Ledger
        from ._limits_common import policy_from
        from .ledger import ledger_path

        if fmt not in FORMATS:
            raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint="--format")
        now = time.time()
        try:
            start = parse_since(since, now)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--since") from exc
        path = ledger_path(ledger)
        pol = policy_from(policy, required=False)
        st, note = open_report_store(store or Settings.from_env().store)
        try:
            rep = build_report(
                Ledger(path, readonly=True), since=start, until=now, limit=limit, store=st, store_note=note, policy=pol
            )
        finally:
            if st is not None:
                st.close()
        text = render(rep, fmt)
        if output is not None:
            output.write_text(text, encoding="utf-8")
            typer.echo(f"report written to {output}", err=True)
        else:
            typer.echo(text, nl=not text.endswith("\n"))
