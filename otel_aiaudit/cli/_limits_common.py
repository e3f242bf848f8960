"""Options shared by `aiaudit approvals` and `aiaudit budgets`: the store and the policy file."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

from rich.console import Console

from ..policy import config as policy_config
from ..settings import Settings, shown_url
from ..store import Store, open_store
from ._app import EXIT_USAGE, fail

STORE_HELP = "Store URL (default: OTEL_AIAUDIT_STORE, else aiaudit.db in the per-user state directory)."


def existing_store(url: str | None) -> Store:
    """The store to read or decide in. It must exist already: these commands never create a store
    file (nor its directory), and a memory:// store lives only inside the process that made it."""
    url = url or Settings.from_env().store
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "memory":
        fail("no store at memory://: it lives only inside the instrumented process; pass --store", EXIT_USAGE)
    if scheme == "sqlite":
        path = parts.path[1:] if parts.path.startswith("/") else parts.path
        if path and not Path(path).is_file():
            fail(f"no store at {path} (nothing recorded yet, or pass --store)", EXIT_USAGE)
    try:
        return open_store(url)
    except ValueError as exc:
        fail(f"store {shown_url(url)}: {exc}", EXIT_USAGE)


def policy_from(path: str | None, *, required: bool) -> policy_config.PolicyConfig | None:
    path = path or Settings.from_env().policy_file
    if not path:
        if required:
            fail("this command needs the policy's roles: pass --policy FILE", EXIT_USAGE)
        return None
    # The loader the instrumentor uses: bounded YAML and the same validation as `policy check`. A
    # broken file raises PolicyFileError, reported by the root handler as an input error (exit 2).
    return policy_config.load_policy(path)


def console() -> Console:
    # Piped output (files, CI logs) is not cut to 80 columns: ids and dates stay whole.
    return Console(width=None if sys.stdout.isatty() else 200)
