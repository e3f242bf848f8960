"""The project's data-protection rules for the collector config, part of otelcol_validator.

Traces: every pipeline that feeds a trace backend runs a redaction processor in allow-list mode, and no
prompt-text key survives it (not allowed, or deleted). Logs: the `aiaudit.generation` record is routed to
one pipeline per retention class (log, prompt, image); each pipeline's transform reduces the body to its
section, keeps an explicit attribute allow list (no prompt text outside the prompt class), names the
class's data stream and sets the document id from aiaudit.record.id, with an exporter that reads it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

CLASSES = ("log", "prompt", "image")
EVENT_NAME = "aiaudit.generation"
# Record attributes that hold prompt text (log records and spans).
PROMPT_KEYS = ("aiaudit.prompt", "aiaudit.response.revised_prompt")
# Span attributes that may hold prompt or completion text (GenAI content capture).
SPAN_TEXT_KEYS = (*PROMPT_KEYS, "gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.system_instructions")
# Attributes the prompt class needs to be of any use.
PROMPT_CLASS_NEEDS = ("aiaudit.prompt", "aiaudit.prompt.hash")
DOC_ID = 'set(attributes["elasticsearch.document_id"], attributes["aiaudit.record.id"])'

ROUTE_RE = re.compile(r'^\s*(?:log\.)?event_name\s*==\s*"([^"]+)"\s*$')
DATASET_RE = re.compile(r'^set\(attributes\["data_stream\.dataset"\],\s*"([^"]+)"\)$')
NAMESPACE_RE = re.compile(r'^set\(attributes\["data_stream\.namespace"\],\s*"([^"]+)"\)$')
KEEP_RE = re.compile(r"^keep_keys\((attributes|body),\s*(\[.*\])\)$", re.S)
SET_BODY_RE = re.compile(r'^set\(body,\s*body\["([^"]+)"\]\)$')
SET_ATTR_RE = re.compile(r'^set\(attributes\["([^"]+)"\],')


@dataclass
class AuditRoute:
    """What one class pipeline does to the record, as read from its transform statements."""

    pipeline: str
    data_stream: str | None = None
    body_section: str | None = None
    body_kept: list[str] | None = None
    attributes_kept: list[str] | None = None
    sets: list[str] = field(default_factory=list)  # attribute keys set after the allow list
    document_id: bool = False
    exporters: list[str] = field(default_factory=list)


def _type_of(cid: str) -> str:
    return str(cid).split("/", 1)[0]


def statements(procs: dict[str, Any], pipeline: dict[str, Any]) -> list[str]:
    """The pipeline's log statements in execution order, whitespace-normalised."""
    out: list[str] = []
    for prid in pipeline.get("processors") or []:
        body = procs.get(prid)
        if _type_of(prid) != "transform" or not isinstance(body, dict):
            continue
        for group in body.get("log_statements") or []:
            for stmt in (group.get("statements") or []) if isinstance(group, dict) else [group]:
                out.append(" ".join(str(stmt).split()))
    return out


def read_route(name: str, stmts: list[str]) -> AuditRoute:
    route = AuditRoute(name)
    dataset = namespace = None
    for stmt in stmts:
        if m := KEEP_RE.match(stmt):
            keys = json.loads(m.group(2))
            if m.group(1) == "attributes":
                route.attributes_kept = keys
            else:
                route.body_kept = keys
        elif m := SET_BODY_RE.match(stmt):
            route.body_section = m.group(1)
        elif m := DATASET_RE.match(stmt):
            dataset = m.group(1)
        elif m := NAMESPACE_RE.match(stmt):
            namespace = m.group(1)
        elif stmt == DOC_ID:
            route.document_id = True
        if (m := SET_ATTR_RE.match(stmt)) and route.attributes_kept is not None:
            route.sets.append(m.group(1))
    if dataset:
        route.data_stream = f"logs-{dataset}.otel-{namespace or 'default'}"
    return route


