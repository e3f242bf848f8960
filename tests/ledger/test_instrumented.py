"""The sink under instrumentation: real openai client, loopback server, policy decisions in the ledger."""

from __future__ import annotations

import pytest

from otel_aiaudit.errors import ContentBlocked
from otel_aiaudit.ledger import LedgerSink, find_records
from otel_aiaudit.ledger.report import build_report
from otel_aiaudit.ledger.verify import verify
from otel_aiaudit.policy.config import PolicyConfig

POLICY = PolicyConfig.model_validate(
    {
        "version": 1,
        "mode": "enforce",
        "content_filter": {"blocked_categories": ["violence"], "action": "block"},
        "pii": {"action": "redact"},
    }
)


def test_every_generation_lands_in_the_ledger(instrument, telemetry, openai_client, oai, sink) -> None:
    instrument(policy=POLICY, record_sinks=[sink])
    openai_client.images.generate(model="gpt-image-1", prompt="a lighthouse, mail me at jo@example.com", quality="low")
    with pytest.raises(ContentBlocked):
        openai_client.images.generate(model="gpt-image-1", prompt="a violent massacre scene", quality="low")

    rows = sink.ledger.conn().execute("SELECT generation_id, type, status, decision FROM records ORDER BY seq")
    rows = rows.fetchall()
    assert [(t, s) for _, t, s, _ in rows] == [
        ("log", "success"),
        ("prompt", "success"),
        ("image", "success"),
        ("log", "blocked"),
        ("prompt", "blocked"),
        ("image", "blocked"),
    ]
    ok_id, blocked_id = rows[0][0], rows[3][0]
    assert rows[0][3] == "modify" and rows[3][3] == "block"
    # What the ledger holds is what the OTel records say: the same ids, the prompt as captured (redacted).
    otel_ids = {r.attributes["aiaudit.generation.id"] for r in telemetry.records("log")}
    assert otel_ids == {ok_id, blocked_id}
    _, prompt, image = find_records(sink.path, ok_id)
    assert "jo@example.com" not in prompt["body"]["prompt"] and prompt["body"]["prompt_hash"].startswith("sha256:")
    assert len(image["body"]["images"]) == 1 and image["body"]["images"][0]["hash"].startswith("sha256:")
    assert verify(sink.ledger).ok

    report = build_report(sink.ledger, since=0)
    assert report.generations == 2 and report.blocked == 1 and report.images == 1
    assert report.total_spend_usd > 0 and report.top_user.name == "tester"
    assert report.search("blocked_prompts").rows[0]["generation_id"] == blocked_id


def test_a_broken_ledger_does_not_break_the_call(instrument, telemetry, openai_client, oai, tmp_path) -> None:
    sink = LedgerSink(tmp_path / "l.db")
    sink.ledger.conn().execute("DROP TABLE records")  # the file is damaged after start-up
    instrument(record_sinks=[sink])
    result = openai_client.images.generate(model="gpt-image-1", prompt="a calm sea", quality="low")
    assert len(result.data) == 1
    assert len(telemetry.records("log")) == 1  # the OTel export still carries the record
    sink.close()
