"""The offline demo shows every governance path, through the real openai client, in under 30 seconds."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from otel_aiaudit.cli.demo import HINT_PREFIX
from otel_aiaudit.demo.scenario import run


def test_demo_scenario(tmp_path: Path) -> None:
    result = run(workdir=str(tmp_path / "demo"))
    assert result.seconds < 30
    by_label = {}
    for outcome in result.outcomes:
        by_label.setdefault(outcome.step.label, []).append(outcome)

    (blocked,) = by_label["blocked prompt"]
    assert blocked.status == "ContentBlocked" and blocked.decision == "block"
    assert any(f.startswith("content:") for f in blocked.flags)
    assert blocked.sent_prompt is None  # the provider never saw it

    (redacted,) = by_label["redacted prompt"]
    assert redacted.status == "success" and redacted.decision == "modify"
    assert redacted.sent_prompt == "business card for [EMAIL], call [PHONE]"

    (artist,) = by_label["artist's style"]
    assert artist.decision == "warn" and "copyright:artist" in artist.flags

    posters = [o for o in result.outcomes if o.step.user == "frank"]
    assert [o.status for o in posters][-1] == "BudgetExceeded"
    assert any("budget user_daily at" in o.note for o in posters if o.status == "success")
    assert posters[-1].sent_prompt is None

    thumbs = [o for o in result.outcomes if o.step.user == "dave"]
    assert all(o.status == "success" for o in thumbs)
    assert any("queued" in o.note for o in thumbs)

    (waiting,) = by_label["external flyer"]
    assert waiting.status == "ApprovalRequired" and waiting.sent_prompt is None
    assert result.report.approvals_pending == 1

    pending, granted = by_label["marketing banner"]
    assert pending.status == "ApprovalRequired" and pending.decision == "pending_approval"
    assert granted.status == "success" and "approved by carol, dave" in granted.note

    assert result.cost_by_user["eve"] == 0.0
    assert result.cost_by_user["frank"] <= 1.00  # the daily budget held
    assert result.images == sum(o.step.n for o in result.outcomes if o.status == "success")


def test_demo_command_runs(tmp_path: Path) -> None:
    aiaudit = Path(sys.executable).with_name("aiaudit")
    # As after `bash scripts/demo.sh`: the virtual environment is not on PATH.
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if Path(p) != aiaudit.parent)
    env = {**os.environ, "COLUMNS": "160", "PATH": path}
    out = subprocess.run(
        [str(aiaudit), "demo", "--workdir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert (
        "ContentBlocked" in out.stdout and "BudgetExceeded" in out.stdout and "ApprovalRequired" in out.stdout
    )
    assert (tmp_path / "d" / "aiaudit.db").exists()
    # The closing hints run exactly as printed.
    hints = [line[len(HINT_PREFIX) :] for line in out.stdout.splitlines() if line.startswith(HINT_PREFIX)]
    assert len(hints) >= 3 and any(" approvals list " in h for h in hints), out.stdout
    for hint in hints:
        argv = shlex.split(hint)  # run exactly as printed: aiaudit by its path, since it is not on PATH
        assert Path(argv[0]).name == "aiaudit"
        ran = subprocess.run(argv, capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)
        assert ran.returncode == 0, (hint, ran.stderr[-2000:])
        assert "Traceback" not in ran.stderr
