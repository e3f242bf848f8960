"""Alert webhook (`content_filter.alert_webhook`): every generation whose record is an alert (blocked
under `block_and_alert`, or decided while a governance step had failed) is posted there too.

Sent from the telemetry side once the record is kept, never from the policy engine, which only
decides. The call being decided must not wait for the webhook: alerts go onto a bounded queue and one
background thread posts them as JSON. When the queue is full the alert is dropped (and counted);
a failing or slow endpoint is logged once and never raises into the caller. The payload carries
who, what rule and which policy, never the prompt text.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
import urllib.request
from typing import Any

from ..generation import Decision, Generation

log = logging.getLogger(__name__)


def alert_payload(gen: Generation, decision: Decision, anchor: tuple[int, str] | None = None) -> dict[str, Any]:
    payload = {
        "event": "aiaudit.policy.alert",
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "generation_id": gen.id,
        "provider": gen.provider,
        "model": gen.model,
        "user": gen.actor.user,
        "team": gen.actor.team,
        "purpose": gen.actor.purpose,
        "decision": decision.outcome,
        "mode": decision.mode,
        "policy_version": decision.policy_version,
        "hits": [
            {"rule": h.rule, "category": h.category, "action": h.action, "detail": h.detail}
            for h in decision.hits
        ],
        "status": gen.status,
        "degraded": decision.degraded,
    }
    if anchor is not None:  # where the record sits in the ledger
        payload["ledger_seq"], payload["ledger_hash"] = anchor
    return payload


_alerters: dict[str, WebhookAlerter] = {}
_alerters_lock = threading.Lock()


def alerter_for(url: str) -> WebhookAlerter:
    """One sender per webhook URL, shared by every instrumentation in the process."""
    with _alerters_lock:
        if url not in _alerters:
            _alerters[url] = WebhookAlerter(url)
        return _alerters[url]


class WebhookAlerter:
    """Posts alert payloads to `url` from a daemon thread; `send()` returns at once."""

    def __init__(self, url: str, *, queue_size: int = 100, timeout_seconds: float = 5.0) -> None:
        self.url = url
        self.timeout_seconds = timeout_seconds
        self._queue: queue.Queue[dict[str, Any]] = queue.Queue(maxsize=queue_size)
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.sent = 0
        self.failed = 0
        self.dropped = 0
        self._warned = False

    def send(self, payload: dict[str, Any]) -> bool:
        """Queue one alert; False when the queue is full (the alert is dropped). Never raises."""
        try:
            self._ensure_thread()
            self._queue.put_nowait(payload)
            return True
        except queue.Full:
            self.dropped += 1
            self._warn_once("alert queue full, dropping alerts")
            return False
        except Exception:  # e.g. no thread can be started at interpreter exit
            self.dropped += 1
            return False

    def drain(self, timeout: float = 5.0) -> bool:
        """Wait until every queued alert has been attempted (for tests and shutdown)."""
        deadline = time.monotonic() + timeout
        with self._queue.all_tasks_done:
            while self._queue.unfinished_tasks:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._queue.all_tasks_done.wait(left)
        return True

    def _ensure_thread(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="aiaudit-alert-webhook", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            payload = self._queue.get()
            try:
                self._post(payload)
                self.sent += 1
            except Exception as exc:
                self.failed += 1
                self._warn_once(f"alert webhook failed: {type(exc).__name__}: {exc}")
            finally:
                self._queue.task_done()

    def _post(self, payload: dict[str, Any]) -> None:
        body = json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(
            self.url, data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:
            response.read()

    def _warn_once(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            log.warning("otel-aiaudit: %s (further alert errors are not logged)", message)
