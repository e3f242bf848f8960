"""`aiaudit demo`: the offline first run."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        workdir: str = typer.Option(None, help="Keep the demo's store and ledger here (default: a temp dir)."),
    ) -> None:
        """Run image generations offline through the real openai client and show what was audited."""
        from ..demo.scenario import run

        console = Console()
        console.rule("[bold]otel-aiaudit offline demo")
        console.print("A loopback OpenAI-compatible endpoint; real `openai` client; real OTel SDK.\n")

        def show(outcome) -> None:
            cost = "-" if outcome.cost_usd is None else f"${outcome.cost_usd:.4f}"
            console.print(
                f"  [cyan]{outcome.step.user:<6}[/] {outcome.step.label:<16} "
                f"{outcome.status:<18} {outcome.decision:<8} {cost:>9}  {outcome.detail}"
            )

        result = run(workdir=workdir, progress=show)
        table = Table(title="Cost per user")
        table.add_column("user")
        table.add_column("cost (USD)", justify="right")
        for user, cost in result.cost_by_user.items():
            table.add_row(user, f"{cost:.4f}")
        table.add_row("[bold]total", f"[bold]{result.total_cost:.4f}")
        console.print()
        console.print(table)
        console.print(
            f"Recorded {result.spans} spans, {result.records} audit records, {int(result.images)} images. "
            f"Store and ledger: {result.workdir}"
        )
