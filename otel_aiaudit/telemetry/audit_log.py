"""Audit records: one per generation, made of three parts by retention class (log, prompt, image).

The record is written to the local ledger first (one row per class), then emitted as one OTel log
record (event name `aiaudit.generation`) through the application's LoggerProvider, whatever the trace
sampler decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from opentelemetry import trace
from opentelemetry._logs import Logger, SeverityNumber
from opentelemetry.trace import Span, format_span_id, format_trace_id

from ..generation import Generation
from . import semconv as sc
from .capture import PromptCapture

RECORD_TYPES = ("log", "prompt", "image")


@dataclass
class AuditRecord:
    record_id: str  # "<generation id>:<type>": exactly-once key for delivery
    type: str
    generation_id: str
    timestamp: float
    trace_id: str | None
    span_id: str | None
    attributes: dict[str, Any]
    body: dict[str, Any]
    severity: str = "INFO"
    event_name: str = sc.EVENT_GENERATION
    extra: dict[str, Any] = field(default_factory=dict)


def _filled(fields: dict[str, Any]) -> dict[str, Any]:
    """Only the fields that have a value: OTLP has no null, and empty fields only cost bytes.
    (Tested by truth only for lists and dicts: `v != []` would build an empty list per field.)"""
    return {k: v for k, v in fields.items() if v is not None and (v or v.__class__ not in _CONTAINERS)}


_CONTAINERS = (list, dict)
_REFUSED = ("blocked", "pending_approval", "provider_refused")


def _nn(**fields: Any) -> dict[str, Any]:
    return _filled(fields)


def build_records(
    gen: Generation,
    capture: PromptCapture,
    trace_id: str | None,
    span_id: str | None,
) -> list[AuditRecord]:
    """The three records of one generation. Built on the caller's thread, so kept lean: one pass,
    no recursion, flags computed once."""
    d = gen.decision
    actor = gen.actor
    flags = d.flags
    status = gen.status or "error"
    common = _filled(
        {
            sc.GENERATION_ID: gen.id,
            sc.GEN_AI_PROVIDER_NAME: gen.provider,
            sc.GEN_AI_REQUEST_MODEL: gen.model,
            sc.USER_ID: actor.user,
            sc.TEAM: actor.team,
            sc.STATUS: status,
            sc.POLICY_DECISION: d.outcome,
        }
    )
    log_attrs = {
        **common,
        **_filled(
            {
                sc.PURPOSE: actor.purpose,
                sc.POLICY_FLAGS: flags,
                sc.COST_USD: gen.cost_usd,
                sc.ERROR_TYPE: gen.error_type,
            }
        ),
        sc.RECORD_TYPE: "log",
    }
    params = _nn(
        n=gen.n,
        size=gen.size,
        quality=gen.quality,
        style=gen.style,
        aspect_ratio=gen.aspect_ratio,
        seed=gen.seed,
    )
    for key, value in gen.params.items():
        if isinstance(value, (str, int, float, bool)):
            params[key] = value
    usage = gen.usage
    log_body = _nn(
        generation_id=gen.id,
        timestamp=gen.started_at,
        user=actor.user,
        team=actor.team,
        purpose=actor.purpose,
        organisation=actor.organisation,
        provider=gen.provider,
        model=gen.model,
        response_model=gen.response_model,
        operation=gen.operation,
        parameters=params,
        server=_nn(address=gen.server_address, port=gen.server_port),
        policy=_nn(
            decision=d.outcome,
            mode=d.mode,
            version=d.policy_version,
            flags=flags,
            degraded=d.degraded,
            hits=[
                _nn(rule=h.rule, category=h.category, action=h.action, detail=h.detail, score=h.score)
                for h in d.hits
            ],
        ),
        cost=_nn(
            usd=gen.cost_usd,
            estimated_usd=gen.estimated_cost_usd,
            source=gen.cost_source,
            pricing_version=gen.pricing_version,
        ),
        usage=_nn(
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            predict_seconds=usage.predict_seconds,
        ),
        status=status,
        error_type=gen.error_type,
        refusal_reason=gen.refusal_reason,
        duration_s=gen.duration_s,
        image_count=gen.image_count,
        approval=_nn(ticket_id=gen.ticket_id, approval_id=actor.approval_id),
        budget_warnings=[_filled(w) for w in gen.budget_warnings],
        ratelimit_wait_s=gen.ratelimit_wait_s,
    )
    prompt_text = capture.for_record(gen.prompt)
    sent = gen.sent_prompt if gen.sent_prompt != gen.prompt else None
    prompt_body = _nn(
        generation_id=gen.id,
        capture=capture.mode,
        prompt=prompt_text,
        prompt_hash=gen.prompt_hash,
        prompt_length=len(gen.prompt) if gen.prompt is not None else None,
        negative_prompt=capture.for_record(gen.negative_prompt),
        sent_prompt=capture.for_record(sent),
        sent_prompt_length=len(sent) if sent is not None else None,
        revised_prompt=capture.for_record(gen.revised_prompt),
    )
    prompt_attrs = {
        **common,
        **_filled({sc.PROMPT: prompt_text, sc.PROMPT_HASH: gen.prompt_hash}),
        sc.RECORD_TYPE: "prompt",
    }
    images = [
        _nn(
            hash=i.hash,
            mime_type=i.mime_type,
            url=i.url,
            size_bytes=i.size_bytes,
            width=i.width,
            height=i.height,
            provenance=i.provenance,
            watermark=i.watermark,
            phash=i.phash,
        )
        for i in gen.images
    ]
    image_body = _nn(
        generation_id=gen.id,
        images=images,
        provenance=gen.provenance,
        c2pa_sidecars=gen.params.get("sidecars"),
    )
    hashes = [i.hash for i in gen.images if i.hash]
    image_attrs = {
        **common,
        **_filled({sc.IMAGE_HASHES: hashes, sc.PROVENANCE: gen.provenance}),
        sc.RECORD_TYPE: "image",
    }
    severity = "WARN" if status in _REFUSED else ("ERROR" if status == "error" else "INFO")
    ts = gen.ended_at or gen.started_at
    return [
        AuditRecord(f"{gen.id}:{rtype}", rtype, gen.id, ts, trace_id, span_id, attrs, body, severity)
        for rtype, attrs, body in (
            ("log", log_attrs, log_body),
            ("prompt", prompt_attrs, prompt_body),
            ("image", image_attrs, image_body),
        )
    ]


SEVERITY = {"INFO": SeverityNumber.INFO, "WARN": SeverityNumber.WARN, "ERROR": SeverityNumber.ERROR}
_RANK = {name: rank for rank, name in enumerate(SEVERITY)}


@dataclass
class GenerationRecord:
    """The one audit record of a generation (event `aiaudit.generation`).

    `parts` are its three retention classes (log 730 d, prompt 365 d, image 180 d): the local ledger
    keeps one row per class, the exported record carries each class as a section of its body, and the
    collector fans it out to one data stream per class. `anchor` is the ledger's (seq, chain hash) of
    the last row written for it: the backend then holds a point the local file cannot rewrite.
    Everything else is derived from the parts, so a record rebuilt from the ledger's rows is the one
    that was emitted."""

    generation_id: str
    timestamp: float
    trace_id: str | None
    span_id: str | None
    parts: list[AuditRecord]
    anchor: tuple[int, str] | None = None
    ledger_event: str | None = None  # "reopened": the ledger file vanished while this was written

    @property
    def alert(self) -> bool:
        return any(part.attributes.get(sc.ALERT) for part in self.parts)

    @property
    def severity(self) -> str:
        return max((part.severity for part in self.parts), key=_RANK.__getitem__)

    def attributes(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {}
        for part in self.parts:
            attrs.update(part.attributes)
        attrs.pop(sc.RECORD_TYPE, None)
        attrs[sc.RECORD_ID] = self.generation_id
        if self.anchor is not None:
            attrs[sc.LEDGER_SEQ], attrs[sc.LEDGER_HASH] = self.anchor
        return attrs

    def body(self) -> dict[str, Any]:
        return {part.type: part.body for part in self.parts}


def build_record(
    gen: Generation, capture: PromptCapture, trace_id: str | None, span_id: str | None
) -> GenerationRecord:
    parts = build_records(gen, capture, trace_id, span_id)
    if (gen.decision.alert and gen.status == "blocked") or gen.decision.degraded is not None:
        log = parts[0]  # the alert travels with the log class, in the ledger's row too
        log.attributes[sc.ALERT] = True
        log.severity = "ERROR"
    return GenerationRecord(gen.id, parts[0].timestamp, trace_id, span_id, parts)


class RecordSink(Protocol):
    failure: Exception | None  # the last write's failure, until a write or a probe succeeds

    def write(self, record: GenerationRecord) -> tuple[int, str] | None:
        """Keep the record; return the (seq, chain hash) anchor it was given, if any."""

    def ready(self) -> Exception | None:
        """Why the sink cannot take a record now (a write failed and still fails), else None."""


class AuditLogEmitter:
    """Emits each generation's record through the application's OTel logger."""

    def __init__(self, logger: Logger) -> None:
        self._logger = logger

    def emit(self, record: GenerationRecord, span: Span | None) -> None:
        ctx = trace.set_span_in_context(span) if span is not None else None
        self._logger.emit(
            timestamp=int(record.timestamp * 1e9),
            context=ctx,
            severity_number=SEVERITY[record.severity],
            severity_text=record.severity,
            body=record.body(),
            attributes=record.attributes(),
            event_name=sc.EVENT_GENERATION,
        )


def span_ids(span: Span | None) -> tuple[str | None, str | None]:
    if span is None:
        return None, None
    ctx = span.get_span_context()
    if not ctx.is_valid:
        return None, None
    return format_trace_id(ctx.trace_id), format_span_id(ctx.span_id)
