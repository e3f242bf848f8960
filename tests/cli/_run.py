"""Running `aiaudit` for the CLI tests: in-process through typer's runner, or as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from otel_aiaudit.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def child_env(**extra: str) -> dict[str, str]:
    """This process's environment (the test's OTEL_AIAUDIT_* included), importing this checkout."""
    env = {**os.environ, **extra}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def run_without(module: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`aiaudit ARGS` in a process where `module` cannot be imported, as when its extra is not installed."""
    code = (
        "import sys\n"
        f"sys.modules[{module!r}] = None  # import fails as for an absent package\n"
        "from otel_aiaudit.cli.main import main\n"
        f"sys.argv = ['aiaudit', *{list(args)!r}]\n"
        "main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, env=child_env()
    )


def one_error_line(output: str) -> str:
    """The output of a failed command: exactly one line, `aiaudit: error: ...`, no traceback."""
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert lines[0].startswith("aiaudit: error: "), output
    assert "Traceback" not in output
    return lines[0]
