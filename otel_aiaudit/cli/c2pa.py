"""`aiaudit c2pa dev-cert` and `aiaudit verify-image`: trying out and checking content credentials."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from otel_aiaudit.provenance.manifest import iso_time
from otel_aiaudit.settings import Settings

from ._app import EXIT_BAD, EXIT_USAGE, exit_codes, fail, new_typer

c2pa_app = new_typer(help="C2PA content credentials.")

_STATE_STYLE = {"trusted": "bold green", "valid": "yellow", "invalid": "bold red", "none": "dim"}
# Exit codes of verify-image, so scripts can gate on them.
EXIT_INVALID = EXIT_BAD
EXIT_NO_MANIFEST = EXIT_USAGE
VERIFY_EPILOG = exit_codes(
    ok="trusted or valid credentials",
    bad="invalid credentials: the image or its manifest was altered, or the signature does not verify",
    usage="usage or input error: not an image (PNG, JPEG or WebP), no credentials in it (its watermark"
    " and fingerprint lookup is still printed), the c2pa extra missing",
)


@c2pa_app.command(
    "dev-cert",
    epilog=exit_codes(
        ok="written", usage="usage or input error: a key exists there (pass --force), the c2pa extra missing"
    ),
)
def dev_cert(
    out: Path = typer.Option(Path("aiaudit-c2pa"), "--out", help="Directory for the certificate files."),
    org: str = typer.Option(
        None, "--org", help="Organisation named in the certificate (default: OTEL_AIAUDIT_ORGANISATION)."
    ),
    days: int = typer.Option(365, "--days", min=1, help="Validity of the signing certificate."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing key."),
) -> None:
    """Create a local root CA and a C2PA signing certificate, for trying content credentials out.

    Images signed with it are trusted only by readers given root-ca.pem. Production needs a signing
    certificate from a CA that your verifiers trust.
    """
    from otel_aiaudit.provenance.certs import KEY_FILE, make_dev_certificates

    if (out / KEY_FILE).exists() and not force:
        raise typer.BadParameter(f"{out / KEY_FILE} exists; pass --force to replace it", param_hint="--out")
    organisation = org or Settings.from_env().organisation or "otel-aiaudit development"
    paths = make_dev_certificates(out, organisation=organisation, days=days)
    console = Console()
    console.print(f"root CA (give to verifiers):  {paths.root}")
    console.print(f"signing certificate chain:    {paths.chain}")
    console.print(f"signing key (keep private):   {paths.key}")
    console.print("\nTo sign generated images:")
    console.print("  export OTEL_AIAUDIT_C2PA=on", highlight=False)
    console.print(f"  export OTEL_AIAUDIT_C2PA_CERT={paths.chain.resolve()}", highlight=False)
    console.print(f"  export OTEL_AIAUDIT_C2PA_KEY={paths.key.resolve()}", highlight=False)
    console.print(f"To check one:  aiaudit verify-image IMAGE --trust-root {paths.root}", highlight=False)
    console.print("[dim]For development only: production needs a certificate from a trusted CA.[/dim]")


def _default_ledger_path(settings: Settings, ledger: Any) -> Path | None:
    if settings.ledger == "off":
        return None
    if settings.ledger != "default":
        return Path(settings.ledger)
    default_path = getattr(ledger, "default_path", None)
    if callable(default_path):
        found = default_path(settings)
        return Path(found) if found else None
    if settings.store.startswith("sqlite:///"):
        return Path(settings.store[len("sqlite:///") :]).parent / "aiaudit-ledger.db"
    from otel_aiaudit.settings import state_dir

    return Path(state_dir()) / "aiaudit-ledger.db"


def _ledger_file(explicit: Path | None) -> tuple[str, Path | None]:
    """(what is looked at, the ledger file if there is one). The ledger module is optional here."""
    try:
        ledger = importlib.import_module("otel_aiaudit.ledger")
    except ModuleNotFoundError as exc:
        if exc.name != "otel_aiaudit.ledger":
            raise
        return "no ledger", None
    path = explicit or _default_ledger_path(Settings.from_env(), ledger)
    if path is None:
        return "no ledger (OTEL_AIAUDIT_LEDGER=off)", None
    if not path.exists():
        return f"no ledger at {path}", None
    return str(path), path


def _yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def _print_signing(console: Console, report: Any) -> None:
    """Signer trust, timestamp and whether the certificate was valid when it signed."""
    trust = report.trust or {}
    if trust.get("signer"):
        console.print(f"  signer trust: {trust['signer']}  ({trust.get('detail')})", highlight=False)
    cert = report.certificate
    if cert:
        expired = "  [red]expired[/red]" if cert.get("expired") else ""
        console.print(f"  certificate valid: {cert['not_before']} to {cert['not_after']}{expired}", highlight=False)
    stamp = report.timestamp
    if stamp is None:
        console.print("  timestamp: none (validity is judged at the time of reading)")
        return
    tsa = "trusted TSA" if stamp["tsa_trusted"] else "untrusted TSA: pass --tsa-trust-list to rely on it"
    console.print(
        f"  timestamp: {stamp['time']} by {stamp.get('authority')}  (token {stamp['token']}, {tsa})",
        highlight=False,
    )
    console.print(f"  valid at signing time: {_yes_no(stamp['certificate_valid_at_signing'])}")


def _ledger_records(explicit: Path | None, generation_id: str | None) -> tuple[str, list[dict[str, Any]]]:
    """(what was looked at, matching records)."""
    if generation_id is None:
        return "no generation id in the image", []
    where, path = _ledger_file(explicit)
    if path is None:
        return where, []
    ledger = importlib.import_module("otel_aiaudit.ledger")
    return where, list(ledger.find_records(str(path), generation_id))


def _who(hit: dict[str, Any]) -> str:
    when = hit.get("timestamp")
    stamp = iso_time(when) if isinstance(when, (int, float)) else "?"
    return (
        f"{hit['generation_id']}  user {hit.get('user')}  team {hit.get('team')}  {stamp}"
        f"  model {hit.get('model')}  decision {hit.get('decision')}"
    )


def _print_identification(console: Console, found: Any, ledger_where: str) -> None:
    """A stripped image: what its watermark and fingerprint lead to."""
    mark = found.watermark
    if found.error:
        console.print(f"  {found.error}", highlight=False)
        return
    if mark is None:
        console.print("  watermark: none found")
    else:
        console.print(f"  watermark: {mark['key']} (agreement {mark['confidence']:.2f})", highlight=False)
    console.print(f"  fingerprint: phash {found.phash}", highlight=False)
    if found.match is not None:
        console.print(f"[bold]generation (by watermark):[/bold] {_who(found.match)}", highlight=False)
    elif found.candidates:
        console.print(
            f"no watermark match; {len(found.candidates)} candidate(s) by fingerprint"
            " (similar images, not a proof of origin):"
        )
        for hit in found.candidates:
            console.print(f"  distance {hit['distance']:>2}/64  {_who(hit)}", highlight=False)
    else:
        console.print(f"  no watermark or fingerprint match in {ledger_where}", highlight=False)


def _print_report(
    console: Console, file: Path, report: Any, ledger_where: str, records: list[dict], found: Any = None
) -> None:
    style = _STATE_STYLE.get(report.state, "")
    console.print(f"[bold]{file}[/bold]  ({report.mime_type or 'unknown format'})")
    console.print(f"validation state: [{style}]{report.state}[/{style}]")
    if report.error:
        console.print(f"  cannot read the manifest store: {report.error}")
    if report.state == "none":
        console.print("  no content credentials in this file")
        if found is not None:
            _print_identification(console, found, ledger_where)
            for record in records:
                console.print(f"audit record ({ledger_where}):")
                console.print_json(json.dumps(record, default=str))
        return
    sig = report.signature
    console.print(f"manifest: {report.active_label} ({report.manifest_count} in store)")
    console.print(f"  title: {report.title}   claim generator: {report.claim_generator}")
    console.print(f"  signed by: {sig.get('issuer')} / {sig.get('common_name')} ({sig.get('alg')})")
    for action in report.actions:
        agent = (
            (action.get("softwareAgent") or {}).get("name")
            if isinstance(action.get("softwareAgent"), dict)
            else None
        )
        source = (action.get("digitalSourceType") or "").rsplit("/", 1)[-1]
        console.print(
            f"  action: {action.get('action')}  {source}  {agent or ''}  {action.get('when') or ''}"
        )
    for ingredient in report.ingredients:
        console.print(
            f"  ingredient: {ingredient['relationship']}  {ingredient.get('active_manifest')}"
            f"  signed by {ingredient.get('issuer')}"
        )
    _print_signing(console, report)
    for failure in report.failures:
        console.print(f"  [red]{failure['code']}[/red]: {failure['explanation']}")
    if report.assertion:
        table = Table(title="otel-aiaudit generation assertion", show_header=False)
        for key, value in report.assertion.items():
            table.add_row(key, str(value))
        console.print(table)
    else:
        console.print("  no otel-aiaudit assertion (signed by something else)")
    if not records:
        console.print(
            f"audit record: {ledger_where}" + ("" if ledger_where.startswith("no ") else ": no match")
        )
    for record in records:
        console.print(f"audit record ({ledger_where}):")
        console.print_json(json.dumps(record, default=str))


def _input_file(*flags: str, help: str) -> Any:
    """An optional option naming a file that must exist (typer refuses a missing one with exit 2)."""
    return typer.Option(None, *flags, exists=True, dir_okay=False, help=help)


def verify_image(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True, help="Image to check."),
    trust: Path = _input_file(
        "--trust-root", "--trust", help="One root CA PEM to trust, added to any list (e.g. from `c2pa dev-cert`)."
    ),
    trust_list: Path = _input_file(
        "--trust-list", help="C2PA trust list: a PEM bundle of trust anchors (replaces the anchor list)."
    ),
    allowed_list: Path = _input_file(
        "--allowed-list", help="Signing certificates trusted one by one: PEM, or base64 SHA-256 hashes one a line."
    ),
    trust_config: Path = _input_file(
        "--trust-config", help="Extended key usages allowed for signers: one OID a line (the trust list's store.cfg)."
    ),
    tsa_trust_list: Path = _input_file(
        "--tsa-trust-list", help="PEM bundle of time-stamp authority anchors (the C2PA TSA trust list)."
    ),
    sidecar: Path = _input_file("--sidecar", help="Detached manifest (.c2pa or image record JSON)."),
    ledger: Path = typer.Option(None, "--ledger", help="Local audit ledger (default: from settings)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Print an image's content credentials, their validation state and its audit record."""
    from otel_aiaudit.provenance.formats import sniff_mime

    with file.open("rb") as fh:
        head = fh.read(16)
    # Not an image is an input error (2), told apart from an image whose credentials fail (1).
    if sniff_mime(head) is None:
        fail(f"{file} is not an image (expected PNG, JPEG or WebP)", EXIT_USAGE)
    from otel_aiaudit.provenance.trust import TrustFileError, load_trust
    from otel_aiaudit.provenance.verify import verify_file  # needs the c2pa extra

    try:
        trust_options = load_trust(trust, trust_list, allowed_list, trust_config, tsa_trust_list)
    except TrustFileError as exc:
        raise typer.BadParameter(str(exc), param_hint=exc.option) from exc
    try:
        report = verify_file(file, sidecar_path=sidecar, trust_config=trust_options)
    except ValueError as exc:  # a sidecar record without a signed store
        raise typer.BadParameter(str(exc), param_hint="--sidecar") from exc
    where, records = _ledger_records(ledger, report.generation_id)
    found = None
    if report.state == "none":
        # Credentials stripped (or never there): the pixels may still name the generation.
        from otel_aiaudit.provenance.verify import identify

        where, path = _ledger_file(ledger)
        found = identify(file.read_bytes(), path)
        if found.match is not None:
            where, records = _ledger_records(ledger, found.match["generation_id"])
    if as_json:
        doc = report.to_dict() | {"file": str(file), "ledger": where, "records": records}
        doc["identified"] = found.to_dict() if found is not None else None
        typer.echo(json.dumps(doc, indent=2, default=str))
    else:
        _print_report(Console(), file, report, where, records, found)
    if report.state == "invalid":
        raise typer.Exit(EXIT_INVALID)
    if report.state == "none":
        raise typer.Exit(EXIT_NO_MANIFEST)


def register(app: typer.Typer) -> None:
    app.add_typer(c2pa_app, name="c2pa")
    app.command("verify-image", epilog=VERIFY_EPILOG)(verify_image)
