"""PolicySpanProcessor: the policy engine applied to GenAI spans opened by hand.

For code that calls an image service we do not wrap (an in-house client), but opens its own span
with our request attributes:

    with tracer.start_as_current_span("generate_content my-model", attributes={
        "gen_ai.operation.name": "generate_content", "gen_ai.provider.name": "inhouse",
        "gen_ai.request.model": "my-model", "aiaudit.prompt": prompt, "user.id": "alice",
    }):
        call_the_service(prompt)

`on_start` evaluates the prompt, writes the decision, flags and policy version on the span, adds
one `aiaudit.policy.hit` event per hit and, for an enforced block, ends the span as blocked and
raises the PolicyViolation out of `start_span`, so the service is never called.

Spans that already carry `aiaudit.policy.decision` at start (our own wrappers decide before they
open the span) and spans that are not GenAI spans are left alone. With a sampler that drops the
span no processor runs at all, which is why our wrappers call the engine directly instead.
"""

from __future__ import annotations

import logging
from typing import Any

from opentelemetry.context import Context
from opentelemetry.sdk.trace import ReadableSpan, Span, SpanProcessor
from opentelemetry.trace import Status, StatusCode

from ..errors import PolicyViolation
from ..generation import Actor, Generation
from ..policy.engine import PolicyEngine, raise_for
from . import semconv as sc

log = logging.getLogger(__name__)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


class PolicySpanProcessor(SpanProcessor):
    def __init__(self, engine: PolicyEngine | None = None) -> None:
        self.engine = engine if engine is not None else PolicyEngine()
        self._error_logged = False

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        attrs = span.attributes or {}
        if sc.POLICY_DECISION in attrs or sc.GEN_AI_OPERATION_NAME not in attrs:
            return
        try:
            gen = Generation(
                provider=_str(attrs.get(sc.GEN_AI_PROVIDER_NAME)) or "unknown",
                model=_str(attrs.get(sc.GEN_AI_REQUEST_MODEL)),
                prompt=_str(attrs.get(sc.PROMPT)),
                actor=Actor(
                    user=_str(attrs.get(sc.USER_ID)),
                    team=_str(attrs.get(sc.TEAM)),
                    purpose=_str(attrs.get(sc.PURPOSE)),
                ),
            )
            decision = self.engine.evaluate(gen)
            span.set_attribute(sc.POLICY_DECISION, decision.outcome)
            span.set_attribute(sc.POLICY_FLAGS, decision.flags)
            span.set_attribute(sc.POLICY_VERSION, decision.policy_version)
            span.set_attribute(sc.POLICY_MODE, decision.mode)
            if decision.degraded:
                span.set_attribute(sc.POLICY_DEGRADED, decision.degraded)
            for hit in decision.hits:
                event: dict[str, Any] = {
                    "rule": hit.rule,
                    "category": hit.category,
                    "action": hit.action,
                    "detail": hit.detail,
                }
                if hit.score is not None:
                    event["score"] = hit.score
                span.add_event(sc.EVENT_POLICY_HIT, event)
            raise_for(decision)
        except PolicyViolation as exc:
            # The caller never receives this span: end it here so the blocked attempt is recorded.
            span.set_attribute(sc.STATUS, "blocked")
            span.set_attribute(sc.ERROR_TYPE, type(exc).__name__)
            span.set_status(Status(StatusCode.ERROR, str(exc)))
            span.end()
            raise
        except Exception:  # never break the user's call over our own failure
            if not self._error_logged:
                self._error_logged = True
                log.exception("otel-aiaudit: PolicySpanProcessor failed; span left undecided")

    def on_end(self, span: ReadableSpan) -> None:
        return None

    def shutdown(self) -> None:
        return None

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True
