"""block_and_alert webhook: JSON posted in the background, never delaying or breaking the call."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from otel_aiaudit.generation import Actor, Generation
from otel_aiaudit.policy.alerts import WebhookAlerter
from otel_aiaudit.policy.config import ContentFilter, PolicyConfig
from otel_aiaudit.policy.engine import PolicyEngine


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


def test_block_and_alert_posts_without_delaying(hook: Hook) -> None:
    engine = PolicyEngine(
        PolicyConfig(
            mode="enforce", content_filter=ContentFilter(action="block_and_alert", alert_webhook=hook.url)
        )
    )
    gen = Generation(
        provider="openai",
        model="gpt-image-1",
        prompt="a g0ry scene",
        actor=Actor(user="eve", team="marketing"),
    )
    t0 = time.perf_counter()
    d = engine.evaluate(gen)
    assert time.perf_counter() - t0 < 0.2  # the webhook takes 0.5 s; the call does not wait
    assert d.alert is True and d.outcome == "block"
    assert engine.alerter is not None and engine.alerter.drain(5)
    (msg,) = hook.received
    assert msg["type"] == "application/json"
    body = msg["body"]
    assert body["event"] == "aiaudit.policy.alert" and body["generation_id"] == gen.id
    assert (body["user"], body["team"], body["decision"]) == ("eve", "marketing", "block")
    assert body["hits"][0]["category"] == "violence"
    assert "g0ry" not in json.dumps(body)
    # No alert for a warn or allow decision.
    engine.evaluate(Generation(provider="openai", prompt="a lake"))
    assert engine.alerter.drain(5) and len(hook.received) == 1


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
