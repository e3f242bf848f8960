"""Send ledger records again through the SDK's own OTLP log exporter (`aiaudit ledger resend`).

Records reach the backend through the application's LoggerProvider. What its batch processor still
held when the process died, or what an outage made it drop, is still in the ledger: this module
rebuilds those generations' records, exactly as they were emitted (one record per generation, one
body section per retention class, the same record id and ledger anchor), and exports them with
`opentelemetry-exporter-otlp`, which honours every standard OTEL_EXPORTER_OTLP_* variable and the
protocol. The backend indexes each record under its record id, so a record sent twice is stored once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from opentelemetry._logs import LogRecord
from opentelemetry.sdk._logs import ReadableLogRecord
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.util.instrumentation import InstrumentationScope
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags, set_span_in_context

from ..telemetry import semconv as sc
from ..telemetry.audit_log import SEVERITY, AuditRecord, GenerationRecord
from ..version import __version__
from .chain import merge
from .store import Ledger


class ExporterMissing(RuntimeError):
    """The OTLP exporter package for the configured protocol is not installed."""


@dataclass
class Rebuilt:
    generation_id: str
    record: ReadableLogRecord
    last_seq: int


def protocol(environ: dict[str, str] | os._Environ[str] | None = None) -> str:
    """The OTLP protocol for logs, as the SDK reads it (grpc when unset, Python's default)."""
    env = os.environ if environ is None else environ
    return (env.get("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL") or env.get("OTEL_EXPORTER_OTLP_PROTOCOL") or "grpc").strip()


def exporter(proto: str | None = None) -> Any:
    """The SDK's OTLP log exporter for the protocol; it reads its endpoint, headers, compression,
    certificates and timeout from the standard variables itself."""
    proto = proto or protocol()
    try:
        if proto == "grpc":
            from opentelemetry.exporter.otlp.proto.grpc._log_exporter import OTLPLogExporter
        elif proto in ("http/protobuf", "http/json"):
            from opentelemetry.exporter.otlp.proto.http._log_exporter import OTLPLogExporter
        else:
            raise ValueError(f"OTEL_EXPORTER_OTLP_PROTOCOL={proto!r}: use grpc or http/protobuf")
    except ImportError as exc:
        missing = f"the OTLP exporter for {proto} is not installed: pip install 'otel-aiaudit[otlp]'"
        raise ExporterMissing(missing) from exc
    return OTLPLogExporter()


def _rows(ledger: Ledger, after_seq: int) -> Iterator[tuple[Any, ...]]:
    yield from ledger.conn().execute(
        "SELECT seq, generation_id, type, body, sensitive, trace_id, span_id, hash FROM records "
        "WHERE generation_id IN (SELECT generation_id FROM records WHERE seq > ?) ORDER BY seq",
        (after_seq,),
    )


def rebuild(ledger: Ledger, after_seq: int = 0) -> list[Rebuilt]:
    """The records of every generation with a row after `after_seq`, oldest first."""
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for row in _rows(ledger, after_seq):
        grouped.setdefault(row[1], []).append(row)
    resource = Resource.create()
    scope = InstrumentationScope("otel_aiaudit", __version__)
    out = [_one(gid, rows, resource, scope) for gid, rows in grouped.items()]
    out.sort(key=lambda r: r.last_seq)
    return out


def _one(gid: str, rows: list[tuple[Any, ...]], resource: Resource, scope: InstrumentationScope) -> Rebuilt:
    parts: list[AuditRecord] = []
    alert = False
    for _seq, _gid, rtype, text, sensitive, tid, sid, _hash in rows:
        doc = merge(text, sensitive)
        if rtype == "alert":  # written by earlier versions as a record of its own
            alert = True
            continue
        attrs, ts = doc.get("attributes") or {}, float(doc.get("timestamp") or 0)
        severity = doc.get("severity") if doc.get("severity") in SEVERITY else "INFO"
        parts.append(AuditRecord(f"{gid}:{rtype}", rtype, gid, ts, tid, sid, attrs, doc.get("body") or {}, severity))
    if alert and parts:
        parts[0].attributes[sc.ALERT] = True
        parts[0].severity = "ERROR"
    last = rows[-1]
    record = GenerationRecord(
        gid,
        max((p.timestamp for p in parts), default=0.0),
        next((p.trace_id for p in parts if p.trace_id), None),
        next((p.span_id for p in parts if p.span_id), None),
        parts,
        anchor=(int(last[0]), str(last[7])),
    )
    return Rebuilt(gid, _readable(record, resource, scope), last[0])


def _readable(record: GenerationRecord, resource: Resource, scope: InstrumentationScope) -> ReadableLogRecord:
    """The record as the SDK's exporter takes it, linked to its span as when it was emitted."""
    trace_id, span_id = record.trace_id, record.span_id
    context = None
    if trace_id and span_id:
        ctx = SpanContext(int(trace_id, 16), int(span_id, 16), is_remote=False, trace_flags=TraceFlags(1))
        context = set_span_in_context(NonRecordingSpan(ctx))
    log_record = LogRecord(
        timestamp=int(record.timestamp * 1e9),
        context=context,
        severity_text=record.severity,
        severity_number=SEVERITY[record.severity],
        body=record.body(),
        attributes=record.attributes(),
        event_name=sc.EVENT_GENERATION,
    )
    return ReadableLogRecord(log_record=log_record, resource=resource, instrumentation_scope=scope)


def resend(ledger: Ledger, after_seq: int, export: Any, batch_size: int = 512) -> tuple[int, bool]:
    """Export the rebuilt records in batches; returns (records sent, every batch acknowledged).
    Stops at the first batch the backend did not acknowledge: the rest stay for the next try."""
    from opentelemetry.sdk._logs.export import LogRecordExportResult

    records = rebuild(ledger, after_seq)
    sent = 0
    for i in range(0, len(records), batch_size):
        batch: Sequence[ReadableLogRecord] = [r.record for r in records[i : i + batch_size]]
        if export.export(batch) != LogRecordExportResult.SUCCESS:
            return sent, False
        sent += len(batch)
    return sent, True
