"""The plugin's own metrics, from real generations: the instrumented `openai` client against the loopback
server, under a policy with budgets, a rate limit and approvals, exported by the OTel Prometheus reader.

Unlike pipeline_workload.py (plugin-shaped series with controlled values, for the threshold tests), every
series here is produced by otel-aiaudit itself, so the dashboards and rules are checked against what the
plugin really exports.
"""

from __future__ import annotations

import threading
from typing import Any

import openai
from opentelemetry.exporter.prometheus import PrometheusMetricReader
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.resources import Resource
from pipeline_workload import free_port
from prometheus_client import REGISTRY, start_http_server

from otel_aiaudit import AIAuditInstrumentor, PolicyViolation, audit_context
from otel_aiaudit.loopback.openai import start_openai_server
from otel_aiaudit.loopback.server import Reply
from otel_aiaudit.policy.config import PolicyConfig

POLICY = {
    "version": 1,
    "mode": "enforce",
    "content_filter": {"action": "block_and_alert"},
    "pii": {"action": "redact"},
    # warn_only: spend may pass 100 %, so the exhausted-budget alert has something to fire on.
    "cost_limits": {"per_user_daily": 0.40, "per_team_monthly": 1.00, "action": "warn_only"},
    "rate_limit": {"images_per_hour": 10_000, "action": "queue_and_wait"},
    "approval_required": {"for_marketing": True, "approvers": ["manager"]},
    "roles": {"manager": ["carol"]},
    "teams": {"alice": "marketing", "carol": "marketing", "bob": "design", "dave": "engineering"},
}
# (user, purpose, prompt, quality)
ROUND = [
    ("alice", None, "product photo of a ceramic mug", "high"),
    ("carol", None, "spring campaign hero image", "high"),
    ("bob", None, "isometric office illustration", "low"),
    ("dave", None, "architecture diagram icon", "low"),
    ("bob", None, "a bloody massacre with dismembered bodies", "low"),  # blocked by the content filter
    ("dave", None, "please fail this render", "low"),  # the provider answers 500
    ("bob", "marketing", "banner for the product launch", "low"),  # pending approval
]


class RealWorkload:
    def __init__(self, workdir: str) -> None:
        self.port = free_port()
        self.reader = PrometheusMetricReader()
        self.provider = MeterProvider(
            metric_readers=[self.reader], resource=Resource.create({"service.name": "aiaudit-real-app"})
        )
        self.server = start_openai_server()
        self.server.override = self._fail_some
        self.instrumentor = AIAuditInstrumentor()
        self.workdir = workdir
        self.counts = {"success": 0, "blocked": 0, "error": 0, "pending_approval": 0}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._http: Any = None

    @staticmethod
    def _fail_some(rec: Any) -> Reply | None:
        if rec.method == "POST" and b"fail" in rec.body:
            return Reply.of_json({"error": {"message": "render failed"}}, 500)
        return None

    def _run(self) -> None:
        client = openai.OpenAI(base_url=f"{self.server.url}/v1", api_key="sk-real", max_retries=0)
        while not self._stop.is_set():
            for user, purpose, prompt, quality in ROUND:
                with audit_context(user=user, purpose=purpose):
                    try:
                        client.images.generate(model="gpt-image-2", prompt=prompt, quality=quality)
                        self.counts["success"] += 1
                    except PolicyViolation as exc:
                        kind = "pending_approval" if type(exc).__name__ == "ApprovalRequired" else "blocked"
                        self.counts[kind] += 1
                    except openai.APIStatusError:
                        self.counts["error"] += 1
            self._stop.wait(0.3)

    def start(self, otlp_down_url: str) -> None:
        import os

        # Audit records go to a collector that is down: the outbox counts each failed delivery.
        os.environ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp_down_url
        try:
            self.instrumentor.instrument(
                meter_provider=self.provider,
                policy=PolicyConfig.model_validate(POLICY),
                store="memory://",
                ledger=f"{self.workdir}/ledger.db",
            )
        finally:
            del os.environ["OTEL_EXPORTER_OTLP_ENDPOINT"]
        self._http, _ = start_http_server(self.port, addr="127.0.0.1", registry=REGISTRY)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=10)
        self.instrumentor.uninstrument()
        if self._http:
            self._http.shutdown()
        self.server.stop()
        self.provider.shutdown()
