"""`aiaudit ledger verify | retention | resend`: the local, hash-chained audit ledger."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import typer
from rich.console import Console

from ..settings import Settings
from ._app import EXIT_BAD, EXIT_UNREACHABLE, EXIT_USAGE, exit_codes, fail, new_typer

ledger_app = new_typer(help="The local audit ledger: verify the chain, apply retention, resend records.")

LEDGER_OPTION = typer.Option(
    None, "--ledger", help="Ledger file (default: OTEL_AIAUDIT_LEDGER, else beside the SQLite store)."
)
EXIT_PROBLEMS = EXIT_BAD
EXIT_NO_LEDGER = EXIT_USAGE
_NO_LEDGER = "no audit ledger at the path (never created here)"


def ledger_path(explicit: Path | None) -> Path:
    """The ledger to read; it must exist (a command that only reads never creates one)."""
    from ..ledger import default_path

    path = explicit or default_path(Settings.from_env())
    if path is None:
        fail("the ledger is off (OTEL_AIAUDIT_LEDGER=off); pass --ledger FILE", EXIT_NO_LEDGER)
    if not Path(path).is_file():
        fail(f"no audit ledger at {path} (nothing recorded yet, or pass --ledger FILE)", EXIT_NO_LEDGER)
    return Path(path)


def _iso(ts: float | None) -> str:
    return "-" if ts is None else datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="seconds")


@ledger_app.command(
    "verify",
    epilog=exit_codes(
        ok="the chain is intact",
        bad="a problem is found, or the file is empty (unless --allow-empty), not SQLite or lacks the ledger's tables",
        usage=f"usage or input error: {_NO_LEDGER}, the anchor file is missing or holds no anchors",
    ),
)
def verify_cmd(
    path: Path = typer.Argument(None, help="Ledger file (same as --ledger)."),
    ledger: Path = LEDGER_OPTION,
    anchor: Path = typer.Option(
        None,
        "--anchor",
        help="NDJSON export of what the backend holds (Elasticsearch documents or the collector's OTLP-JSON "
        "file exporter lines): the newest aiaudit.ledger.seq / aiaudit.ledger.hash in it must be a row of the "
        "local ledger, which proves no records were cut from its end and the head rewritten.",
    ),
    allow_empty: bool = typer.Option(
        False, "--allow-empty", help="Accept a ledger with no records yet (an empty or zero-byte file); exit 0."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Check the hash chain; name every edited, deleted or reordered record."""
    from ..ledger.store import Ledger
    from ..ledger.verify import EMPTY_STATES, check_anchor, describe, inspect, tail_cut, verify

    path = ledger_path(path or ledger)
    found = _read_anchor(anchor) if anchor is not None else None
    try:
        state = inspect(path)
        if state in EMPTY_STATES and found is not None:
            # Nothing here, yet the backend holds records written to it: every row was cut.
            _file_state(path, f"{describe(state)}: {tail_cut(*found, 0)}", as_json, ok=False)
            raise typer.Exit(EXIT_PROBLEMS)
        if state in EMPTY_STATES and allow_empty:
            _file_state(path, describe(state) + " (accepted: --allow-empty)", as_json, ok=True)
            return
        if state is not None:
            _file_state(path, describe(state), as_json, ok=False)
            raise typer.Exit(EXIT_PROBLEMS)
        led = Ledger(path, readonly=True)
        result = verify(led)
        tail = check_anchor(led, *found) if found is not None else None
    except (sqlite3.Error, OSError) as exc:
        fail(f"cannot read the audit ledger {path}: {exc}", EXIT_PROBLEMS)
    if tail is not None:
        result.problems.append(tail)
    if as_json:
        doc = {
            "ok": result.ok,
            "ledger": str(path),
            "checked": result.checked,
            "redacted": result.redacted,
            "anchor_seq": result.anchor_seq,
            "head_seq": result.head_seq,
            "head_hash": result.head_hash,
            "backend_anchor": None if found is None else {"seq": found[0], "hash": found[1]},
            "problems": [p.__dict__ for p in result.problems],
        }
        typer.echo(json.dumps(doc, indent=2))
    else:
        con = Console(highlight=False)
        for p in result.problems:
            con.print(f"[red]{p.kind.upper()}[/red] {p.message}", soft_wrap=True)
        state_text = "[green]OK[/green]" if result.ok else f"[red]{len(result.problems)} problem(s)[/red]"
        start = (
            "genesis" if not result.anchor_seq else f"seq {result.anchor_seq + 1} (earlier records pruned by retention)"
        )
        con.print(
            f"{state_text}: {result.checked:,} records checked in {path}, chain from {start}, "
            f"{result.redacted:,} redacted by retention",
            soft_wrap=True,
        )
        con.print(
            f"head: seq {result.head_seq} hash {result.head_hash}  (keep this hash elsewhere to detect a "
            "rewrite of the whole file)",
            soft_wrap=True,
        )
        if found is not None and tail is None:
            con.print(f"anchor: the backend's newest record, seq {found[0]}, is in the local ledger", soft_wrap=True)
    if not result.ok:
        raise typer.Exit(EXIT_PROBLEMS)


