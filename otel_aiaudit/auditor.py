"""The only orchestrator. One Generation flows one way through it:

actor -> policy -> span start -> block? -> reserve/acquire -> call -> read result -> price and settle
-> provenance -> span end, metrics, audit records.

Providers call `start()` / `astart()` before the real call and `succeed()` / `fail()` after it. Only a
deliberate policy decision raises out of here; any internal failure is logged once and the user's call
goes through untouched.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from opentelemetry import trace

from .context import current_actor
from .errors import ApprovalRequired, PolicyViolation
from .generation import Decision, Generation, Image
from .hashing import Hasher
from .imageinfo import describe_image
from .pricing import PriceTable
from .settings import Settings
from .telemetry import Telemetry
from .telemetry.audit_log import span_ids

if TYPE_CHECKING:
    from .limits.governor import Admission, Governor
    from .policy.engine import PolicyEngine
    from .provenance.c2pa import Provenance

log = logging.getLogger("otel_aiaudit")

# Set while a provider call made under audit is running: nested instrumented calls pass through, so a
# client calling another instrumented client (or an SDK over a patched HTTP library) is audited once.
_IN_AUDIT: contextvars.ContextVar[bool] = contextvars.ContextVar("aiaudit_in_audit", default=False)

_logged: set[str] = set()


def log_internal_error(where: str, exc: BaseException) -> None:
    """Log an internal failure once per place; the user's call continues."""
    key = f"{where}:{type(exc).__name__}"
    if key in _logged:
        log.debug("internal error in %s (repeated)", where, exc_info=exc)
        return
    _logged.add(key)
    log.warning(
        "otel-aiaudit internal error in %s; the call continues unaudited for this step", where, exc_info=exc
    )


def in_audit() -> bool:
    return _IN_AUDIT.get()


@dataclass
class ReturnedImage:
    """An image the provider returned. `replace` writes signed bytes back into the user's result."""

    data: bytes | None = None
    mime_type: str | None = None
    url: str | None = None
    replace: Callable[[bytes], None] | None = None
    width: int | None = None
    height: int | None = None
    provenance: str | None = None  # set by the provenance step


class Auditor:
    def __init__(
        self,
        settings: Settings,
        telemetry: Telemetry,
        prices: PriceTable,
        policy: PolicyEngine | None = None,
        governor: Governor | None = None,
        provenance: Provenance | None = None,
    ) -> None:
        self.settings = settings
        self.telemetry = telemetry
        self.prices = prices
        self.policy = policy
        self.governor = governor
        self.provenance = provenance
        self.hasher = Hasher(settings.hash_key)
        self.active = True  # wrappers cached by client libraries check this after uninstrument()

    # ------------------------------------------------------------------ before the call
    def _prepare(self, gen: Generation) -> None:
        try:
            actor = current_actor(self.settings.user, self.settings.team)
            if actor.team is None and self.policy is not None and actor.user:
                actor.team = self.policy.config.teams.get(actor.user)
            if actor.organisation is None:
                actor.organisation = self.settings.organisation
            gen.actor = actor
            if gen.prompt is not None:
                gen.prompt_hash = self.hasher.text(gen.prompt)
            quote = self.prices.estimate(gen)
            gen.estimated_cost_usd = quote.usd
            gen.pricing_version = self.prices.version
        except Exception as exc:
            log_internal_error("prepare", exc)

    def _decide(self, gen: Generation, decision: Decision | None) -> None:
        if decision is None:
            decision = Decision(policy_version=self.policy.version if self.policy else "none")
        gen.decision = decision
        if (
            decision.mode == "enforce"
            and decision.outcome == "modify"
            and decision.modified_prompt is not None
        ):
            gen.sent_prompt = decision.modified_prompt
        else:
            gen.sent_prompt = gen.prompt

    def _evaluate(self, gen: Generation) -> Decision | None:
        if self.policy is None:
            return None
        try:
            return self.policy.evaluate(gen)
        except Exception as exc:
            log_internal_error("policy", exc)
            return None

    def start(self, gen: Generation) -> Audit:
        """Decide, open the span, admit. Raises PolicyViolation when policy refuses the call."""
        self._prepare(gen)
        self._decide(gen, self._evaluate(gen))
        audit = self._open(gen)
        audit._enforce_decision()
        if self.governor is not None:
            try:
                audit.admission = self.governor.admit(gen)
            except PolicyViolation as exc:
                audit.refuse(exc)
                raise
            except Exception as exc:
                log_internal_error("limits", exc)
        audit._admitted()
        return audit

    async def astart(self, gen: Generation) -> Audit:
        self._prepare(gen)
        decision = None
        if self.policy is not None:
            try:
                decision = await self.policy.aevaluate(gen)
            except Exception as exc:
                log_internal_error("policy", exc)
        self._decide(gen, decision)
        audit = self._open(gen)
        audit._enforce_decision()
        if self.governor is not None:
            try:
                audit.admission = await self.governor.aadmit(gen)
            except PolicyViolation as exc:
                audit.refuse(exc)
                raise
            except Exception as exc:
                log_internal_error("limits", exc)
        audit._admitted()
        return audit

    def _open(self, gen: Generation) -> Audit:
        span: trace.Span
        try:
            span = self.telemetry.spans.start(gen)
        except Exception as exc:
            log_internal_error("span start", exc)
            span = trace.INVALID_SPAN
        return Audit(self, gen, span)

    def pending_approvals(self) -> int | None:
        if self.governor is None:
            return None
        try:
            return self.governor.pending_count()
        except Exception:
            return None


