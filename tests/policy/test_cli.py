"""`aiaudit policy check|eval` through the real typer app."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from otel_aiaudit.cli.main import app

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "policy.yaml")
runner = CliRunner()


def test_check_valid() -> None:
    result = runner.invoke(app, ["policy", "check", EXAMPLE])
    assert result.exit_code == 0, result.output
    assert "is valid" in result.output and "sha256:" in result.output and "enforce" in result.output


def test_check_invalid_exits_1_with_location(tmp_path: Path) -> None:
    bad = tmp_path / "policy.yaml"
    bad.write_text("version: 1\npii:\n  actoin: redact\n", encoding="utf-8")
    result = runner.invoke(app, ["policy", "check", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:3: pii.actoin: unknown key; did you mean 'action'?" in result.output.splitlines()


def test_eval_prints_decision_hits_and_modified_prompt() -> None:
    result = runner.invoke(
        app, ["policy", "eval", "--policy", EXAMPLE, "--user", "alice", "a poster, contact bob@example.com"]
    )
    assert result.exit_code == 0, result.output
    assert "decision: modify" in result.output
    assert "email at 18-33" in result.output
    assert "a poster, contact [EMAIL]" in result.output


def test_eval_json_block() -> None:
    result = runner.invoke(
        app, ["policy", "eval", "--policy", EXAMPLE, "--json", "photo of Elon Musk, realistic"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["decision"] == "block" and payload["alert"] is True
    assert payload["flags"] == ["content:deepfake"]
    assert payload["sent_prompt"] is None