def _read_anchor(anchor: Path) -> tuple[int, str]:
    """The newest (seq, hash) in the backend's export; exit 2 when there is none to read."""
    from ..ledger.anchors import SEQ, scan

    try:
        found = scan(anchor)
    except OSError as exc:
        fail(f"cannot read the anchor file {anchor}: {exc.strerror or exc}", EXIT_NO_LEDGER)
    if found.seq is None or found.hash is None:
        extra = f" ({found.unreadable} lines are not JSON)" if found.unreadable else ""
        fail(f"no anchors in {anchor}: no record carries {SEQ} with its hash{extra}", EXIT_NO_LEDGER)
    return found.seq, found.hash


def _file_state(path: Path, what: str, as_json: bool, *, ok: bool) -> None:
    if as_json:
        typer.echo(json.dumps({"ok": ok, "ledger": str(path), "checked": 0, "state": what}))
    elif ok:
        typer.echo(f"OK: {path} {what}")
    else:
        typer.echo(f"aiaudit: error: {path} {what}", err=True)


@ledger_app.command(
    "retention",
    epilog=exit_codes(
        ok="applied, or listed in a dry run", usage=f"usage or input error: {_NO_LEDGER}, a bad --policy file"
    ),
)
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
    if apply and result.record_id:
        typer.echo(f"  recorded in the chain as {result.record_id}")
    if not apply:
        typer.echo("dry run: pass --apply to remove")


@ledger_app.command(
    "resend",
    epilog=exit_codes(
        ok="every record acknowledged",
        usage=f"usage or input error: {_NO_LEDGER}, no OTLP exporter configured or installed",
        unreachable="the OTLP endpoint did not acknowledge a batch",
    ),
)
def resend_cmd(
    ledger: Path = LEDGER_OPTION,
    after_seq: int = typer.Option(
        0, "--after-seq", min=0, help="Resend the generations with a ledger row after this sequence number."
    ),
) -> None:
    """Send records again through the SDK's OTLP log exporter (OTEL_EXPORTER_OTLP_* settings).

    For what the backend did not receive (an outage, a process killed before its batch was exported).
    Each record keeps its record id, which the backend indexes it under, so sending one twice stores
    it once."""
    from ..ledger.resend import ExporterMissing, exporter, resend
    from ..ledger.store import Ledger

    path = ledger_path(ledger)
    try:
        export = exporter()
    except (ExporterMissing, ValueError) as exc:
        fail(str(exc), EXIT_NO_LEDGER)
    led = Ledger(path)
    try:
        sent, ok = resend(led, after_seq, export)
    finally:
        export.shutdown()
        led.close()
    typer.echo(f"sent: {sent:,} records")
    if not ok:
        fail("the OTLP endpoint did not acknowledge a batch; the rest stays in the ledger", EXIT_UNREACHABLE)


def register(app: typer.Typer) -> None:
    app.add_typer(ledger_app, name="ledger")
