"""Options shared by `aiaudit approvals` and `aiaudit budgets`: the store and the policy file."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

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
    loader = getattr(policy_config, "load_policy", None)
    try:
        if loader is not None:
            return loader(path)
        import yaml

        return policy_config.PolicyConfig.model_validate(yaml.safe_load(Path(path).read_text()) or {})
    except Exception as exc:  # a broken file: say which and why, then stop
        typer.echo(f"error: policy file {path}: {exc}", err=True)
        raise typer.Exit(2) from exc


def console() -> Console:
    # Piped output (files, CI logs) is not cut to 80 columns: ids and dates stay whole.
    return Console(width=None if sys.stdout.isatty() else 200)
