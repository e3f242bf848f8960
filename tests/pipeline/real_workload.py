"""The plugin's own telemetry from real generations: the instrumented `openai` client against the loopback
server, under a policy with budgets, a rate limit and approvals. Metrics are read by the OTel Prometheus
reader; audit records leave through the SDK's own OTLP/HTTP log exporter towards a collector that is down,
so the SDK's exporter self-metrics count real failed deliveries.

Every series here is produced by otel-aiaudit or the OTel SDK itself, so the dashboards, the alert rules
and their thresholds are checked against what really gets exported.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from typing import Any

import openai
from opentelemetry.exporter.otlp.proto.http._log_exporter import OTLPLogExporter
from opentelemetry.exporter.prometheus import PrometheusMetricReader
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import BatchLogRecordProcessor
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.resources import Resource
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
    "teams": {
        "alice": "marketing",
        "carol": "marketing",
        "bob": "design",
        "dave": "engineering",
        "erin": "legal",
    },
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
# Only in the first round: two high-quality images put erin past 80 % of her $0.40 day (the gauge counts
# what is spent, $0.1248 an image, plus the call's own reservation at the $0.211 list price), where she
# stays: a budget warning that holds still (alice, who keeps generating, passes 100 %).
FIRST_ROUND_ONLY = [("erin", None, "contract cover artwork", "high")] * 2
# The loopback provider takes this long per call, so generation times land in a known histogram bucket
# (0.1 s, 0.25 s] of the plugin's duration buckets.
PROVIDER_LATENCY_S = 0.12
# A second app instance whose budget store cannot be reached (nothing listens on port 1): its limits
# step fails open, so its calls go through, each one counted as a degraded governance decision.
DEGRADED_POLICY = {
    **POLICY,
    "cost_limits": {**POLICY["cost_limits"], "on_store_error": "fail_open"},
    "on_error": {"store": "fail_open"},
}
UNREACHABLE_STORE = "redis://127.0.0.1:1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def play_round(client: openai.OpenAI, calls: list[tuple], counts: dict[str, int]) -> None:
    for user, purpose, prompt, quality in calls:
        with audit_context(user=user, purpose=purpose):
            try:
                client.images.generate(model="gpt-image-2", prompt=prompt, quality=quality)
                outcome = "success"
            except PolicyViolation as exc:
                outcome = "pending_approval" if type(exc).__name__ == "ApprovalRequired" else "blocked"
            except openai.APIStatusError:
                outcome = "error"
        counts[outcome] = counts.get(outcome, 0) + 1


class RealWorkload:
    """Generations in a loop until stopped. `policy`/`store` let a test put a governance step in trouble
    (e.g. a budget store that cannot be reached)."""

    def __init__(
        self, workdir: str, policy: dict | None = None, store: str = "memory://", rounds: int | None = None
    ) -> None:
        self.port = free_port()
        self.reader = PrometheusMetricReader()
        self.provider = MeterProvider(
            metric_readers=[self.reader], resource=Resource.create({"service.name": "aiaudit-real-app"})
        )
        self.logger_provider = LoggerProvider(resource=Resource.create({"service.name": "aiaudit-real-app"}))
        self.server = start_openai_server()
        self.server.override = self.fail_some
        self.instrumentor = AIAuditInstrumentor()
        self.workdir = workdir
        self.policy = policy or POLICY
        self.store = store
        self.rounds = rounds
        self.counts: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._http: Any = None

    @staticmethod
    def fail_some(rec: Any) -> Reply | None:
        if rec.method != "POST":
            return None
        time.sleep(PROVIDER_LATENCY_S)
        if b"fail" in rec.body:
            return Reply.of_json({"error": {"message": "render failed"}}, 500)
        return None

    def _run(self) -> None:
        client = openai.OpenAI(base_url=f"{self.server.url}/v1", api_key="sk-real", max_retries=0)
        play_round(client, FIRST_ROUND_ONLY, self.counts)
        n = 0
        while not self._stop.is_set() and (self.rounds is None or n < self.rounds):
            play_round(client, ROUND, self.counts)
            n += 1
            self._stop.wait(0.3)

    def _log_exporter(self, otlp_down_url: str) -> OTLPLogExporter:
        # The exporter's self-metrics (otel.sdk.exporter.log.exported, error.type on failures) are off
        # unless this variable is set when it is built; they go to the app's MeterProvider.
        os.environ["OTEL_PYTHON_SDK_INTERNAL_METRICS_ENABLED"] = "true"
        try:
            return OTLPLogExporter(endpoint=f"{otlp_down_url}/v1/logs", timeout=1, meter_provider=self.provider)
        finally:
            del os.environ["OTEL_PYTHON_SDK_INTERNAL_METRICS_ENABLED"]

    def start(self, otlp_down_url: str) -> None:
        exporter = self._log_exporter(otlp_down_url)
        self.logger_provider.add_log_record_processor(BatchLogRecordProcessor(exporter, schedule_delay_millis=500))
        self.instrumentor.instrument(
            meter_provider=self.provider,
            logger_provider=self.logger_provider,
            policy=PolicyConfig.model_validate(self.policy),
            store=self.store,
            ledger=f"{self.workdir}/ledger.db",
        )
        self._http, _ = start_http_server(self.port, addr="127.0.0.1", registry=REGISTRY)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=20)
        self.instrumentor.uninstrument()
        if self._http:
            self._http.shutdown()
        self.server.stop()
        self.logger_provider.shutdown()
        self.provider.shutdown()


def start_degraded_instance(workdir: str) -> tuple[subprocess.Popen, int]:
    """The degraded app instance in a process of its own (one instrumentor per process), serving its
    metrics on the returned port."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen(
        [sys.executable, __file__, workdir, str(port), f"http://127.0.0.1:{free_port()}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(os.path.join(workdir, "degraded.log"), "w"),
    )
    return proc, port


def _serve_degraded(workdir: str, port: int, otlp_down_url: str) -> None:
    work = RealWorkload(workdir, policy=DEGRADED_POLICY, store=UNREACHABLE_STORE)
    work.port = port
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    work.start(otlp_down_url)
    stopped.wait()
    work.stop()


if __name__ == "__main__":
    _serve_degraded(sys.argv[1], int(sys.argv[2]), sys.argv[3])
