"""Ledger rows as an OTLP/HTTP logs request (protobuf), built with opentelemetry-proto.

Each log record carries `aiaudit.record.id` (the exactly-once key a collector or Elasticsearch can use
as document id) and `aiaudit.ledger.seq` / `aiaudit.ledger.hash` (a copy of the chain outside the
ledger file, which is what makes a rewrite of the whole file detectable).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import (
    AnyValue,
    ArrayValue,
    InstrumentationScope,
    KeyValue,
    KeyValueList,
)
from opentelemetry.proto.logs.v1.logs_pb2 import LogRecord, ResourceLogs, ScopeLogs
from opentelemetry.proto.resource.v1.resource_pb2 import Resource

from ..version import __version__

SCOPE = "otel_aiaudit"
_SEVERITY = {"INFO": 9, "WARN": 13, "ERROR": 17}  # SeverityNumber values of the log data model


def any_value(value: Any) -> AnyValue:
    if isinstance(value, bool):
        return AnyValue(bool_value=value)
    if isinstance(value, int):
        return AnyValue(int_value=value)
    if isinstance(value, float):
        return AnyValue(double_value=value)
    if isinstance(value, str):
        return AnyValue(string_value=value)
    if isinstance(value, bytes):
        return AnyValue(bytes_value=value)
    if isinstance(value, Mapping):
        return AnyValue(kvlist_value=KeyValueList(values=key_values(value)))
    if isinstance(value, (list, tuple)):
        return AnyValue(array_value=ArrayValue(values=[any_value(v) for v in value if v is not None]))
    return AnyValue(string_value=str(value))


def key_values(mapping: Mapping[str, Any]) -> list[KeyValue]:
    return [KeyValue(key=str(k), value=any_value(v)) for k, v in mapping.items() if v is not None]


def log_record(rec: Mapping[str, Any], observed_ns: int) -> LogRecord:
    """`rec`: a ledger record as `store.record_dict` returns it."""
    attrs = dict(rec["attributes"])
    attrs["aiaudit.record.id"] = rec["record_id"]
    attrs["aiaudit.ledger.seq"] = rec["seq"]
    attrs["aiaudit.ledger.hash"] = rec["hash"]
    out = LogRecord(
        time_unix_nano=int(rec["timestamp"] * 1e9),
        observed_time_unix_nano=observed_ns,
        severity_number=_SEVERITY.get(rec.get("severity") or "INFO", 9),
        severity_text=rec.get("severity") or "INFO",
        body=any_value(rec["body"]),
        attributes=key_values(attrs),
        event_name=rec.get("event_name") or "",
    )
    if rec.get("trace_id"):
        out.trace_id = bytes.fromhex(rec["trace_id"])
    if rec.get("span_id"):
        out.span_id = bytes.fromhex(rec["span_id"])
    return out


def export_request(records: Sequence[Mapping[str, Any]], resource: Mapping[str, Any], observed_ns: int) -> bytes:
    req = ExportLogsServiceRequest(
        resource_logs=[
            ResourceLogs(
                resource=Resource(attributes=key_values(resource)),
                scope_logs=[
                    ScopeLogs(
                        scope=InstrumentationScope(name=SCOPE, version=__version__),
                        log_records=[log_record(r, observed_ns) for r in records],
                    )
                ],
            )
        ]
    )
    return req.SerializeToString()
