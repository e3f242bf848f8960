"""`--help` of every command: flags show no value type, and each command documents its exit codes."""

from __future__ import annotations

from typing import Any

import typer

from otel_aiaudit.cli.main import app
from tests.cli._run import invoke


def _command_paths(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix]
    for name, cmd in getattr(group, "commands", {}).items():
        out += _command_paths(cmd, (*prefix, name))
    return out


def test_every_command_is_listed() -> None:
    paths = {" ".join(p) for p in _command_paths(typer.main.get_command(app))}
    assert {"loopback", "budgets", "approvals list", "ledger verify", "verify-image", "report", "demo"} <= paths


def test_help_shows_no_bool_and_lists_exit_codes() -> None:
    root = typer.main.get_command(app)
    for path in _command_paths(root):
        code, out = invoke(*path, "--help")
        assert code == 0, (path, out)
        assert "<bool>" not in out, (path, out)
        command = root
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        if not hasattr(command, "commands") or not path:  # each command, and the root's summary
            assert "Exit codes: 0 " in " ".join(out.split()), (path, out)


def test_flags_are_bare_and_options_show_their_value() -> None:
    _, out = invoke("budgets", "--help")
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip().startswith("--")}
    assert lines["--current"].split()[1] != "<bool>"
    assert lines["--store"].split()[1] == "<str>"
