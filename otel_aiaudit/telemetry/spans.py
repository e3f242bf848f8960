"""One span per generation: request attributes at start (samplers see them), results at the end."""

from __future__ import annotations

from typing import Any

from opentelemetry import trace
from opentelemetry.trace import Span, SpanKind, Status, StatusCode

from ..generation import Generation
from . import semconv as sc
from .capture import PromptCapture


def span_name(gen: Generation) -> str:
    return f"{sc.OPERATION_GENERATE_CONTENT} {gen.model}" if gen.model else sc.OPERATION_GENERATE_CONTENT


def _put(attrs: dict[str, Any], key: str, value: Any) -> None:
    # Empty text and lists are told by truth and type: `value != []` builds a list on every call.
    if value is not None and (value or value.__class__ not in _EMPTY_SKIPPED):
        attrs[key] = value


_EMPTY_SKIPPED = (str, list)


def request_attributes(gen: Generation, capture: PromptCapture) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        sc.GEN_AI_OPERATION_NAME: sc.OPERATION_GENERATE_CONTENT,
        sc.GEN_AI_OUTPUT_TYPE: sc.OUTPUT_TYPE_IMAGE,
        sc.GEN_AI_PROVIDER_NAME: gen.provider,
        sc.IMAGE_OPERATION: gen.operation,
    }
    _put(attrs, sc.GEN_AI_REQUEST_MODEL, gen.model)
    _put(attrs, sc.SERVER_ADDRESS, gen.server_address)
    _put(attrs, sc.SERVER_PORT, gen.server_port)
    if gen.n != 1:
        attrs[sc.GEN_AI_REQUEST_CHOICE_COUNT] = gen.n
    _put(attrs, sc.GEN_AI_REQUEST_SEED, gen.seed)
    _put(attrs, sc.USER_ID, gen.actor.user)
    _put(attrs, sc.TEAM, gen.actor.team)
    _put(attrs, sc.PURPOSE, gen.actor.purpose)
    _put(attrs, sc.REQUEST_SIZE, gen.size)
    _put(attrs, sc.REQUEST_QUALITY, gen.quality)
    _put(attrs, sc.REQUEST_STYLE, gen.style)
    _put(attrs, sc.REQUEST_ASPECT_RATIO, gen.aspect_ratio)
    _put(attrs, sc.PROMPT, capture.for_span(gen.prompt))
    _put(attrs, sc.PROMPT_HASH, gen.prompt_hash)
    if gen.prompt is not None:
        attrs[sc.PROMPT_LENGTH] = len(gen.prompt)
    attrs.update(decision_attributes(gen))
    _put(attrs, sc.COST_ESTIMATED_USD, gen.estimated_cost_usd)
    attrs[sc.GENERATION_ID] = gen.id
    return attrs


def decision_attributes(gen: Generation) -> dict[str, Any]:
    d = gen.decision
    attrs: dict[str, Any] = {
        sc.POLICY_DECISION: d.outcome,
        sc.POLICY_FLAGS: d.flags,
        sc.POLICY_VERSION: d.policy_version,
    }
    if d.mode == "observe":
        attrs[sc.POLICY_MODE] = d.mode
    _put(attrs, sc.POLICY_DEGRADED, d.degraded)
    if gen.sent_prompt is not None and gen.prompt is not None and gen.sent_prompt != gen.prompt:
        attrs[sc.PROMPT_SENT_LENGTH] = len(gen.sent_prompt)
    return attrs


