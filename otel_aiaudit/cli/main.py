"""`aiaudit`: the command-line entry point. Each command group lives in its own module."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="aiaudit",
    help="Audit, govern and cost AI image generation.",
    no_args_is_help=True,
    add_completion=False,
)

# Each module exposes `register(app)`; kept as a list so the command set is visible in one place.
COMMAND_MODULES = (
    "demo",
    "report",
    "policy",
    "approvals",
    "budgets",
    "ledger",
    "c2pa",
    "setup",
)


def _register_all() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__package__}.{name}").register(app)


_register_all()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
