"""Prompts UTF-8 cannot encode (lone surrogates): recorded in the ledger, in the OTel records and
delivered over OTLP, with text and hash that agree, through the real openai client."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from opentelemetry.exporter.otlp.proto.common._log_encoder import encode_logs

from otel_aiaudit.hashing import Hasher
from otel_aiaudit.ledger import LedgerSink, find_records
from otel_aiaudit.ledger.outbox import OutboxConfig, pending_count
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


def test_lone_surrogate_is_recorded_with_a_matching_hash(instrument, telemetry, openai_client, oai, sink) -> None:
    instrument(policy=POLICY, record_sinks=[sink])
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


def _wait(cond, timeout: float = 20.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_lone_surrogate_is_delivered_over_otlp(
    instrument, telemetry, openai_client, oai, receiver, tmp_path: Path
) -> None:
    fast = {"initial_backoff_s": 0.05, "max_backoff_s": 0.4, "idle_s": 0.2}
    # Not the default ledger path, which the instrumentor's own sink (without an outbox) takes.
    sink = LedgerSink(tmp_path / "delivering.db", outbox=OutboxConfig(f"{receiver.url}/v1/logs", **fast))
    try:
        instrument(policy=POLICY, record_sinks=[sink])
        openai_client.images.generate(model="gpt-image-1", prompt="a dog \udfff here", quality="low")
        telemetry.records()  # the records are written on the telemetry thread: wait for it
        _wait(lambda: len(receiver.log_records()) == 3)
        assert pending_count(sink.ledger) == 0
    finally:
        assert sink.close(timeout=5)
    delivered = [lr for lr in receiver.log_records() if attributes(lr.attributes)["aiaudit.record.type"] == "prompt"]
    (prompt,) = delivered
    body = any_value(prompt.body)
    assert body["prompt"] == "a dog \\udfff here"
    assert body["prompt_hash"] == Hasher().text("a dog \udfff here")
