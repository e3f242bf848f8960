"""`aiaudit verify-image` on an image generated under instrumentation finds its audit record in the
local ledger: the manifest's generation id leads back to who generated it, with which model and cost."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from otel_aiaudit import audit_context
from otel_aiaudit.provenance.certs import DevCertPaths


def test_verify_image_prints_the_matching_ledger_record(
    instrument: Any, openai_client: Any, dev_certs: DevCertPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = tmp_path / "ledger.db"
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA", "on")
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_CERT", str(dev_certs.chain))
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_KEY", str(dev_certs.key))
    monkeypatch.setenv("OTEL_AIAUDIT_LEDGER", str(ledger))
    instrument()
    with audit_context(user="alice", team="marketing"):
        result = openai_client.images.generate(model="gpt-image-2", prompt="a lighthouse at dawn")
    image = tmp_path / "out.png"
    image.write_bytes(base64.b64decode(result.data[0].b64_json))

    aiaudit = Path(sys.executable).with_name("aiaudit")
    out = subprocess.run(
        [str(aiaudit), "verify-image", str(image), "--trust", str(dev_certs.root), "--ledger", str(ledger), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["state"] == "trusted"
    types = {r["type"] for r in doc["records"]}
    assert {"log", "prompt", "image"} <= types
    (log_record,) = [r for r in doc["records"] if r["type"] == "log"]
    assert log_record["attributes"]["user.id"] == "alice"
    assert log_record["body"]["model"] == "gpt-image-2" and log_record["body"]["team"] == "marketing"
    assert doc["ledger"] == str(ledger)
