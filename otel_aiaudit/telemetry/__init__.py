"""OTel output: spans, metrics and audit log records. Knows the Generation, never a client library."""

from __future__ import annotations

from collections.abc import Callable

from opentelemetry import _logs, trace
from opentelemetry import metrics as otel_metrics

from ..generation import Generation
from ..version import __version__
from .audit_log import AuditLogEmitter, AuditRecord, RecordSink, build_alert, build_records, span_ids
from .capture import PromptCapture
from .metrics import MetricsRecorder
from .spans import SpanRecorder
from .worker import WORKER

SCOPE = "otel_aiaudit"


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
        background: bool = True,
    ) -> None:
        self.capture = capture
        self.background = background
        # The SDK objects written to: their force_flush() and shutdown() must drain the telemetry thread
        # first (the instrumentor hooks them), or a span or record still queued here would miss them.
        self.providers: tuple[object, ...] = (
            tracer_provider or trace.get_tracer_provider(),
            meter_provider or otel_metrics.get_meter_provider(),
            logger_provider or _logs.get_logger_provider(),
        )
        tracer = trace.get_tracer(SCOPE, __version__, tracer_provider=tracer_provider)
        meter = otel_metrics.get_meter(SCOPE, __version__, meter_provider=meter_provider)
        logger = _logs.get_logger(SCOPE, __version__, logger_provider=logger_provider)
        self.spans = SpanRecorder(tracer, capture)
        self.metrics = MetricsRecorder(meter, include_user=metrics_user, merge_counters=background)
        if background:
            WORKER.after_each_batch(self.metrics.flush_counters)
        self.audit = AuditLogEmitter(logger)

    def add_sink(self, sink: RecordSink) -> None:
        self.audit.sinks.append(sink)

    def finish(
        self,
        span: trace.Span,
        gen: Generation,
        hits_on_span: int,
        exc: BaseException | None = None,
        decision_changed: bool = True,
        complete: Callable[[], None] | None = None,
    ) -> None:
        """Close one generation's telemetry once the provider call is over.

        `complete` finishes the record (image hashes, cost). Local sinks (the ledger) get the records
        before the call returns, so they need it now. Everything else (ending the span at its recorded
        end time, metrics, the OTel export of the records) runs on the telemetry thread, where it
        overlaps the application's next wait instead of adding to this call."""
        records: list[AuditRecord] | None = None
        export = True
        if self.audit.sinks:  # the ledger needs them now; without sinks they are built off the call path
            if complete is not None:
                complete()
                complete = None
            records = self._records(gen, span)
            export = not self.audit.write_sinks(records)  # False: the ledger's outbox delivers them
        # The exception itself stays here: only its name is recorded, and its traceback holds frames.
        error = type(exc).__name__ if exc is not None else None
        job = (span, gen, hits_on_span, error, decision_changed, complete, records, export)
        if self.background:
            WORKER.submit(self._finish_off_path, *job)
        else:
            self._finish_off_path(*job)

    def _records(self, gen: Generation, span: trace.Span) -> list[AuditRecord]:
        trace_id, span_id = span_ids(span)
        records = build_records(gen, self.capture, trace_id, span_id)
        if gen.decision.alert and gen.status == "blocked":
            records.append(build_alert(gen, trace_id, span_id))
        return records

    def _finish_off_path(
        self,
        span: trace.Span,
        gen: Generation,
        hits_on_span: int,
        error: str | None,
        decision_changed: bool,
        complete: Callable[[], None] | None,
        records: list[AuditRecord] | None,
        export: bool,
    ) -> None:
        if complete is not None:
            complete()
        self.spans.finish(span, gen, hits_on_span, error, decision_changed)
        self.metrics.record(gen)
        if export:
            self.audit.emit_otel(records if records is not None else self._records(gen, span), span)

    @staticmethod
    def flush() -> None:
        WORKER.flush()


__all__ = ["Telemetry", "PromptCapture", "AuditRecord", "RecordSink"]
