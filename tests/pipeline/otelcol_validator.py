"""Static validator for collector-config/otelcol.yaml against the pinned otelcol-contrib component list.

No collector binary can run in the test environment, so this checks what a collector would reject at
start-up (unknown types, undefined references, signals a component does not support) plus the
project's own rules (processor order, listen addresses, exporter hosts = compose services, no deprecated
options; the data-protection rules of otelcol_audit_rules: prompt text kept out of the trace backends
and out of the log and image data streams, one data stream and document id per audit class). Every
check returns readable errors; an empty list means the config passed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from otelcol_audit_rules import AuditRoute, check_audit_fanout, check_trace_text

KINDS = ("receivers", "processors", "exporters", "connectors", "extensions")
TOP_LEVEL = set(KINDS) | {"service"}
SIGNALS = ("traces", "metrics", "logs")
ID_RE = re.compile(r"^(?P<type>[a-z][a-z0-9_]*)(?:/(?P<name>[^/\s]+))?$")
# `$NAME` or `$$` escapes outside `${...}` are not expanded by current collectors.
BARE_ENV_RE = re.compile(r"(?<![$\\])\$(?![{$])[A-Za-z_]")


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    # retention class (log / prompt / image) -> Elasticsearch data stream the exporter will write to
    data_streams: dict[str, str] = field(default_factory=dict)
    # retention class -> what its pipeline does to the aiaudit.generation record
    audit_routes: dict[str, AuditRoute] = field(default_factory=dict)

    def error(self, msg: str) -> None:
        self.errors.append(msg)


def load_catalogue(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text())


def _type_of(component_id: str) -> str | None:
    m = ID_RE.match(component_id)
    return m.group("type") if m else None


def _get(d: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(d, dict) or part not in d:
            return None
        d = d[part]
    return d


def _walk_strings(node: Any, path: str = ""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk_strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk_strings(v, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def _host_port(endpoint: str) -> tuple[str, str]:
    if "://" in endpoint:
        parts = urlsplit(endpoint)
        return parts.hostname or "", str(parts.port or "")
    host, _, port = endpoint.rpartition(":")
    return host, port


def validate(config: Any, catalogue: dict[str, Any], service_names: set[str]) -> Report:
    rep = Report()
    if not isinstance(config, dict):
        rep.error("config is not a mapping")
        return rep
    for key in config:
        if key not in TOP_LEVEL:
            rep.error(f"unknown top-level key {key!r}")

    defined: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        section = config.get(kind) or {}
        if not isinstance(section, dict):
            rep.error(f"{kind}: must be a mapping")
            section = {}
        defined[kind] = section
        for cid, body in section.items():
            _check_component(rep, catalogue, kind, cid, body)

    service = config.get("service")
    if not isinstance(service, dict) or not isinstance(service.get("pipelines"), dict):
        rep.error("service.pipelines is missing")
        return rep
    for ext in service.get("extensions") or []:
        if ext not in defined["extensions"]:
            rep.error(f"service.extensions: {ext!r} is not defined under extensions")
    for dotted, why in (catalogue.get("service_deprecated_options") or {}).items():
        if _get(service, dotted) is not None:
            rep.error(f"service.{dotted}: {why}")
    for reader in _get(service, "telemetry.metrics.readers") or []:
        host = _get(reader, "pull.exporter.prometheus.host")
        if host is not None and host != "0.0.0.0":
            rep.error(f"service.telemetry metrics reader listens on {host!r}; other containers need 0.0.0.0")

    used: dict[str, set[str]] = {k: set() for k in KINDS}
    used["extensions"] = set(service.get("extensions") or [])
    conn_exp_signals: dict[str, set[str]] = {}
    conn_rcv_signals: dict[str, set[str]] = {}
    for pid, pipe in service["pipelines"].items():
        _check_pipeline(rep, catalogue, defined, used, conn_exp_signals, conn_rcv_signals, pid, pipe)

    for cid in defined["connectors"]:
        ctype = _type_of(cid)
        routes = (catalogue["connectors"].get(ctype) or {}).get("routes", {})
        exp, rcv = conn_exp_signals.get(cid, set()), conn_rcv_signals.get(cid, set())
        if not exp or not rcv:
            rep.error(f"connector {cid!r} must be used as an exporter and as a receiver")
        for s in exp:
            if s not in routes:
                rep.error(f"connector {cid!r} cannot consume {s}")
        reachable = {r for s in exp for r in routes.get(s, [])}
        for r in rcv - reachable:
            rep.error(f"connector {cid!r} cannot emit {r} from {sorted(exp)}")
    for kind in KINDS:
        for cid in defined[kind]:
            if cid not in used[kind]:
                rep.error(f"{kind}: {cid!r} is defined but used by no pipeline")

    _check_listen_addresses(rep, defined)
    _check_exporter_hosts(rep, defined["exporters"], service_names)
    _check_env_syntax(rep, config)
    trace_backends = set(catalogue.get("trace_backends") or ())
    check_trace_text(rep.error, defined["processors"], service["pipelines"], trace_backends)
    rep.audit_routes = check_audit_fanout(
        rep.error, defined["exporters"], defined["processors"], service["pipelines"], defined["connectors"]
    )
    rep.data_streams = {c: r.data_stream for c, r in rep.audit_routes.items() if r.data_stream}
    return rep


def _check_component(rep: Report, cat: dict[str, Any], kind: str, cid: Any, body: Any) -> None:
    ctype = _type_of(str(cid))
    if ctype is None:
        rep.error(f"{kind}: {cid!r} is not a valid component id (type[/name])")
        return
    if ctype not in (cat.get(kind) or {}):
        hint = (cat.get("not_in_release") or {}).get(ctype)
        extra = f" ({hint})" if hint else ""
        rep.error(f"{kind}: type {ctype!r} of {cid!r} is not in otelcol-contrib {cat['version']}{extra}")
        return
    if body is not None and not isinstance(body, dict):
        rep.error(f"{kind}: {cid!r} must be a mapping")
        return
    for dotted, why in ((cat.get("deprecated_options") or {}).get(ctype) or {}).items():
        if _get(body or {}, dotted) is not None:
            rep.error(f"{kind}: {cid}.{dotted}: {why}")


def _check_pipeline(rep, cat, defined, used, conn_exp, conn_rcv, pid: str, pipe: Any) -> None:
    m = ID_RE.match(str(pid))
    signal = m.group("type") if m else None
    if signal not in SIGNALS:
        rep.error(f"pipeline {pid!r}: the signal must be one of {SIGNALS}")
        return
    if not isinstance(pipe, dict):
        rep.error(f"pipeline {pid!r}: must be a mapping")
        return
    for key in pipe:
        if key not in ("receivers", "processors", "exporters"):
            rep.error(f"pipeline {pid!r}: unknown key {key!r}")
    receivers = pipe.get("receivers") or []
    processors = pipe.get("processors") or []
    exporters = pipe.get("exporters") or []
    if not receivers:
        rep.error(f"pipeline {pid!r}: needs at least one receiver")
    if not exporters:
        rep.error(f"pipeline {pid!r}: needs at least one exporter")

    real_receiver = real_exporter = False
    for rid in receivers:
        if rid in defined["receivers"]:
            used["receivers"].add(rid)
            real_receiver = True
            _check_signal(rep, cat, "receivers", rid, signal, pid)
        elif rid in defined["connectors"]:
            used["connectors"].add(rid)
            conn_rcv.setdefault(rid, set()).add(signal)
        else:
            rep.error(f"pipeline {pid!r}: receiver {rid!r} is not defined")
    for xid in exporters:
        if xid in defined["exporters"]:
            used["exporters"].add(xid)
            real_exporter = True
            _check_signal(rep, cat, "exporters", xid, signal, pid)
        elif xid in defined["connectors"]:
            used["connectors"].add(xid)
            conn_exp.setdefault(xid, set()).add(signal)
        else:
            rep.error(f"pipeline {pid!r}: exporter {xid!r} is not defined")
    for prid in processors:
        if prid not in defined["processors"]:
            rep.error(f"pipeline {pid!r}: processor {prid!r} is not defined")
            continue
        used["processors"].add(prid)
        _check_signal(rep, cat, "processors", prid, signal, pid)
    if len(set(processors)) != len(processors):
        rep.error(f"pipeline {pid!r}: a processor is listed twice")

    types = [_type_of(p) for p in processors]
    # memory_limiter must see data first, where it enters from a receiver; batch groups last.
    if real_receiver and (not types or types[0] != "memory_limiter"):
        rep.error(f"pipeline {pid!r}: memory_limiter must be the first processor")
    if "memory_limiter" in types[1:]:
        rep.error(f"pipeline {pid!r}: memory_limiter is not first")
    if real_exporter and (not types or types[-1] != "batch"):
        rep.error(f"pipeline {pid!r}: batch must be the last processor before the exporters")
    if "batch" in types[:-1]:
        rep.error(f"pipeline {pid!r}: batch is not last")


def _check_signal(rep: Report, cat, kind: str, cid: str, signal: str, pid: str) -> None:
    entry = (cat.get(kind) or {}).get(_type_of(cid)) or {}
    if signal not in entry.get("signals", SIGNALS):
        rep.error(f"pipeline {pid!r}: {kind[:-1]} {cid!r} does not support {signal}")


def _check_listen_addresses(rep: Report, defined: dict[str, dict[str, Any]]) -> None:
    for rid, body in defined["receivers"].items():
        protocols = (body or {}).get("protocols") if isinstance(body, dict) else None
        if _type_of(rid) == "otlp":
            if not protocols or not all(p in protocols for p in ("grpc", "http")):
                rep.error(f"receivers: {rid!r} must enable both grpc and http")
            for proto, pbody in (protocols or {}).items():
                endpoint = (pbody or {}).get("endpoint")
                if endpoint is None:
                    rep.error(f"receivers: {rid}.{proto} has no endpoint (defaults to localhost)")
                elif _host_port(endpoint)[0] != "0.0.0.0":
                    rep.error(f"receivers: {rid}.{proto} listens on {endpoint!r}; use 0.0.0.0")
    listeners = [("exporters", x, b) for x, b in defined["exporters"].items() if _type_of(x) == "prometheus"]
    listeners += [
        ("extensions", x, b) for x, b in defined["extensions"].items() if _type_of(x) == "health_check"
    ]
    for kind, cid, body in listeners:
        endpoint = (body or {}).get("endpoint")
        if endpoint is None or _host_port(endpoint)[0] != "0.0.0.0":
            rep.error(f"{kind}: {cid!r} must listen on 0.0.0.0 (got {endpoint!r})")


def _check_exporter_hosts(rep: Report, exporters: dict[str, Any], service_names: set[str]) -> None:
    for xid, body in exporters.items():
        if _type_of(xid) in ("prometheus", "debug", "nop", "file"):
            continue
        body = body or {}
        endpoints = body.get("endpoints") or ([body["endpoint"]] if "endpoint" in body else [])
        if not endpoints:
            rep.error(f"exporters: {xid!r} has no endpoint")
        for ep in endpoints:
            host, port = _host_port(str(ep))
            if host not in service_names:
                rep.error(f"exporters: {xid!r} sends to {host!r}, which is not a compose service")
            if not port:
                rep.error(f"exporters: {xid!r} endpoint {ep!r} has no port")


def _check_env_syntax(rep: Report, config: dict[str, Any]) -> None:
    for path, value in _walk_strings(config):
        if BARE_ENV_RE.search(value):
            rep.error(f"{path}: bare $VAR is not expanded; write ${{env:VAR}}")
