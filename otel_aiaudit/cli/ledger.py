"""`aiaudit ledger verify | retention | resend`: the local, hash-chained audit ledger."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import typer
from rich.console import Console

from ..settings import Settings

ledger_app = typer.Typer(
    help="The local audit ledger: verify the chain, apply retention, resend records.", no_args_is_help=True
)

LEDGER_OPTION = typer.Option(None, "--ledger", help="Ledger file (default: from OTEL_AIAUDIT_LEDGER / the store).")
EXIT_PROBLEMS = 1
EXIT_NO_LEDGER = 2
EXIT_UNREACHABLE = 3


def ledger_path(explicit: Path | None) -> Path:
    """The ledger to read; it must exist (a command that only reads never creates one)."""
    from ..ledger import default_path

    path = explicit or default_path(Settings.from_env())
    if path is None:
        typer.echo("error: the ledger is off (OTEL_AIAUDIT_LEDGER=off); pass --ledger FILE", err=True)
        raise typer.Exit(EXIT_NO_LEDGER)
    if not Path(path).is_file():
        typer.echo(f"error: no audit ledger at {path}", err=True)
        raise typer.Exit(EXIT_NO_LEDGER)
    return Path(path)


def _iso(ts: float | None) -> str:
    return "-" if ts is None else datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="seconds")


@ledger_app.command("verify")
def verify_cmd(
    ledger: Path = LEDGER_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Check the hash chain; name every edited, deleted or reordered record. Exit 1 when any is found."""
    from ..ledger.store import Ledger
    from ..ledger.verify import verify

    path = ledger_path(ledger)
    result = verify(Ledger(path))
    if as_json:
        doc = {
            "ok": result.ok,
            "ledger": str(path),
            "checked": result.checked,
            "redacted": result.redacted,
            "anchor_seq": result.anchor_seq,
            "head_seq": result.head_seq,
            "head_hash": result.head_hash,
            "problems": [p.__dict__ for p in result.problems],
        }
        typer.echo(json.dumps(doc, indent=2))
    else:
        con = Console(highlight=False)
        for p in result.problems:
            con.print(f"[red]{p.kind.upper()}[/red] {p.message}")
        state = "[green]OK[/green]" if result.ok else f"[red]{len(result.problems)} problem(s)[/red]"
        start = (
            "genesis" if not result.anchor_seq else f"seq {result.anchor_seq + 1} (earlier records pruned by retention)"
        )
        con.print(
            f"{state}: {result.checked:,} records checked in {path}, chain from {start}, "
            f"{result.redacted:,} redacted by retention"
        )
        con.print(
            f"head: seq {result.head_seq} hash {result.head_hash}  (keep this hash elsewhere to detect a "
            "rewrite of the whole file)"
        )
    if not result.ok:
        raise typer.Exit(EXIT_PROBLEMS)


@ledger_app.command("retention")
def retention_cmd(
    apply: bool = typer.Option(False, "--apply", help="Remove what the retention classes say (default: dry run)."),
    policy: str = typer.Option(
        None,
        "--policy",
        help="policy.yaml with retention: (default: OTEL_AIAUDIT_POLICY_FILE, else 365/180/730 days).",
    ),
    ledger: Path = LEDGER_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Apply the policy's retention classes: prompt text after `prompts` days, image data after `images`
    days, whole records after `logs` days. The chain still verifies afterwards."""
    from ..ledger.retention import apply_retention
    from ..ledger.store import Ledger
    from ..policy.config import Retention
    from ._limits_common import policy_from

    path = ledger_path(ledger)
    pol = policy_from(policy, required=False)
    retention = pol.retention if pol is not None else Retention()
    result = apply_retention(Ledger(path), retention, apply=apply)
    if as_json:
        typer.echo(json.dumps(result.to_dict() | {"ledger": str(path)}, indent=2))
        return
    verb = "removed" if apply else "would remove"
    typer.echo(
        f"retention (prompts {retention.prompts}d, images {retention.images}d, logs {retention.logs}d) on {path}:"
    )
    typer.echo(
        f"  prompt text {verb}: {result.prompts_redacted:,} records (older than {_iso(result.cutoffs['prompts'])})"
    )
    typer.echo(
        f"  image data {verb}:  {result.images_redacted:,} records (older than {_iso(result.cutoffs['images'])})"
    )
    typer.echo(
        f"  records {'deleted' if apply else 'to delete'}:  {result.pruned:,} (older than "
        f"{_iso(result.cutoffs['logs'])})"
    )
    if result.held_by_outbox:
        typer.echo(f"  kept: {result.held_by_outbox:,} old records the collector has not received yet")
    if apply and result.record_id:
        typer.echo(f"  recorded in the chain as {result.record_id}")
    if not apply:
        typer.echo("dry run: pass --apply to remove")


@ledger_app.command("resend")
def resend_cmd(
    ledger: Path = LEDGER_OPTION,
    after_seq: int = typer.Option(
        0, "--after-seq", min=0, help="Resend the generations with a ledger row after this sequence number."
    ),
) -> None:
    """Send records again through the SDK's OTLP log exporter (OTEL_EXPORTER_OTLP_* settings).

    For what the backend did not receive (an outage, a process killed before its batch was exported).
    Each record keeps its record id, which the backend indexes it under, so sending one twice stores
    it once. Exit 0 all acknowledged, 2 usage error, 3 the endpoint did not acknowledge."""
    from ..ledger.resend import ExporterMissing, exporter, resend
    from ..ledger.store import Ledger

    path = ledger_path(ledger)
    try:
        export = exporter()
    except (ExporterMissing, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_NO_LEDGER) from None
    led = Ledger(path)
    try:
        sent, ok = resend(led, after_seq, export)
    finally:
        export.shutdown()
        led.close()
    typer.echo(f"sent: {sent:,} records")
    if not ok:
        typer.echo("error: the OTLP endpoint did not acknowledge a batch; the rest stays in the ledger", err=True)
        raise typer.Exit(EXIT_UNREACHABLE)


def register(app: typer.Typer) -> None:
    app.add_typer(ledger_app, name="ledger")
