"""`aiaudit policy check FILE` and `aiaudit policy eval --policy FILE PROMPT`."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..errors import PolicyFileError
from ..generation import Actor, Generation
from ..policy.config import PolicyFileUnreadable
from ..policy.engine import PolicyEngine
from ._app import EXIT_BAD, EXIT_USAGE, exit_codes, fail, new_typer

policy_app = new_typer(help="Validate a policy file and try prompts against it.")

_STYLE = {"allow": "green", "warn": "yellow", "modify": "cyan", "block": "bold red"}


def _load(path: Path) -> PolicyEngine:
    """The engine for `path`, loaded exactly as the instrumentor loads it (same validation).

    Exit 2 when the file cannot be read (usage or input error), 1 when the policy in it is invalid.
    Errors go out as plain lines, one per problem: a rich console would wrap them at its width."""
    try:
        # No webhook posts from the command line: eval is a dry run.
        return PolicyEngine.from_file(path)
    except PolicyFileUnreadable as exc:
        fail(str(exc), EXIT_USAGE)
    except PolicyFileError as exc:
        # The finding of a check, not an error of the command: `file:line: key: problem`, one line
        # per problem, so every problem in the file is listed at once.
        typer.echo(str(exc), err=True)
        raise typer.Exit(EXIT_BAD) from None


@policy_app.command(
    "check",
    epilog=exit_codes(
        ok="valid, with a summary",
        bad="invalid, with file:line: key: problem for each problem",
        usage="FILE cannot be read",
    ),
)
def check(file: Path = typer.Argument(..., help="policy.yaml to validate")) -> None:
    """Validate FILE the way the instrumentor loads it."""
    out = Console()
    engine = _load(file)
    cfg = engine.config
    table = Table(title=f"{file} is valid", show_header=False)
    table.add_row("version", engine.version)
    table.add_row("mode", cfg.mode)
    if cfg.content_filter is not None:
        cf = cfg.content_filter
        table.add_row("content_filter", f"{', '.join(cf.blocked_categories)} -> {cf.action}")
        if cf.classifiers:
            table.add_row("classifiers", ", ".join(f"{c.name} ({c.type})" for c in cf.classifiers))
    if cfg.pii is not None:
        table.add_row("pii", f"{', '.join(cfg.pii.detectors)} -> {cfg.pii.action}")
    if cfg.copyright is not None:
        table.add_row("copyright", cfg.copyright.action)
    if cfg.prompt_length is not None:
        table.add_row("prompt_length", f"max {cfg.prompt_length.max_chars} -> {cfg.prompt_length.action}")
    for name in ("cost_limits", "rate_limit", "approval_required"):
        if getattr(cfg, name) is not None:
            table.add_row(name, "configured")
    index = engine._index  # noqa: SLF001 - a summary figure only
    table.add_row("terms indexed", str(index.size if index is not None else 0))
    out.print(table)


@policy_app.command(
    "eval",
    epilog=exit_codes(
        ok="decided (whatever the decision)",
        bad="the policy file is invalid",
        usage="usage or input error: the policy file cannot be read",
    ),
)
def evaluate(
    prompt: str = typer.Argument(..., help="the prompt to decide on"),
    policy: Path = typer.Option(..., "--policy", "-p", help="policy.yaml"),
    user: str | None = typer.Option(None, "--user"),
    team: str | None = typer.Option(None, "--team"),
    purpose: str | None = typer.Option(None, "--purpose"),
    negative_prompt: str | None = typer.Option(None, "--negative-prompt"),
    as_json: bool = typer.Option(False, "--json", help="print the decision as JSON"),
) -> None:
    """Print the decision for PROMPT, every hit and the prompt the provider would receive."""
    out = Console()
    engine = _load(policy)
    gen = Generation(
        provider="cli",
        prompt=prompt,
        negative_prompt=negative_prompt,
        actor=Actor(user=user, team=team, purpose=purpose),
    )
    d = engine.evaluate(gen)
    sent = d.modified_prompt if d.outcome == "modify" else (None if d.outcome == "block" else prompt)
    if as_json:
        payload = {
            "decision": d.outcome,
            "mode": d.mode,
            "policy_version": d.policy_version,
            "flags": d.flags,
            "alert": d.alert,
            "degraded": d.degraded,
            "hits": [
                {
                    "rule": h.rule,
                    "category": h.category,
                    "action": h.action,
                    "detail": h.detail,
                    "score": h.score,
                }
                for h in d.hits
            ],
            "modified_prompt": d.modified_prompt,
            "sent_prompt": sent if d.mode == "enforce" else prompt,
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    style = _STYLE.get(d.outcome, "white")
    would = " (observe mode: recorded, not enforced)" if d.mode == "observe" and d.outcome != "allow" else ""
    out.print(f"decision: [{style}]{d.outcome}[/]{would}   policy {d.policy_version}", highlight=False)
    if d.hits:
        table = Table("rule", "category", "action", "detail")
        for h in d.hits:
            table.add_row(h.rule, h.category, h.action, h.detail)
        out.print(table)
    else:
        out.print("no rule matched")
    if d.alert:
        out.print("alert: yes (block_and_alert)")
    if d.modified_prompt is not None:
        out.print("modified prompt:", highlight=False)
        out.print(d.modified_prompt, markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(policy_app, name="policy")
