"""block_and_alert webhook: JSON posted in the background, never delaying or breaking the call."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from otel_aiaudit import ContentBlocked, audit_context
from otel_aiaudit.telemetry.alerts import WebhookAlerter, alerter_for


class Hook(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, delay: float = 0.0, status: int = 204) -> None:
        received: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                return None

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                time.sleep(outer.delay)
                received.append({"type": self.headers["Content-Type"], "body": json.loads(body)})
                self.send_response(outer.status)
                self.end_headers()

        super().__init__(("127.0.0.1", 0), Handler)
        self.delay, self.status, self.received = delay, status, received
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/alerts"


@pytest.fixture()
def hook():
    srv = Hook(delay=0.5)
    yield srv
    srv.shutdown()
    srv.server_close()


def test_block_and_alert_posts_from_the_telemetry_side_without_delaying(
    hook: Hook, instrument, telemetry, openai_client, oai, tmp_path
) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        "version: 1\nmode: enforce\n"
        f"content_filter: {{action: block_and_alert, alert_webhook: '{hook.url}'}}\n"
    )
    instrument(policy=str(policy))
    t0 = time.perf_counter()
    with audit_context(user="eve", team="marketing"), pytest.raises(ContentBlocked):
        openai_client.images.generate(model="gpt-image-1", prompt="a g0ry scene")
    assert time.perf_counter() - t0 < 0.4  # the webhook takes 0.5 s; the call does not wait
    assert oai.routes("/v1/images/generations") == []
    alerter = alerter_for(hook.url)
    assert alerter.drain(5)
    (msg,) = hook.received
    assert msg["type"] == "application/json"
    body = msg["body"]
    (record,) = telemetry.records()
    assert body["event"] == "aiaudit.policy.alert"
    assert body["generation_id"] == record.attributes["aiaudit.generation.id"]
    assert (body["user"], body["team"], body["decision"], body["status"]) == ("eve", "marketing", "block", "blocked")
    assert body["ledger_seq"] == record.attributes["aiaudit.ledger.seq"]
    assert body["hits"][0]["category"] == "violence"
    assert "g0ry" not in json.dumps(body)
    # No alert for an allowed generation.
    openai_client.images.generate(model="gpt-image-1", prompt="a lake")
    assert alerter.drain(5) and len(hook.received) == 1


def test_unreachable_webhook_never_raises() -> None:
    alerter = WebhookAlerter("http://127.0.0.1:9/nothing-listens", timeout_seconds=0.5)
    assert alerter.send({"event": "x"}) is True
    assert alerter.drain(5)
    assert alerter.failed == 1 and alerter.sent == 0


def test_full_queue_drops_instead_of_blocking(hook: Hook) -> None:
    alerter = WebhookAlerter(hook.url, queue_size=2)
    results = [alerter.send({"n": i}) for i in range(6)]
    assert results.count(False) >= 3 and alerter.dropped == results.count(False)
    assert alerter.drain(10)