def check_audit_fanout(error, exporters: dict, procs: dict, pipelines: dict, connectors: dict) -> dict[str, AuditRoute]:
    """Returns class -> route for the classes that reach a data stream; reports what is wrong."""
    targets: list[str] = []
    for cid, body in connectors.items():
        if _type_of(cid) != "routing":
            continue
        for entry in (body or {}).get("table") or []:
            m = ROUTE_RE.match(entry.get("condition") or "")
            if m and m.group(1) == EVENT_NAME and entry.get("context") in ("log", None):
                targets += entry.get("pipelines") or []
    if not targets:
        error(f'no route for event_name == "{EVENT_NAME}"')
    routes: dict[str, AuditRoute] = {}
    for target in targets:
        pipe = pipelines.get(target)
        if not isinstance(pipe, dict):
            error(f"the audit route goes to undefined pipeline {target!r}")
            continue
        route = read_route(target, statements(procs, pipe))
        route.exporters = list(pipe.get("exporters") or [])
        cls = route.body_section
        if cls not in CLASSES:
            error(f"pipeline {target!r}: no set(body, body[<class>]) selecting one of {CLASSES}")
            continue
        if cls in routes:
            error(f"pipeline {target!r}: class {cls!r} is already written by {routes[cls].pipeline!r}")
            continue
        routes[cls] = route
        _check_route(error, cls, route, exporters)
    for cls in CLASSES:
        if cls not in routes:
            error(f"no audit pipeline keeps the {cls!r} class of {EVENT_NAME}")
    return routes


def _check_route(error, cls: str, route: AuditRoute, exporters: dict) -> None:
    where = f"pipeline {route.pipeline!r} ({cls} class)"
    if route.body_kept != [cls]:
        error(f'{where}: keep_keys(body, ["{cls}"]) must cut the body to its section first')
    kept = route.attributes_kept
    if kept is None:
        error(f"{where}: no keep_keys(attributes, [...]) allow list")
        kept = []
    if "aiaudit.record.id" not in kept:
        error(f"{where}: the allow list drops aiaudit.record.id, the document id")
    if cls == "prompt":
        missing = [k for k in PROMPT_CLASS_NEEDS if k not in kept]
        if missing:
            error(f"{where}: the prompt audit records must keep the prompt text ({missing})")
    else:
        leaked = [k for k in PROMPT_KEYS if k in kept or k in route.sets]
        if leaked:
            error(f"{where}: prompt text {leaked} would reach the {cls} data stream")
    if not route.data_stream:
        error(f"{where}: no transform sets data_stream.dataset")
    if not route.document_id:
        error(f"{where}: the document id is not set from aiaudit.record.id")
    for xid in route.exporters:
        if _type_of(xid) == "elasticsearch" and not ((exporters.get(xid) or {}).get("logs_dynamic_id") or {}).get(
            "enabled"
        ):
            error(f"{where}: exporter {xid!r} ignores elasticsearch.document_id (logs_dynamic_id.enabled)")


def _span_text_removed(body: Any, ctype: str) -> tuple[set[str], bool]:
    """(span text keys the processor removes, whether it is an allow-list redaction)."""
    removed: set[str] = set()
    if not isinstance(body, dict):
        return removed, False
    if ctype == "attributes":
        for action in body.get("actions") or []:
            if action.get("action") == "delete" and action.get("key") in SPAN_TEXT_KEYS:
                removed.add(action["key"])
    elif ctype == "redaction":
        if body.get("allow_all_keys"):
            return removed, False
        allowed = set(body.get("allowed_keys") or [])
        removed |= {k for k in SPAN_TEXT_KEYS if k not in allowed}
        for pattern in body.get("blocked_key_patterns") or []:
            removed |= {k for k in SPAN_TEXT_KEYS if re.fullmatch(pattern, k)}
        return removed, True
    return removed, False


def check_trace_text(error, procs: dict, pipelines: dict, trace_backends: set[str]) -> None:
    for pid, pipe in pipelines.items():
        if _type_of(pid) != "traces" or not isinstance(pipe, dict):
            continue
        if not any(_type_of(x) in trace_backends for x in pipe.get("exporters") or []):
            continue
        removed: set[str] = set()
        allow_list = False
        for prid in pipe.get("processors") or []:
            keys, is_allow_list = _span_text_removed(procs.get(prid), _type_of(prid))
            removed |= keys
            allow_list |= is_allow_list
        if not allow_list:
            error(f"pipeline {pid!r}: no redaction processor in allow-list mode before the trace backends")
        missing = [k for k in SPAN_TEXT_KEYS if k not in removed]
        if missing:
            error(f"pipeline {pid!r}: spans reach the trace backends with {missing}")
