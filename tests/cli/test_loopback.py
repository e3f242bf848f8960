"""`aiaudit loopback`: a real process serving the real `openai` client until SIGINT or SIGTERM."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys

import openai
import pytest

from tests.cli._run import child_env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_loopback_serves_the_openai_client_until_stopped(stop: signal.Signals) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "otel_aiaudit.cli.main", "loopback", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        found = re.search(r"(http://\S+/v1)\b", line)
        assert found, line + (proc.stderr.read() if proc.poll() is not None and proc.stderr else "")
        base = found.group(1)
        assert base == f"http://127.0.0.1:{port}/v1"
        assert "OPENAI_BASE_URL" in line
        client = openai.OpenAI(base_url=base, api_key="any-key", max_retries=0, timeout=10)
        result = client.images.generate(model="gpt-image-1", prompt="a lighthouse at dusk", n=2, quality="low")
        assert len(result.data) == 2 and result.data[0].b64_json
        assert result.usage is not None and result.usage.output_tokens > 0
        proc.send_signal(stop)
        out, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert "stopped after 1 requests" in out


def test_a_taken_port_is_one_line_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = subprocess.run(
            [sys.executable, "-m", "otel_aiaudit.cli.main", "loopback", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
            env=child_env(),
        )
    assert out.returncode == 2
    assert out.stderr.startswith("aiaudit: error: cannot listen on") and out.stderr.count("\n") == 1
