"""`aiaudit demo`: the offline first run, with a progress display and the cost report at the end."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ._app import exit_codes

HINT_PREFIX = "  $ "

_STYLE = {
    "success": "green",
    "ContentBlocked": "bold red",
    "BudgetExceeded": "bold red",
    "RateLimited": "red",
    "ApprovalRequired": "yellow",
}


def aiaudit_command() -> str:
    """How the user's shell reaches this installation's `aiaudit`: by name when that is on PATH, else
    by its path (after `bash scripts/demo.sh` the virtual environment is not activated)."""
    here = Path(sys.executable).with_name("aiaudit")
    found = shutil.which("aiaudit")
    if not here.exists() or (found is not None and Path(found).resolve() == here.resolve()):
        return "aiaudit"
    inside = os.path.relpath(here, Path.cwd())
    return shlex.quote(inside if not inside.startswith("..") else str(here))


def hints(workdir: str, policy: Path) -> list[str]:
    """Commands to look at what the demo left, each runnable exactly as printed."""
    work = Path(workdir).resolve()
    q = shlex.quote
    aiaudit = aiaudit_command()
    store = q(f"sqlite:///{work / 'aiaudit.db'}")
    ledger = q(str(work / "ledger.db"))
    pol = q(str(policy))
    return [
        f"{aiaudit} report --ledger {ledger} --store {store} --policy {pol}",
        f"{aiaudit} ledger verify --ledger {ledger}",
        f"{aiaudit} approvals list --store {store}",
        f"{aiaudit} budgets --store {store} --policy {pol}",
    ]


def register(app: typer.Typer) -> None:
    @app.command(epilog=exit_codes(ok="the demo ran"))
    def demo(
        workdir: str = typer.Option(
            None, help="Keep the demo's store and ledger here (default: a temp dir)."
        ),
    ) -> None:
        """Generate images offline through the real openai client under the seed's policy, and show
        what was allowed, redacted, warned, queued, held for approval and blocked."""
        from ..demo.scenario import demo_policy_path, run, steps

        console = Console()
        console.rule("[bold]otel-aiaudit offline demo")
        console.print(
            "Loopback OpenAI-compatible endpoint · real [bold]openai[/] client · real OTel SDK · "
            "the seed's policy (daily budget lowered to $1, rate-limit hour compressed to 3 s)\n"
        )
        plan = steps()
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=console,
        ) as bar:
            task = bar.add_task("generating", total=len(plan))

            def show(outcome) -> None:
                cost = "" if outcome.cost_usd is None else f"${outcome.cost_usd:.4f}"
                style = _STYLE.get(outcome.status, "white")
                flags = ",".join(outcome.flags)
                bar.console.print(
                    f"  [cyan]{outcome.step.user:<6}[/] {outcome.step.label:<17} [{style}]{outcome.status:<17}[/] "
                    f"{outcome.decision:<17} {cost:>9}  [dim]{flags}[/] {outcome.note}"
                )
                if outcome.status != "ApprovalRequired" or not outcome.step.approve_as:
                    bar.advance(task)

            result = run(plan, workdir=workdir, progress=show)

        table = Table(title="Cost per user (from the audit records)")
        table.add_column("user")
        table.add_column("cost (USD)", justify="right")
        for user, cost in result.cost_by_user.items():
            table.add_row(user, f"{cost:.4f}")
        table.add_row("[bold]total", f"[bold]{result.total_cost:.4f}")
        console.print()
        console.print(table)
        if result.report is not None:
            from ..ledger.render import render_table

            console.print()
            render_table(result.report, console)
        console.print(
            f"\n{result.spans} spans, {result.records} audit records, {result.images} images in "
            f"{result.seconds:.1f} s. Store and ledger: {result.workdir}\n\nTry:",
            soft_wrap=True,
        )
        # Plain echo: a rich console would wrap a long path and the command would no longer paste.
        for line in hints(result.workdir, demo_policy_path()):
            typer.echo(HINT_PREFIX + line)
