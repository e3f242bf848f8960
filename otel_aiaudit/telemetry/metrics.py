"""Metric instruments, recorded once per finished generation whatever the trace sampler decided."""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable, Iterable
from typing import Any

from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, Observation

from ..generation import Generation
from . import semconv as sc


class MetricsRecorder:
    def __init__(self, meter: metrics.Meter, *, include_user: bool = True, merge_counters: bool = False) -> None:
        self._include_user = include_user
        # merge_counters: increments are summed per counter and attribute set until flush_counters()
        # (the telemetry thread calls it after each batch): one SDK call per batch instead of one per
        # generation, the same totals. Histograms and gauges are recorded one by one.
        self._merge = merge_counters
        self._forget_sums()
        if hasattr(os, "register_at_fork"):  # a forked child must not report its parent's increments
            ref = weakref.ref(self)
            os.register_at_fork(after_in_child=lambda: (r := ref()) is not None and r._forget_sums())
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
        self.export_failures = meter.create_counter(
            sc.METRIC_EXPORT_FAILURES, unit="{record}", description="Audit records that failed to export"
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

    def _forget_sums(self) -> None:
        self._sums: dict[tuple[metrics.Counter, tuple[tuple[str, Any], ...]], float] = {}
        self._sums_lock = threading.Lock()

    def _add(self, counter: metrics.Counter, value: float, attrs: dict[str, Any]) -> None:
        if not self._merge:
            counter.add(value, attrs)
            return
        key = (counter, tuple(attrs.items()))
        with self._sums_lock:
            self._sums[key] = self._sums.get(key, 0) + value

    def flush_counters(self) -> None:
        with self._sums_lock:
            sums, self._sums = self._sums, {}
        for (counter, items), value in sums.items():
            counter.add(value, dict(items))

    def record(self, gen: Generation) -> None:
        base = {sc.GEN_AI_PROVIDER_NAME: gen.provider, sc.GEN_AI_REQUEST_MODEL: gen.model or "unknown"}
        team = gen.actor.team or "none"
        if gen.duration_s is not None and gen.status in ("success", "error"):
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
        self._add(
            self.requests,
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
            self._add(self.images, gen.image_count, who)
        if gen.cost_usd:
            self._add(self.cost, gen.cost_usd, who)
        for hit in gen.decision.hits:
            if hit.action in ("approved", "observe"):
                continue
            self._add(
                self.violations,
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

    def export_failed(self, record_type: str, count: int = 1) -> None:
        self.export_failures.add(count, {sc.RECORD_TYPE: record_type})