class Audit:
    """One generation in flight. Created by Auditor.start(); closed by succeed() or fail() exactly once."""

    def __init__(self, auditor: Auditor, gen: Generation, span: trace.Span) -> None:
        self.auditor = auditor
        self.gen = gen
        self.span = span
        self.admission: Admission | None = None
        self._hits_on_span = len(gen.decision.hits)
        self._decision_at_start = self._decision_state()
        self._t0 = time.perf_counter()
        self._closed = False
        self._returned: list[ReturnedImage] | None = None  # read by _read_result(), once

    def _decision_state(self) -> tuple[str, int, str | None, bool]:
        """What the span's decision attributes depend on: compared at close to skip re-setting them."""
        d = self.gen.decision
        return (d.outcome, len(d.hits), d.degraded, self.gen.sent_prompt != self.gen.prompt)

    @property
    def sent_prompt(self) -> str | None:
        """The prompt the provider must receive (redacted / truncated when policy modified it)."""
        return self.gen.sent_prompt

    @property
    def prompt_changed(self) -> bool:
        return self.gen.sent_prompt != self.gen.prompt

    # ------------------------------------------------------------------ policy outcomes
    def _enforce_decision(self) -> None:
        d = self.gen.decision
        if d.outcome == "block" and d.mode == "enforce":
            from .policy.engine import raise_for

            try:
                raise_for(d)
            except PolicyViolation as exc:
                self.refuse(exc)
                raise

    def refuse(self, exc: PolicyViolation) -> None:
        gen = self.gen
        if exc.decision is None:
            exc.decision = gen.decision
        if isinstance(exc, ApprovalRequired):
            gen.status = "pending_approval"
            gen.ticket_id = exc.ticket_id or gen.ticket_id
        else:
            gen.status = "blocked"
        gen.error_type = f"policy.{exc.rule}"
        gen.cost_usd = 0.0
        self._close(None)

    def _admitted(self) -> None:
        # Hits added by limits (budget warnings, queueing) go on the span now.
        try:
            if self.span.is_recording():
                self._hits_on_span = self.auditor.telemetry.spans.add_hit_events(
                    self.span, self.gen, self._hits_on_span
                )
        except Exception as exc:
            log_internal_error("span events", exc)
        self._t0 = time.perf_counter()  # duration measures the provider call, not a rate-limit wait

    @contextmanager
    def activated(self) -> Iterator[None]:
        """Run the provider call inside our span, marked so nested instrumented calls pass through."""
        token = _IN_AUDIT.set(True)
        try:
            with trace.use_span(
                self.span, end_on_exit=False, record_exception=False, set_status_on_exception=False
            ):
                yield
        finally:
            _IN_AUDIT.reset(token)

    # ------------------------------------------------------------------ after the call
    def succeed(self, images: Sequence[ReturnedImage] = (), *, images_pending: bool = False) -> None:
        """The provider call worked. `images_pending`: a submitted job whose images come later (a poll
        we do not follow), so the images asked for are billed, not the none returned yet."""
        if self._closed:
            return
        gen = self.gen
        gen.status = "success"
        self._stamp()
        try:
            self.apply_provenance(images)  # now: it rewrites the result the user is about to receive
        except Exception as exc:
            log_internal_error("provenance", exc)
        gen.images_read = not images_pending
        self._returned = list(images)
        if self.admission is not None:
            self._read_result()  # the budget is settled with the actual cost before the call returns
            self._settle(release=False)
        self._close(None)

    def _read_result(self) -> None:
        """Hash and describe the returned images, then price the call. Runs once, on the caller's
        thread when a budget or the ledger needs the figures now, else on the telemetry thread: hashing
        a full-size image costs milliseconds the user's call does not have to wait for."""
        returned, self._returned = self._returned, None
        if returned is None:
            return
        try:
            self.gen.images = [self._describe(img) for img in returned]
        except Exception as exc:
            log_internal_error("image hashing", exc)
        self._price()

    def fail(
        self, exc: BaseException | None, error_type: str | None = None, *, charge_estimate: bool = False
    ) -> None:
        if self._closed:
            return
        gen = self.gen
        gen.status = "error"
        gen.error_type = error_type or (type(exc).__qualname__ if exc is not None else "error")
        self._stamp()
        if charge_estimate:
            gen.cost_usd = gen.estimated_cost_usd
            gen.cost_source = "price_table" if gen.cost_usd is not None else "unpriced"
            self._settle(release=False)
        else:
            gen.cost_usd = 0.0  # failed calls are not billed
            gen.cost_source = "price_table"
            self._settle(release=True)
        self._close(exc)

    def _stamp(self) -> None:
        self.gen.ended_at = time.time()
        self.gen.duration_s = time.perf_counter() - self._t0

    def _price(self) -> None:
        gen = self.gen
        try:
            quote = self.auditor.prices.actual(gen)
            gen.cost_usd = quote.usd
            gen.cost_source = quote.source
            gen.pricing_version = self.auditor.prices.version
        except Exception as exc:
            log_internal_error("pricing", exc)
            gen.cost_source = "unpriced"

    def _settle(self, *, release: bool) -> None:
        if self.admission is None:
            return
        admission, cost = self.admission, self.gen.cost_usd

        def settle() -> None:
            try:
                if release:
                    admission.release()
                else:
                    admission.settle(cost)
            except Exception as exc:
                log_internal_error("budget settle", exc)

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            settle()
            return
        # Inside an event loop the store round trip must not block it. Until it lands, the reservation
        # holds the estimate, so the budget is already charged for this call.
        loop.run_in_executor(None, settle)

    def apply_provenance(self, images: Sequence[ReturnedImage]) -> None:
        prov = self.auditor.provenance
        if prov is None or not prov.enabled:
            return
        from .provenance.c2pa import ProvenanceInfo

        trace_id, span_id = span_ids(self.span)
        gen = self.gen
        info = ProvenanceInfo(
            generation_id=gen.id,
            trace_id=trace_id,
            span_id=span_id,
            prompt_hash=gen.prompt_hash,
            user=gen.actor.user,
            team=gen.actor.team,
            organisation=gen.actor.organisation,
            policy_decision=gen.decision.outcome,
            model=gen.response_model or gen.model,
            provider=gen.provider,
            created_at=gen.started_at,
        )
        statuses: list[str] = []
        sidecars: list[str] = []
        for img in images:
            if img.provenance is not None:  # signed earlier (streamed item), keep its status
                statuses.append(img.provenance)
            elif img.data is not None and img.replace is not None:
                result = prov.sign(img.data, img.mime_type, info)
                if result.data is not None:
                    img.replace(result.data)
                    img.data = result.data
                statuses.append(result.status)
                img.provenance = result.status
            elif img.url:
                result = prov.sidecar(img.url, img.mime_type, info)
                statuses.append(result.status)
                img.provenance = result.status
                if result.manifest_json:
                    sidecars.append(result.manifest_json)
        if statuses:
            # One value for the span: c2pa only when every image was signed, else the first reason.
            gen.provenance = (
                "c2pa" if all(s == "c2pa" for s in statuses) else next(s for s in statuses if s != "c2pa")
            )
        if sidecars:
            gen.params["sidecars"] = sidecars

    def _describe(self, img: ReturnedImage) -> Image:
        info = describe_image(img.data) if img.data is not None else None
        return Image(
            hash=self.auditor.hasher.digest(img.data) if img.data is not None else None,
            mime_type=img.mime_type or (info.mime_type if info else None),
            url=img.url,
            size_bytes=len(img.data) if img.data is not None else None,
            width=img.width or (info.width if info else None),
            height=img.height or (info.height if info else None),
            provenance=img.provenance,
        )

    def _close(self, exc: BaseException | None) -> None:
        if self._closed:
            return
        self._closed = True
        gen = self.gen
        if gen.ended_at is None:
            self._stamp()
        try:
            changed = self._decision_state() != self._decision_at_start
            self.auditor.telemetry.finish(
                self.span, gen, self._hits_on_span, exc, changed, complete=self._read_result
            )
        except Exception as err:
            log_internal_error("telemetry", err)


def passthrough(auditor: Auditor | None) -> bool:
    """True when a wrapper must call straight through: uninstrumented, or already inside an audit."""
    return auditor is None or not auditor.active or _IN_AUDIT.get()


def guarded(where: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run translation code from a provider; an exception there means 'not auditable', never a crash."""
    try:
        return func(*args, **kwargs)
    except Exception as exc:
        log_internal_error(where, exc)
        return None
