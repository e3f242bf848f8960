"""The provider's own content refusals are evidence: through the real openai client, a moderation
refusal is recorded as provider_refused with the provider's reason, counted as a violation and
listed by the report."""

from __future__ import annotations

import openai
import pytest

from otel_aiaudit.ledger.report import build_report
from otel_aiaudit.ledger.store import Ledger
from otel_aiaudit.loopback.server import Reply

REFUSAL = {
    "error": {
        "code": "moderation_blocked",
        "message": "Your request was rejected by the safety system.",
        "type": "image_generation_user_error",
        "param": None,
    }
}


def test_a_moderation_refusal_is_recorded_as_provider_refused(
    instrument, telemetry, openai_client, oai, tmp_path, monkeypatch
) -> None:
    path = tmp_path / "ledger.db"
    monkeypatch.setenv("OTEL_AIAUDIT_LEDGER", str(path))
    instrument()
    oai.override = lambda rec: Reply.of_json(REFUSAL, 400)
    with pytest.raises(openai.BadRequestError):  # the app sees the provider's own error, untouched
        openai_client.images.generate(model="gpt-image-1", prompt="something the provider refuses")
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "provider_refused"
    reason = span.attributes["aiaudit.provider.refusal_reason"]
    assert reason == "moderation_blocked: Your request was rejected by the safety system."
    assert span.attributes["aiaudit.cost.usd"] == 0.0
    assert span.status.description == f"provider refused: {reason}"
    (record,) = telemetry.records()
    log = record.body["log"]
    assert (log["status"], log["refusal_reason"]) == ("provider_refused", reason)
    assert record.severity_text == "WARN"
    refused = {"aiaudit.policy.rule": "provider", "aiaudit.policy.category": "refused"}
    assert telemetry.metric_sum("aiaudit.policy.violations", **refused) == 1
    assert telemetry.metric_sum("aiaudit.requests", **{"aiaudit.status": "provider_refused"}) == 1
    ledger = Ledger(path)
    try:
        report = build_report(ledger)
    finally:
        ledger.close()
    (row,) = report.search("provider_refusals").rows
    assert row["refusal_reason"] == reason and row["generation_id"] == span.attributes["aiaudit.generation.id"]


def test_an_ordinary_bad_request_is_an_error_not_a_refusal(instrument, telemetry, openai_client, oai) -> None:
    instrument()
    oai.override = lambda rec: Reply.of_json({"error": {"code": "invalid_size", "message": "bad size"}}, 400)
    with pytest.raises(openai.BadRequestError):
        openai_client.images.generate(model="gpt-image-1", prompt="x", size="7x7")
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "error"
    assert "aiaudit.provider.refusal_reason" not in span.attributes
