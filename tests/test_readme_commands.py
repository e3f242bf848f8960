"""The README's five-minute path, run as printed: its shell commands are read from the README itself,
so a command that stops working (or an edit that breaks one) fails here."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

APP = """\
import openai
from otel_aiaudit import audit_context

client = openai.OpenAI()  # OPENAI_BASE_URL and OPENAI_API_KEY from the environment
with audit_context(user="alice", team="marketing"):
    result = client.images.generate(model="gpt-image-1", prompt="a lighthouse at dusk", quality="low")
print("images:", len(result.data))
"""


def _commands() -> list[str]:
    """Every command line of the README's bash blocks, continuation lines joined, comments dropped."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    out: list[str] = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split(" #", 1)[0].strip()
            if line and not line.startswith("#"):
                out.append(re.sub(r"\s+", " ", line))
    return out


def _one(prefix: str) -> str:
    (found,) = [c for c in _commands() if c.startswith(prefix)]
    return found


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "OPENAI_"))}
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        PYTHONPATH=str(ROOT),
        XDG_STATE_HOME=str(tmp_path / "state"),  # the default store and ledger, out of the real home
        HOME=str(tmp_path),
    )
    return env


def test_the_readme_opens_with_the_two_commands() -> None:
    assert _commands()[:2] == ["bash scripts/demo.sh", "bash scripts/test.sh"]


def test_the_five_minute_path_runs_as_printed(tmp_path: Path) -> None:
    env = _env(tmp_path)
    (tmp_path / "app.py").write_text(APP)
    loopback = subprocess.Popen(
        ["bash", "-c", f"exec {_one('aiaudit loopback')}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        assert loopback.stdout is not None
        line = loopback.stdout.readline()
        base = re.search(r"(http://\S+/v1)\b", line)
        assert base, line
        # The README's export line, then its console-exporter run of the app.
        exported = _one("export OPENAI_BASE_URL")
        assert base.group(1) in exported, "the README points the app at another address than the loopback prints"
        run = _one("OTEL_TRACES_EXPORTER=console")
        out = subprocess.run(
            ["bash", "-c", f"{exported} && {run}"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
        )
        assert out.returncode == 0, out.stderr[-2000:]
        assert "images: 1" in out.stdout
        assert '"name": "generate_content gpt-image-1"' in out.stdout  # the console span
        assert '"event_name": "aiaudit.generation"' in out.stdout  # the console record
        # "Next:" commands of the README read what the run left in the state directory.
        for command in ("aiaudit report", "aiaudit ledger verify"):
            done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env, cwd=tmp_path)
            assert done.returncode == 0, f"{command}: {done.stderr}"
    finally:
        loopback.send_signal(signal.SIGINT)
        loopback.communicate(timeout=15)
    assert loopback.returncode == 0
