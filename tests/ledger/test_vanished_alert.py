"""The ledger file deleted while the app runs, through the real openai client: the next generation is
kept in a file opened anew, the gap is in that file for `verify`, and the generation is an alert."""

from __future__ import annotations

import os

import pytest

from otel_aiaudit.ledger.store import Ledger
from otel_aiaudit.ledger.verify import verify


@pytest.mark.fault(
    fault="the ledger file deleted while the app runs",
    app_sees="nothing: calls go on",
    recorded="the next record kept in a new file at the same path, the gap noted there for ledger verify, "
    "that generation raised to an alert (degraded ledger_unavailable:reopened)",
)
def test_a_deleted_ledger_is_reopened_and_the_generation_raised_to_an_alert(
    instrument, telemetry, openai_client, tmp_path, monkeypatch
) -> None:
    path = tmp_path / "ledger.db"
    monkeypatch.setenv("OTEL_AIAUDIT_LEDGER", str(path))
    instrument()
    openai_client.images.generate(model="gpt-image-2", prompt="first")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{path}{suffix}"):
            os.unlink(f"{path}{suffix}")
    assert openai_client.images.generate(model="gpt-image-2", prompt="second").data
    first, second = telemetry.records()
    assert "aiaudit.alert" not in first.attributes
    assert second.attributes["aiaudit.alert"] is True and second.severity_text == "ERROR"
    assert second.body["log"]["policy"]["degraded"] == "ledger_unavailable:reopened"
    # The numbering goes on from the lost file: the backend's anchors stay unique.
    assert second.attributes["aiaudit.ledger.seq"] == 6
    degraded = {"aiaudit.governance.step": "ledger", "aiaudit.governance.mode": "reopened"}
    assert telemetry.metric_sum("aiaudit.governance.degraded", **degraded) == 1
    ledger = Ledger(path, readonly=True)
    try:
        kinds = [p.kind for p in verify(ledger).problems]
    finally:
        ledger.close()
    assert "vanished" in kinds
