"""`opentelemetry-instrument python app.py` in a subprocess, importing this checkout's otel_aiaudit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_instrumented(
    tmp_path: Path, app_text: str, env_extra: dict[str, str], *, shadow: Path | None = None, name: str = "app.py"
) -> subprocess.CompletedProcess[str]:
    """Exporters off, store and ledger in `tmp_path`; `shadow` goes first on the path (packages made
    to look absent)."""
    app = tmp_path / name
    app.write_text(app_text)
    path = [str(shadow)] if shadow else []
    env = {
        "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        # opentelemetry-instrument puts its own directory and the working directory in front of these.
        "PYTHONPATH": os.pathsep.join([*path, str(ROOT)]),
        "OTEL_TRACES_EXPORTER": "none",
        "OTEL_METRICS_EXPORTER": "none",
        "OTEL_LOGS_EXPORTER": "none",
        "OTEL_AIAUDIT_STORE": f"sqlite:///{tmp_path}/store.db",
        "OTEL_AIAUDIT_LEDGER": f"{tmp_path}/ledger.db",
        **env_extra,
    }
    instrument = Path(sys.executable).with_name("opentelemetry-instrument")
    return subprocess.run(
        [str(instrument), sys.executable, str(app)], capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path
    )
