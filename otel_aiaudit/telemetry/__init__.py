"""OTel output: spans, metrics and audit log records. Knows the Generation, never a client library.

Everything is recorded on the thread that closes the generation, before the instrumented call
returns: the span has ended, the measurements are recorded and the record has gone through the
application's LoggerProvider, whose processors batch and export it. Nothing of ours stands in front
of the SDK's pipeline.
"""

from __future__ import annotations

import logging

from opentelemetry import _logs, trace
from opentelemetry import metrics as otel_metrics

from ..generation import Generation
from ..logonce import log_once
from ..version import __version__
from .alerts import WebhookAlerter, alert_payload
from .audit_log import AuditLogEmitter, AuditRecord, GenerationRecord, RecordSink, build_record, span_ids
from .capture import PromptCapture
from .metrics import MetricsRecorder
from .spans import SpanRecorder

SCOPE = "otel_aiaudit"

log = logging.getLogger("otel_aiaudit")


def log_telemetry_error(where: str, exc: BaseException) -> None:
    """A telemetry failure never breaks the call: logged once per place, then at debug level."""
    log_once(log, where, exc, "otel-aiaudit telemetry error in %s; the call goes on")


class Telemetry:
    """Everything the auditor emits, bound to the providers given at instrument time."""

    def __init__(
        self,
        capture: PromptCapture,
        tracer_provider: trace.TracerProvider | None = None,
        meter_provider: otel_metrics.MeterProvider | None = None,
        logger_provider: _logs.LoggerProvider | None = None,
        *,
        metrics_user: bool = True,
    ) -> None:
        self.capture = capture
        tracer = trace.get_tracer(SCOPE, __version__, tracer_provider=tracer_provider)
        meter = otel_metrics.get_meter(SCOPE, __version__, meter_provider=meter_provider)
        logger = _logs.get_logger(SCOPE, __version__, logger_provider=logger_provider)
        self.spans = SpanRecorder(tracer, capture)
        self.metrics = MetricsRecorder(meter, include_user=metrics_user)
        self.audit = AuditLogEmitter(logger)
        # The local ledger: written before the record is emitted, so the record carries its anchor.
        self.ledger: RecordSink | None = None
        self.alerter: WebhookAlerter | None = None  # content_filter.alert_webhook

    def finish(
        self,
        span: trace.Span,
        gen: Generation,
        hits_on_span: int,
        error: str | None = None,
        decision_changed: bool = True,
        *,
        silent: bool = False,
    ) -> None:
        """End the span at the call's recorded end time and record the measurements. `silent`: the
        application suppressed instrumentation, so nothing goes to OTel (the ledger still keeps it)."""
        if silent:
            return
        try:
            self.spans.finish(span, gen, hits_on_span, error, decision_changed)
        except Exception as exc:
            log_telemetry_error("span end", exc)
        try:
            self.metrics.record(gen)
        except Exception as exc:
            log_telemetry_error("metrics", exc)

    def record(self, gen: Generation, span: trace.Span) -> GenerationRecord:
        trace_id, span_id = span_ids(span)
        return build_record(gen, self.capture, trace_id, span_id)

    def keep(self, record: GenerationRecord) -> None:
        """Write the record to the ledger. Raises what the ledger raises: a governance failure."""
        if self.ledger is not None:
            record.anchor = self.ledger.write(record)

    def emit(self, gen: Generation, record: GenerationRecord, span: trace.Span, *, silent: bool = False) -> None:
        """The record through the application's LoggerProvider; an alert also to the webhook."""
        if record.alert and self.alerter is not None:
            try:
                self.alerter.send(alert_payload(gen, gen.decision, record.anchor))
            except Exception as exc:
                log_telemetry_error("alert webhook", exc)
        if silent:
            return
        try:
            self.audit.emit(record, span)
        except Exception as exc:
            log_telemetry_error("audit record export", exc)


__all__ = [
    "AuditRecord",
    "GenerationRecord",
    "PromptCapture",
    "RecordSink",
    "Telemetry",
    "log_telemetry_error",
]
