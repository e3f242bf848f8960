"""A record sent again from the ledger is the record that was emitted, alerts included."""

from __future__ import annotations

import pytest

from otel_aiaudit import ContentBlocked
from otel_aiaudit.ledger.resend import exporter, resend
from tests.servers.otlp_receiver import any_value, attributes

POLICY = "version: 1\nmode: enforce\ncontent_filter: {action: block_and_alert}\n"


def test_a_resent_alert_is_still_an_alert(
    instrument, telemetry, openai_client, receiver, tmp_path, monkeypatch
) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY)
    sink = instrument(policy=str(policy)).auditor.telemetry.ledger
    with pytest.raises(ContentBlocked):
        openai_client.images.generate(model="gpt-image-1", prompt="a bloody massacre")
    (emitted,) = telemetry.records()
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.url)
    assert resend(sink.ledger, 0, exporter("http/protobuf")) == (1, True)
    (sent,) = receiver.log_records()
    assert sent.severity_text == emitted.severity_text == "ERROR"
    # The SDK keeps sequences as tuples; over OTLP they arrive as lists.
    assert attributes(sent.attributes) == {
        k: list(v) if isinstance(v, tuple) else v for k, v in emitted.attributes.items()
    }
    assert any_value(sent.body) == emitted.body
