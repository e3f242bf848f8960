"""Audit records that cannot reach the collector are counted (aiaudit.export.failures), kept, and
delivered once it is back: the alert rule on export failures has real data behind it."""

from __future__ import annotations

import time

from tests.servers.otlp_receiver import OTLPReceiver, attributes


def _wait(predicate, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_failed_exports_are_counted_then_delivered(instrument, telemetry, openai_client, monkeypatch) -> None:
    receiver = OTLPReceiver().start()
    receiver.state["down"] = True  # answers 503
    try:
        monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.url)
        instrument()
        openai_client.images.generate(model="gpt-image-2", prompt="while the collector is down")
        assert _wait(lambda: telemetry.metric_sum("aiaudit.export.failures") > 0), "no export failure counted"
        failed_types = {p.attributes["aiaudit.record.type"] for p in telemetry.metric_points("aiaudit.export.failures")}
        assert failed_types <= {"log", "prompt", "image"} and failed_types
        # The outbox delivers the records: the OTel logger does not send them a second time.
        assert telemetry.records() == []
        receiver.state["down"] = False
        assert _wait(lambda: len(receiver.log_records()) >= 3), "records not delivered after recovery"
        types = sorted(attributes(r.attributes)["aiaudit.record.type"] for r in receiver.log_records())
        assert types == ["image", "log", "prompt"]
    finally:
        receiver.stop()
