"""A loopback OTLP/HTTP receiver that decodes what it gets with opentelemetry-proto."""

from __future__ import annotations

import gzip
import threading
from typing import Any

from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest
from opentelemetry.proto.collector.metrics.v1.metrics_service_pb2 import ExportMetricsServiceRequest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import AnyValue

from otel_aiaudit.loopback.server import Handler, LoopbackServer, Recorded, Reply

_MESSAGES = {
    "/v1/traces": ExportTraceServiceRequest,
    "/v1/metrics": ExportMetricsServiceRequest,
    "/v1/logs": ExportLogsServiceRequest,
}


def any_value(value: AnyValue) -> Any:
    kind = value.WhichOneof("value")
    if kind is None:
        return None
    if kind == "kvlist_value":
        return {kv.key: any_value(kv.value) for kv in value.kvlist_value.values}
    if kind == "array_value":
        return [any_value(v) for v in value.array_value.values]
    return getattr(value, kind)


def attributes(kvs: Any) -> dict[str, Any]:
    return {kv.key: any_value(kv.value) for kv in kvs}


class OTLPHandler(Handler):
    def route(self, rec: Recorded) -> Reply:
        message_type = _MESSAGES.get(rec.route)
        if rec.method != "POST" or message_type is None:
            return super().route(rec)
        if self.server.state.get("down"):
            return Reply(503, b"", "application/x-protobuf")
        body = gzip.decompress(rec.body) if rec.headers.get("content-encoding") == "gzip" else rec.body
        message = message_type()
        message.ParseFromString(body)
        with self.server.lock:
            self.server.state.setdefault(rec.route, []).append(message)
        return Reply(200, b"", "application/x-protobuf")


class OTLPReceiver(LoopbackServer):
    def __init__(self) -> None:
        super().__init__(OTLPHandler)
        self.ready = threading.Event()

    def spans(self) -> list[Any]:
        out = []
        for req in self.state.get("/v1/traces", []):
            for rs in req.resource_spans:
                for ss in rs.scope_spans:
                    out += list(ss.spans)
        return out

    def log_records(self) -> list[Any]:
        out = []
        for req in self.state.get("/v1/logs", []):
            for rl in req.resource_logs:
                for sl in rl.scope_logs:
                    out += list(sl.log_records)
        return out

    def metric_names(self) -> set[str]:
        names = set()
        for req in self.state.get("/v1/metrics", []):
            for rm in req.resource_metrics:
                for sm in rm.scope_metrics:
                    names |= {m.name for m in sm.metrics}
        return names