def result_attributes(
    gen: Generation, capture: PromptCapture, decision_changed: bool = True
) -> dict[str, Any]:
    attrs: dict[str, Any] = {sc.STATUS: gen.status or "error"}
    if decision_changed:  # limits may have warned, queued or refused after the span started
        attrs.update(decision_attributes(gen))
    _put(attrs, sc.GEN_AI_RESPONSE_MODEL, gen.response_model)
    _put(attrs, sc.GEN_AI_RESPONSE_ID, gen.response_id)
    _put(attrs, sc.GEN_AI_USAGE_INPUT_TOKENS, gen.usage.input_tokens)
    _put(attrs, sc.GEN_AI_USAGE_OUTPUT_TOKENS, gen.usage.output_tokens)
    usage = gen.usage
    _put(attrs, sc.GEN_AI_USAGE_TEXT_INPUT_TOKENS, usage.input_text_tokens)
    _put(attrs, sc.GEN_AI_USAGE_IMAGE_INPUT_TOKENS, usage.input_image_tokens)
    _put(attrs, sc.GEN_AI_USAGE_TEXT_OUTPUT_TOKENS, usage.output_text_tokens)
    _put(attrs, sc.GEN_AI_USAGE_IMAGE_OUTPUT_TOKENS, usage.output_image_tokens)
    _put(attrs, sc.COST_USD, gen.cost_usd)  # refused calls cost 0: they never reached the provider
    _put(attrs, sc.GEN_AI_USAGE_COST, gen.cost_usd)
    if gen.cost_source:
        _put(attrs, sc.COST_SOURCE, gen.cost_source)
        _put(attrs, sc.PRICING_VERSION, gen.pricing_version)
    if gen.status == "success":
        attrs[sc.RESPONSE_IMAGE_COUNT] = gen.image_count
        _put(attrs, sc.IMAGE_HASHES, [i.hash for i in gen.images if i.hash])
        _put(attrs, sc.RESPONSE_REVISED_PROMPT, capture.for_span(gen.revised_prompt))
    _put(attrs, sc.ERROR_TYPE, gen.error_type)
    _put(attrs, sc.REFUSAL_REASON, gen.refusal_reason)
    _put(attrs, sc.TICKET_ID, gen.ticket_id)
    _put(attrs, sc.PROVENANCE, gen.provenance)
    attrs.update(gen.attributes)
    return attrs


class SpanRecorder:
    def __init__(self, tracer: trace.Tracer, capture: PromptCapture) -> None:
        self._tracer = tracer
        self._capture = capture

    def start(self, gen: Generation) -> Span:
        kind = SpanKind.INTERNAL if gen.local else SpanKind.CLIENT
        span = self._tracer.start_span(
            span_name(gen),
            kind=kind,
            attributes=request_attributes(gen, self._capture),
            start_time=int(gen.started_at * 1e9),
        )
        if span.is_recording():
            self.add_hit_events(span, gen, 0)
        return span

    @staticmethod
    def add_hit_events(span: Span, gen: Generation, already: int) -> int:
        """Add one event per hit not yet on the span; returns how many hits the span now has."""
        for hit in gen.decision.hits[already:]:
            attrs: dict[str, Any] = {
                "rule": hit.rule,
                "category": hit.category,
                "action": hit.action,
                "detail": hit.detail,
            }
            if hit.score is not None:
                attrs["score"] = hit.score
            span.add_event(sc.EVENT_POLICY_HIT, attrs)
        return len(gen.decision.hits)

    def finish(
        self,
        span: Span,
        gen: Generation,
        hits_on_span: int,
        error: str | None = None,
        decision_changed: bool = True,
    ) -> None:
        """Results, events and status, then end the span at the time the call ended. `error`: the name
        of the exception the call raised, if any."""
        if span.is_recording():
            self.add_hit_events(span, gen, hits_on_span)
            for warning in gen.budget_warnings:
                span.add_event(sc.EVENT_BUDGET_WARNING, {k: v for k, v in warning.items() if v is not None})
            if gen.ratelimit_wait_s:
                span.add_event(sc.EVENT_RATELIMIT_WAIT, {"wait_seconds": gen.ratelimit_wait_s})
            span.set_attributes(result_attributes(gen, self._capture, decision_changed))
            if gen.status == "error":
                description = error or gen.error_type
                span.set_status(Status(StatusCode.ERROR, description))
            elif gen.status == "provider_refused":
                span.set_status(Status(StatusCode.ERROR, f"provider refused: {gen.refusal_reason}"))
            elif gen.status in ("blocked", "pending_approval"):
                span.set_status(Status(StatusCode.ERROR, f"policy: {gen.decision.outcome}"))
        end = int(gen.ended_at * 1e9) if gen.ended_at else None
        span.end(end_time=end)
