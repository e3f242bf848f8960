"""Metric instruments, recorded once per finished generation whatever the trace sampler decided."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, Observation

from ..generation import Generation
from . import semconv as sc


class MetricsRecorder:
    def __init__(self, meter: metrics.Meter, *, include_user: bool = True) -> None:
        self._include_user = include_user
        self.duration = meter.create_histogram(
            sc.METRIC_DURATION,
            unit="s",
            description="Duration of image generation calls",
            explicit_bucket_boundaries_advisory=list(sc.DURATION_BUCKETS),
        )
        self.tokens = meter.create_histogram(
            sc.METRIC_TOKEN_USAGE,
            unit="{token}",
            description="Tokens used by token-priced image models",
            explicit_bucket_boundaries_advisory=list(sc.TOKEN_BUCKETS),
        )
        self.requests = meter.create_counter(
            sc.METRIC_REQUESTS, unit="{request}", description="Image generation requests"
        )
        self.images = meter.create_counter(sc.METRIC_IMAGES, unit="{image}", description="Images generated")
        self.cost = meter.create_counter(sc.METRIC_COST, unit="USD", description="Cost of image generation")
        self.violations = meter.create_counter(
            sc.METRIC_VIOLATIONS,
            unit="{violation}",
            description="Policy rule hits that warned, modified or blocked",
        )
        self.utilization = meter.create_gauge(
            sc.METRIC_BUDGET_UTILIZATION, unit="1", description="Share of a budget used (1 = 100 %)"
        )
        self.wait = meter.create_histogram(
            sc.METRIC_RATELIMIT_WAIT,
            unit="s",
            description="Time calls waited for a rate-limit slot",
            explicit_bucket_boundaries_advisory=[0, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600],
        )
        self.degraded = meter.create_counter(
            sc.METRIC_GOVERNANCE_DEGRADED,
            unit="{generation}",
            description="Generations decided without a governance step that failed (fail_closed or fail_open)",
        )
        self._meter = meter
        self._pending_gauge = False

    def watch_pending_approvals(self, count: Callable[[], int | None]) -> None:
        """Register the approvals-pending gauge, read from the store at collection time."""
        if self._pending_gauge:
            return

        def observe(_options: CallbackOptions) -> Iterable[Observation]:
            value = count()
            return [] if value is None else [Observation(value)]

        self._meter.create_observable_gauge(
            sc.METRIC_APPROVALS_PENDING,
            callbacks=[observe],
            unit="{ticket}",
            description="Approval tickets pending",
        )
        self._pending_gauge = True

    def record(self, gen: Generation) -> None:
        base = {sc.GEN_AI_PROVIDER_NAME: gen.provider, sc.GEN_AI_REQUEST_MODEL: gen.model or "unknown"}
        team = gen.actor.team or "none"
        if gen.duration_s is not None and gen.status in ("success", "error", "provider_refused"):
            attrs = {
                **base,
                sc.GEN_AI_OPERATION_NAME: sc.OPERATION_GENERATE_CONTENT,
                sc.IMAGE_OPERATION: gen.operation,
            }
            if gen.error_type:
                attrs[sc.ERROR_TYPE] = gen.error_type
            self.duration.record(gen.duration_s, attrs)
        for token_type, value in (("input", gen.usage.input_tokens), ("output", gen.usage.output_tokens)):
            if value is not None:
                self.tokens.record(value, {**base, sc.GEN_AI_TOKEN_TYPE: token_type})
        self.requests.add(
            1,
            {
                **base,
                sc.TEAM: team,
                sc.STATUS: gen.status or "error",
                sc.POLICY_DECISION: gen.decision.outcome,
            },
        )
        who = {**base, sc.TEAM: team}
        if self._include_user:
            who[sc.USER_ID] = gen.actor.user or "unknown"
        if gen.image_count:
            self.images.add(gen.image_count, who)
        if gen.cost_usd:
            self.cost.add(gen.cost_usd, who)
        for hit in gen.decision.hits:
            if hit.action in ("approved", "observe"):
                continue
            self.violations.add(
                1,
                {
                    sc.POLICY_RULE: hit.rule,
                    sc.POLICY_CATEGORY: hit.category,
                    sc.POLICY_ACTION: hit.action,
                    sc.TEAM: team,
                },
            )
        for scope, subject, fraction in gen.budget_utilization:
            self.utilization.set(fraction, {sc.BUDGET_SCOPE: scope, sc.BUDGET_SUBJECT: subject})
        if gen.ratelimit_wait_s is not None:
            self.wait.record(gen.ratelimit_wait_s, {sc.TEAM: team})
        degraded = gen.decision.degraded
        if degraded:
            step, _, mode = degraded.partition(":")  # "<step>_unavailable:<fail mode>"
            attrs = {sc.GOVERNANCE_STEP: step.removesuffix("_unavailable"), sc.GOVERNANCE_MODE: mode, sc.TEAM: team}
            self.degraded.add(1, attrs)
