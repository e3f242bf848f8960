"""Plugin-shaped metrics from the real OTel SDK, served by the real Prometheus exporter on loopback.

The instruments, units and attribute keys are those of the design's metric table; the values come
from a small simulated mix of generations (successes, blocks, errors) across teams, users and models.
"""

from __future__ import annotations

import random
import socket
import threading

from opentelemetry.exporter.prometheus import PrometheusMetricReader
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.resources import Resource
from prometheus_client import REGISTRY, start_http_server

DURATION_BUCKETS = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600]
USERS = {"alice": "marketing", "bob": "design", "carol": "marketing", "dave": "engineering"}
MODELS = {
    "dall-e-3": ("openai", 0.04),
    "gpt-image-1": ("openai", 0.07),
    "imagen-3.0-generate-002": ("gcp.gemini", 0.03),
}
# Budget gauges: alice past 80 % of her day, marketing past its month, engineering well below.
BUDGETS = {
    ("user_daily", "alice"): 0.85,
    ("team_monthly", "marketing"): 1.02,
    ("team_monthly", "engineering"): 0.3,
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Workload:
    def __init__(self) -> None:
        self.port = free_port()
        self.reader = PrometheusMetricReader()
        self.provider = MeterProvider(
            metric_readers=[self.reader], resource=Resource.create({"service.name": "aiaudit-test-app"})
        )
        meter = self.provider.get_meter("otel_aiaudit", "0.1.0")
        self.duration = meter.create_histogram(
            "gen_ai.client.operation.duration", unit="s", explicit_bucket_boundaries_advisory=DURATION_BUCKETS
        )
        self.tokens = meter.create_histogram("gen_ai.client.token.usage", unit="{token}")
        self.requests = meter.create_counter("aiaudit.requests")
        self.images = meter.create_counter("aiaudit.images", unit="{image}")
        self.cost = meter.create_counter("aiaudit.cost", unit="USD")
        self.violations = meter.create_counter("aiaudit.policy.violations")
        self.wait = meter.create_histogram(
            "aiaudit.ratelimit.wait", unit="s", explicit_bucket_boundaries_advisory=[0.1, 1, 5, 10, 30, 60]
        )
        self.export_failures = meter.create_counter("aiaudit.export.failures")
        self._budgets = dict(BUDGETS)
        self._pending = 3
        meter.create_observable_gauge(
            "aiaudit.budget.utilization", callbacks=[self._observe_budgets], unit="1"
        )
        meter.create_observable_gauge("aiaudit.approvals.pending", callbacks=[self._observe_pending])
        self.counts = {"total": 0, "blocked": 0}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._server = None

    def _observe_budgets(self, _options):
        from opentelemetry.metrics import Observation

        return [
            Observation(v, {"aiaudit.budget.scope": scope, "aiaudit.budget.subject": subject})
            for (scope, subject), v in self._budgets.items()
        ]

    def _observe_pending(self, _options):
        from opentelemetry.metrics import Observation

        return [Observation(self._pending)]

    def generation(self, rng: random.Random) -> None:
        user = rng.choice(sorted(USERS))
        team = USERS[user]
        model = rng.choice(sorted(MODELS))
        provider, price = MODELS[model]
        roll = rng.random()
        status = "blocked" if roll < 0.2 else ("error" if roll < 0.25 else "success")
        decision = "block" if status == "blocked" else "allow"
        base = {"gen_ai.provider.name": provider, "gen_ai.request.model": model}
        self.requests.add(
            1, {**base, "aiaudit.team": team, "aiaudit.status": status, "aiaudit.policy.decision": decision}
        )
        self.counts["total"] += 1
        if status == "blocked":
            self.counts["blocked"] += 1
            self.violations.add(
                1,
                {
                    "aiaudit.policy.rule": "content_filter",
                    "aiaudit.policy.category": "violence",
                    "aiaudit.policy.action": "block",
                    "aiaudit.team": team,
                },
            )
            return
        attrs = {**base, "gen_ai.operation.name": "generate_content", "aiaudit.image.operation": "generate"}
        if status == "error":
            attrs["error.type"] = "RateLimitError"
        self.duration.record(rng.uniform(1.0, 9.0), attrs)
        self.wait.record(rng.uniform(0, 2), {"aiaudit.team": team})
        if status == "success":
            self.tokens.record(rng.randint(20, 200), {**base, "gen_ai.token.type": "input"})
            self.images.add(1, {**base, "aiaudit.team": team, "user.id": user})
            self.cost.add(price, {**base, "aiaudit.team": team, "user.id": user})

    def _run(self) -> None:
        rng = random.Random(7)
        n = 0
        while not self._stop.is_set():
            for _ in range(5):
                self.generation(rng)
            n += 1
            if n % 4 == 0:  # a prompt record fails to export now and then
                self.export_failures.add(1, {"aiaudit.record.type": "prompt"})
            self._stop.wait(0.25)

    def start(self) -> None:
        self._server, _ = start_http_server(self.port, addr="127.0.0.1", registry=REGISTRY)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=5)
        if self._server:
            self._server.shutdown()
        self.provider.shutdown()  # the reader unregisters its collector
