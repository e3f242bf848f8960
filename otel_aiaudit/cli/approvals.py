"""`aiaudit approvals list | show | approve | deny`: the approval workflow against any store."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime, timezone

import typer
from rich.table import Table

from ..limits import approvals as workflow
from ..store import Ticket, micros_to_usd
from ._app import EXIT_BAD, exit_codes, fail, new_typer
from ._limits_common import STORE_HELP, console, existing_store, policy_from

_NO_STORE = "no store at the path (never created here), a bad --policy file or setting"
READ_EPILOG = exit_codes(
    ok="shown (an existing store without tickets lists none)",
    bad="no such ticket, or the store answered with an error",
    usage=f"usage or input error: {_NO_STORE}",
    unreachable="the Redis store cannot be reached",
)
DECIDE_EPILOG = exit_codes(
    ok="decided",
    bad="the decision is refused (not an approver, ticket expired or already decided, no such ticket)",
    usage=f"usage or input error: {_NO_STORE}",
    unreachable="the Redis store cannot be reached",
)
POLICY_HELP = "policy.yaml with the approver roles (default: OTEL_AIAUDIT_POLICY_FILE)."


def _when(us: int) -> str:
    return datetime.fromtimestamp(us / 1_000_000, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def _row(t: Ticket, now_us: int) -> dict:
    d = asdict(t)
    d["state"] = t.state_at(now_us)
    d["awaiting"] = t.missing_roles()
    return d


def register(app: typer.Typer) -> None:
    group = new_typer(help="Approval tickets for purposes that need approval.")
    app.add_typer(group, name="approvals")

    @group.command("list", epilog=READ_EPILOG)
    def list_(
        state: str = typer.Option("pending", help="pending, approved, denied, used, expired or all."),
        store: str = typer.Option(None, "--store", help=STORE_HELP),
        as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
    ) -> None:
        """List approval tickets."""
        st = existing_store(store)
        try:
            now = st.now_us()
            tickets = [t for t in st.list_tickets() if state == "all" or t.state_at(now) == state]
        finally:
            st.close()
        if as_json:
            for t in tickets:
                typer.echo(json.dumps(_row(t, now)))
            return
        table = Table(title=f"Approval tickets ({state})")
        for col in (
            "id",
            "state",
            "user",
            "team",
            "purpose",
            "model",
            "est. cost",
            "awaiting",
            "approved by",
            "expires",
        ):
            table.add_column(col)
        for t in tickets:
            cost = "unpriced" if t.estimated_micros is None else f"${micros_to_usd(t.estimated_micros):.2f}"
            approved = ", ".join(f"{a['user']} ({a['role']})" for a in t.approvals)
            table.add_row(
                t.id,
                t.state_at(now),
                t.user,
                t.team or "",
                t.purpose,
                t.model or "",
                cost,
                ", ".join(t.missing_roles()),
                approved,
                _when(t.expires_us),
            )
        console().print(table)

    @group.command("show", epilog=READ_EPILOG)
    def show(
        ticket_id: str = typer.Argument(..., help="Ticket id."),
        store: str = typer.Option(None, "--store", help=STORE_HELP),
    ) -> None:
        """Show one ticket as JSON."""
        st = existing_store(store)
        try:
            ticket = st.get_ticket(ticket_id)
            if ticket is None:
                fail(f"no approval ticket {ticket_id!r}", EXIT_BAD)
            typer.echo(json.dumps(_row(ticket, st.now_us()), indent=2))
        finally:
            st.close()

    @group.command("approve", epilog=DECIDE_EPILOG)
    def approve(
        ticket_id: str = typer.Argument(..., help="Ticket id."),
        as_user: str = typer.Option(..., "--as", help="The approver (a member of an awaited role)."),
        role: str = typer.Option(
            None, help="Approve for this role (default: the first awaited role you hold)."
        ),
        store: str = typer.Option(None, "--store", help=STORE_HELP),
        policy: str = typer.Option(None, "--policy", help=POLICY_HELP),
    ) -> None:
        """Approve a ticket for one role; it is approved once every role has approved."""
        pol = policy_from(policy, required=True)
        st = existing_store(store)
        try:  # a refused decision (TicketError) or a failing store leaves through the root handler
            t = workflow.approve(st, pol, ticket_id, as_user, role)  # type: ignore[arg-type]
        finally:
            st.close()
        waiting = ", ".join(t.missing_roles())
        typer.echo(f"ticket {t.id}: {t.state}" + (f" (still awaiting {waiting})" if waiting else ""))

    @group.command("deny", epilog=DECIDE_EPILOG)
    def deny(
        ticket_id: str = typer.Argument(..., help="Ticket id."),
        as_user: str = typer.Option(..., "--as", help="The approver denying it."),
        reason: str = typer.Option(..., "--reason", help="Why (kept on the ticket)."),
        store: str = typer.Option(None, "--store", help=STORE_HELP),
        policy: str = typer.Option(None, "--policy", help=POLICY_HELP),
    ) -> None:
        """Deny a ticket; the call it stands for stays refused."""
        pol = policy_from(policy, required=True)
        st = existing_store(store)
        try:
            t = workflow.deny(st, pol, ticket_id, as_user, reason)  # type: ignore[arg-type]
        finally:
            st.close()
        typer.echo(f"ticket {t.id}: denied by {t.decided_by}: {t.reason}")

