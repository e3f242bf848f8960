"""Prompts UTF-8 cannot encode (lone surrogates): recorded in the ledger, in the OTel records and
delivered over OTLP, with text and hash that agree, through the real openai client."""

from __future__ import annotations

import hashlib

import pytest
from opentelemetry.exporter.otlp.proto.common._log_encoder import encode_logs

from otel_aiaudit.hashing import Hasher
from otel_aiaudit.ledger import LedgerSink, find_records
from otel_aiaudit.ledger.resend import exporter, resend
from otel_aiaudit.ledger.verify import verify
from otel_aiaudit.policy.config import PolicyConfig
from tests.servers.otlp_receiver import any_value, attributes

POLICY = PolicyConfig.model_validate({"version": 1, "mode": "enforce", "content_filter": {"action": "block"}})
PROMPT = "a cat \ud800 on a sofa"
# The recorded text: the surrogate written as the six characters backslash, u, d, 8, 0, 0.
RECORDED = "a cat \\ud800 on a sofa"


def _prompt_record(sink: LedgerSink) -> dict:
    (gid,) = sink.ledger.conn().execute("SELECT DISTINCT generation_id FROM records").fetchone()
    return next(r for r in find_records(sink.path, gid) if r["type"] == "prompt")


def test_lone_surrogate_is_recorded_with_a_matching_hash(instrument, telemetry, openai_client, oai) -> None:
    sink = instrument(policy=POLICY).auditor.telemetry.ledger
    openai_client.images.generate(model="gpt-image-1", prompt=PROMPT, quality="low")

    expected_hash = "sha256:" + hashlib.sha256(RECORDED.encode("utf-8")).hexdigest()
    assert Hasher().text(PROMPT) == expected_hash  # the same prompt always hashes the same
    rows = sink.ledger.conn().execute("SELECT type, status FROM records ORDER BY seq").fetchall()
    assert rows == [("log", "success"), ("prompt", "success"), ("image", "success")]
    body = _prompt_record(sink)["body"]
    assert body["prompt"] == RECORDED and body["prompt_hash"] == expected_hash
    assert body["sent_prompt"] == "a cat  on a sofa"  # what the provider got (the surrogate stripped)
    assert verify(sink.ledger).ok

    (otel,) = telemetry.records("prompt")
    assert otel.body["prompt"] == RECORDED and otel.body["prompt_hash"] == expected_hash
    assert otel.attributes["aiaudit.prompt"] == RECORDED
    # Every record encodes as OTLP protobuf, the form the exporter sends (it raised on the surrogate).
    assert encode_logs(telemetry.logs.get_finished_logs()).SerializeToString()


@pytest.mark.fault(
    fault="a prompt UTF-8 cannot encode (lone surrogate)",
    app_sees="the call goes through with the surrogate stripped (enforce mode)",
    recorded="the text escaped as \\udXXX in ledger and record, hashed the same way, exportable as OTLP",
)
def test_lone_surrogate_is_delivered_over_otlp(instrument, openai_client, oai, receiver, monkeypatch) -> None:
    sink = instrument(policy=POLICY).auditor.telemetry.ledger
    openai_client.images.generate(model="gpt-image-1", prompt="a dog \udfff here", quality="low")
    # Sent again from the ledger through the SDK's own OTLP exporter.
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.url)
    sent, ok = resend(sink.ledger, 0, exporter("http/protobuf"))
    assert (sent, ok) == (1, True)
    (record,) = receiver.log_records()
    body = any_value(record.body)
    assert body["prompt"]["prompt"] == "a dog \\udfff here"
    assert body["prompt"]["prompt_hash"] == Hasher().text("a dog \udfff here")
    assert attributes(record.attributes)["aiaudit.prompt"] == "a dog \\udfff here"
