"""`aiaudit`: the command-line entry point. Each command group lives in its own module."""

from __future__ import annotations

import importlib

from ._app import AuditGroup, new_typer

# AuditGroup is the one error handler: each command's known errors leave as `aiaudit: error: ...`,
# one line, exit 1 (checked thing is bad), 2 (usage or input) or 3 (service unreachable).
app = new_typer(
    cls=AuditGroup,
    name="aiaudit",
    help="Audit, govern and cost AI image generation.",
    epilog="Exit codes: 0 ok; 1 what was checked is bad; 2 usage or input error; 3 a service is unreachable.",
)

# Each module exposes `register(app)`; kept as a list so the command set is visible in one place.
COMMAND_MODULES = (
    "demo",
    "loopback",
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
