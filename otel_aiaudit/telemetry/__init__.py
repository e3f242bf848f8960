"""OTel output: spans, metrics and audit log records. Knows the Generation, never a client library."""

from __future__ import annotations

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
        tracer = trace.get_tracer(SCOPE, __version__, tracer_provider=tracer_provider)
        meter = otel_metrics.get_meter(SCOPE, __version__, meter_provider=meter_provider)
        logger = _logs.get_logger(SCOPE, __version__, logger_provider=logger_provider)
        self.spans = SpanRecorder(tracer, capture)
        self.metrics = MetricsRecorder(meter, include_user=metrics_user)
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
    ) -> None:
        """Close one generation's telemetry. The span ends and local sinks (the ledger) get the records
        before the call returns; metrics and the OTel export of the records follow on the telemetry
        thread, where they overlap the application's next wait instead of adding to this call."""
        trace_id, span_id = span_ids(span)
        self.spans.finish(span, gen, hits_on_span, exc, decision_changed)
        records: list[AuditRecord] | None = None
        export = True
        if self.audit.sinks:  # the ledger needs them now; without sinks they are built off the call path
            records = self._records(gen, trace_id, span_id)
            export = not self.audit.write_sinks(records)  # False: the ledger's outbox delivers them
        if self.background:
            WORKER.submit(self._export, gen, records, span, export, trace_id, span_id)
        else:
            self._export(gen, records, span, export, trace_id, span_id)

    def _records(self, gen: Generation, trace_id: str | None, span_id: str | None) -> list[AuditRecord]:
        records = build_records(gen, self.capture, trace_id, span_id)
        if gen.decision.alert and gen.status == "blocked":
            records.append(build_alert(gen, trace_id, span_id))
        return records

    def _export(
        self,
        gen: Generation,
        records: list[AuditRecord] | None,
        span: trace.Span,
        export: bool,
        trace_id: str | None,
        span_id: str | None,
    ) -> None:
        self.metrics.record(gen)
        if export:
            self.audit.emit_otel(records if records is not None else self._records(gen, trace_id, span_id), span)

    @staticmethod
    def flush() -> None:
        WORKER.flush()


__all__ = ["Telemetry", "PromptCapture", "AuditRecord", "RecordSink"]
