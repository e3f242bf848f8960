"""Options shared by `aiaudit approvals` and `aiaudit budgets`: the store and the policy file."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from ..errors import PolicyFileError
from ..policy import config as policy_config
from ..settings import Settings
from ..store import Store, open_store


def store_from(url: str | None) -> Store:
    url = url or Settings.from_env().store
    try:
        return open_store(url)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


def policy_from(path: str | None, *, required: bool) -> policy_config.PolicyConfig | None:
    path = path or Settings.from_env().policy_file
    if not path:
        if required:
            typer.echo("error: this command needs the policy's roles: pass --policy FILE", err=True)
            raise typer.Exit(2)
        return None
    try:
        # The loader the instrumentor uses: bounded YAML and the same validation as `policy check`.
        return policy_config.load_policy(path)
    except PolicyFileError as exc:  # already `file:line: key: problem`, one line per problem
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def console() -> Console:
    # Piped output (files, CI logs) is not cut to 80 columns: ids and dates stay whole.
    return Console(width=None if sys.stdout.isatty() else 200)
