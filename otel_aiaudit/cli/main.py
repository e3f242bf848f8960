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
        try:
            module = importlib.import_module(f"{__package__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__package__}.{name}":
                continue  # command group not built into this distribution
            raise
        module.register(app)


_register_all()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
