"""The only orchestrator. One Generation flows one way through it:

actor -> policy -> span start -> block? -> reserve/acquire -> call -> read result -> price and settle
-> provenance -> span end, metrics, audit records.

Providers call `start()` / `astart()` before the real call and `succeed()` / `fail()` after it.

Two kinds of failure, two rules. A telemetry failure (building or ending a span, a metric, the OTel
export of the record) is logged once and never breaks the call. A governance failure (policy
evaluation, the limits store, the ledger write) follows the policy's fail mode for that step (see
policy/failmode.py): closed, the call is refused with GovernanceUnavailable before anything is sent
(or, for the ledger write after the call, its result is withheld); open, it goes on. Either way the
degraded decision is on the span, in the record, in the `aiaudit.governance.degraded` metric, and the
record is raised to an alert.
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
from opentelemetry.instrumentation.utils import is_instrumentation_enabled

from .context import current_actor
from .errors import ApprovalRequired, GovernanceUnavailable, PolicyViolation
from .generation import Decision, Generation, Hit, Image
from .hashing import Hasher
from .imageinfo import describe_image
from .logonce import log_once
from .policy.failmode import fail_mode
from .pricing import PriceTable
from .settings import Settings
from .telemetry import GenerationRecord, Telemetry
from .telemetry.audit_log import span_ids

if TYPE_CHECKING:
    from .limits.governor import Admission, Governor
    from .policy.engine import PolicyEngine
    from .provenance.c2pa import Provenance

log = logging.getLogger("otel_aiaudit")

# Set while a provider call made under audit is running: nested instrumented calls pass through, so a
# client calling another instrumented client (or an SDK over a patched HTTP library) is audited once.
_IN_AUDIT: contextvars.ContextVar[bool] = contextvars.ContextVar("aiaudit_in_audit", default=False)


def log_internal_error(where: str, exc: BaseException) -> None:
    """Log an internal failure once per place (then at debug level)."""
    log_once(log, where, exc, "otel-aiaudit internal error in %s")


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
        """Who is asking, and the prompt's hash: the policy needs both. A failure here is the policy
        step's failure (raised to the caller of start())."""
        actor = current_actor(self.settings.user, self.settings.team)
        if actor.team is None and self.policy is not None and actor.user:
            actor.team = self.policy.config.teams.get(actor.user)
        if actor.organisation is None:
            actor.organisation = self.settings.organisation
        gen.actor = actor
        if gen.prompt is not None:
            gen.prompt_hash = self.hasher.text(gen.prompt)
        try:
            quote = self.prices.estimate(gen)
            gen.estimated_cost_usd = quote.usd
            gen.pricing_version = self.prices.version
        except Exception as exc:  # an unknown price is "unpriced"; budgets then decide on that
            log_internal_error("pricing estimate", exc)

    def _decide(self, gen: Generation, decision: Decision | None) -> None:
        if decision is None:
            decision = Decision(policy_version=self.policy.version if self.policy else "none")
        gen.decision = decision
        if decision.mode == "enforce" and decision.outcome == "modify" and decision.modified_prompt is not None:
            gen.sent_prompt = decision.modified_prompt
        else:
            gen.sent_prompt = gen.prompt

    def degrade(self, gen: Generation, step: str, exc: BaseException | str) -> GovernanceUnavailable | None:
        """A governance step failed: record it on the decision and return the refusal to raise when
        the step fails closed (None when it fails open)."""
        config = self.policy.config if self.policy is not None else None
        mode = fail_mode(config, step)
        why = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
        log.warning("otel-aiaudit governance step %s failed (%s): %s", step, mode, why)
        d = gen.decision
        d.degraded = f"{step}_unavailable:{mode}"
        action = "block" if mode == "fail_closed" else "warn"
        d.hits.append(Hit("governance", step, action, f"{step} unavailable: {mode}"))
        d.escalate("block" if mode == "fail_closed" else "warn")
        if mode == "fail_open":
            return None
        return GovernanceUnavailable(
            f"governance step '{step}' failed and fails closed: the call was not made ({why})", d, step=step
        )

    def reopened(self, gen: Generation, event: str) -> None:
        """The ledger file vanished while in use and was opened anew: this generation is kept, the gap
        is recorded in the ledger (`aiaudit ledger verify` reports it), and the generation's record is
        raised to an alert."""
        log.error("otel-aiaudit audit ledger file vanished and was %s; generation %s raised to an alert", event, gen.id)
        d = gen.decision
        d.degraded = f"ledger_unavailable:{event}"
        d.hits.append(Hit("governance", "ledger", "warn", f"ledger file vanished: {event}"))
        d.escalate("warn")

    def _policy_failed(self, gen: Generation, exc: BaseException | str) -> GovernanceUnavailable | None:
        if not gen.decision.policy_version or gen.decision.policy_version == "none":
            gen.decision.policy_version = self.policy.version if self.policy else "none"
        if self.policy is not None:
            gen.decision.mode = self.policy.config.mode
        return self.degrade(gen, "policy", exc)

    def _evaluate(self, gen: Generation) -> GovernanceUnavailable | None:
        try:
            self._prepare(gen)
            decision = self.policy.evaluate(gen) if self.policy is not None else None
        except Exception as exc:
            self._decide(gen, None)
            return self._policy_failed(gen, exc)
        return self._decided(gen, decision)

    async def _aevaluate(self, gen: Generation) -> GovernanceUnavailable | None:
        try:
            self._prepare(gen)
            decision = await self.policy.aevaluate(gen) if self.policy is not None else None
        except Exception as exc:
            self._decide(gen, None)
            return self._policy_failed(gen, exc)
        return self._decided(gen, decision)

    def _decided(self, gen: Generation, decision: Decision | None) -> GovernanceUnavailable | None:
        self._decide(gen, decision)
        # The engine reports its own internal failure as a degraded decision: apply the fail mode.
        failed = decision.degraded if decision is not None else None
        if failed and failed.startswith("policy_error"):
            return self._policy_failed(gen, failed)
        return None

    def start(self, gen: Generation) -> Audit:
        """Decide, admit, then open the span with the final decision. Raises PolicyViolation when
        policy (or a governance step failing closed) refuses the call."""
        refusal = self._evaluate(gen) or _enforced(gen)
        if refusal is None and self._ledger_failing():
            refusal = self._ledger_ready(gen)
        admission = None
        if refusal is None and self.governor is not None:
            try:
                admission = self.governor.admit(gen)
            except PolicyViolation as exc:
                refusal = exc
            except Exception as exc:
                refusal = self.degrade(gen, "store", exc)
        return self._opened(gen, admission, refusal)

    async def astart(self, gen: Generation) -> Audit:
        refusal = await self._aevaluate(gen) or _enforced(gen)
        if refusal is None and self._ledger_failing():  # the probe touches the disk: off the loop
            refusal = await asyncio.to_thread(self._ledger_ready, gen)
        admission = None
        if refusal is None and self.governor is not None:
            try:
                admission = await self.governor.aadmit(gen)
            except PolicyViolation as exc:
                refusal = exc
            except Exception as exc:
                refusal = self.degrade(gen, "store", exc)
        audit = self._open(gen, deferred=True)
        audit.admission = admission
        if refusal is not None:
            audit.refuse(refusal)
            await audit.completed()
            raise refusal
        return audit

    def _ledger_failing(self) -> bool:
        sink = self.telemetry.ledger
        return sink is not None and sink.failure is not None

    def _ledger_ready(self, gen: Generation) -> GovernanceUnavailable | None:
        """A ledger whose last write failed and still fails: decided now, before anything is sent."""
        sink = self.telemetry.ledger
        failure = sink.ready() if sink is not None else None
        return self.degrade(gen, "ledger", failure) if failure is not None else None

    def _opened(self, gen: Generation, admission: Admission | None, refusal: PolicyViolation | None) -> Audit:
        audit = self._open(gen)
        audit.admission = admission
        if refusal is not None:
            audit.refuse(refusal)
            raise refusal
        return audit

    def _open(self, gen: Generation, *, deferred: bool = False) -> Audit:
        # suppress_instrumentation(): no span, metric or OTel record; policy and the ledger still apply.
        silent = not is_instrumentation_enabled()
        span: trace.Span = trace.INVALID_SPAN
        if not silent:
            try:
                span = self.telemetry.spans.start(gen)
            except Exception as exc:
                log_internal_error("span start", exc)
        audit = Audit(self, gen, span, silent=silent)
        audit.deferred = deferred
        return audit

    def pending_approvals(self) -> int | None:
        if self.governor is None:
            return None
        try:
            return self.governor.pending_count()
        except Exception:
            return None


class Audit:
    """One generation in flight. Created by Auditor.start(); closed by succeed() or fail() exactly once.

    Closing it records everything before the instrumented call returns: on the caller's thread for
    sync calls; for async calls (`deferred`) in the event loop's executor, awaited by the wrapper
    through `completed()`, so the ledger's disk write never blocks the loop."""

    def __init__(self, auditor: Auditor, gen: Generation, span: trace.Span, *, silent: bool = False) -> None:
        self.auditor = auditor
        self.gen = gen
        self.span = span
        self.silent = silent
        self.deferred = False
        self.admission: Admission | None = None
        self._hits_on_span = len(gen.decision.hits)
        self._decision_at_start = self._decision_state()
        self._t0 = time.perf_counter()
        self._closed = False
        self._returned: list[ReturnedImage] | None = None  # read by _read_result(), once
        self._settle_by: str | None = None  # "settle" (actual cost) or "release" (nothing spent)
        self._io: asyncio.Future[None] | None = None
        # Set when the ledger write after a successful call failed closed: the result is withheld.
        self.withheld: GovernanceUnavailable | None = None
        # Watermark key and fingerprint of each signed image, by its signed bytes' digest: streamed
        # images are signed one by one and come back as new objects in the final result.
        self._marks: dict[str, tuple[str | None, str | None]] = {}

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

    @contextmanager
    def activated(self) -> Iterator[None]:
        """Run the provider call inside our span, marked so nested instrumented calls pass through."""
        token = _IN_AUDIT.set(True)
        try:
            with trace.use_span(self.span, end_on_exit=False, record_exception=False, set_status_on_exception=False):
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
        self._settle_by = "settle"
        self._close(None)

    def fail(
        self,
        exc: BaseException | None,
        error_type: str | None = None,
        *,
        charge_estimate: bool = False,
        refusal: str | None = None,
    ) -> None:
        """The call failed. `refusal`: the provider refused the prompt for content reasons (its reason,
        in its words): recorded as `provider_refused`, evidence like a refusal of our own."""
        if self._closed:
            return
        gen = self.gen
        gen.status = "error"
        gen.error_type = error_type or (type(exc).__qualname__ if exc is not None else "error")
        if refusal is not None:
            gen.status = "provider_refused"
            gen.refusal_reason = refusal
            gen.decision.hits.append(Hit("provider", "refused", "block", refusal[:200]))
        self._stamp()
        if charge_estimate:
            gen.cost_usd = gen.estimated_cost_usd
            gen.cost_source = "price_table" if gen.cost_usd is not None else "unpriced"
            self._settle_by = "settle"
        else:
            gen.cost_usd = 0.0  # failed calls are not billed
            gen.cost_source = "price_table"
            self._settle_by = "release"
        self._close(exc)

    def refused(self, reason: str) -> None:
        """The provider answered, but with a content refusal instead of images (a safety block)."""
        self.fail(None, "provider_refused", refusal=reason)

    def check(self) -> None:
        """Raise the refusal of a result withheld because its audit record could not be kept."""
        if self.withheld is not None:
            raise self.withheld

    async def completed(self) -> None:
        """Wait until the record of a deferred (async) close is kept and emitted."""
        io, self._io = self._io, None
        if io is not None:
            await io

    def _stamp(self) -> None:
        self.gen.ended_at = time.time()
        self.gen.duration_s = time.perf_counter() - self._t0

    def _read_result(self) -> None:
        """Hash and describe the returned images, then price the call."""
        returned, self._returned = self._returned, None
        if returned is None:
            return
        try:
            self.gen.images = [self._describe(img) for img in returned]
        except Exception as exc:
            log_internal_error("image hashing", exc)
        self._price()

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

    def _settle(self) -> None:
        """Charge the budget reservation with the actual cost, or release it. The call has already
        happened, so a store failure here cannot refuse anything: it is logged and the reservation
        (which holds the estimate) stands until it expires."""
        if self.admission is None or self._settle_by is None:
            return
        try:
            if self._settle_by == "release":
                self.admission.release()
            else:
                self.admission.settle(self.gen.cost_usd)
        except Exception as exc:
            log_internal_error("budget settle", exc)

    def _close(self, exc: BaseException | None) -> None:
        if self._closed:
            return
        self._closed = True
        if self.gen.ended_at is None:
            self._stamp()
        # The exception itself stays here: only its name is recorded, and its traceback holds frames.
        error = type(exc).__name__ if exc is not None else None
        if self.deferred:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
            if loop is not None:
                self._io = loop.run_in_executor(None, self._complete, error)
                return
        self._complete(error)

    def _complete(self, error: str | None) -> None:
        """Everything after the call, in order: read and price the result, settle the budget, keep
        the record in the ledger, end the span, record the metrics, emit the record."""
        gen, telemetry = self.gen, self.auditor.telemetry
        self._read_result()
        self._settle()
        record: GenerationRecord | None = None
        try:
            record = telemetry.record(gen, self.span)
            telemetry.keep(record)
            if record.ledger_event is not None:  # kept, in a file opened anew: the gap goes out as an alert
                anchor = record.anchor
                self.auditor.reopened(gen, record.ledger_event)
                record = telemetry.record(gen, self.span)
                record.anchor = anchor
        except Exception as exc:
            refusal = self.auditor.degrade(gen, "ledger", exc)
            if refusal is not None and gen.status == "success":
                gen.status = "error"
                gen.error_type = type(refusal).__name__
                self.withheld = refusal
            try:  # again, now with the degraded decision: it goes out as an alert
                record = telemetry.record(gen, self.span)
            except Exception as err:
                log_internal_error("audit record", err)
                record = None
        changed = self._decision_state() != self._decision_at_start
        telemetry.finish(self.span, gen, self._hits_on_span, error, changed, silent=self.silent)
        if record is not None:
            telemetry.emit(gen, record, self.span, silent=self.silent)

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
                # The index numbers images across the whole generation, streamed ones included, so
                # each image gets its own watermark key.
                result = prov.sign(img.data, img.mime_type, info, index=len(self._marks))
                if result.data is not None:
                    img.replace(result.data)
                    img.data = result.data
                self._marks[self.auditor.hasher.digest(img.data)] = (result.watermark, result.phash)
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
            gen.provenance = "c2pa" if all(s == "c2pa" for s in statuses) else next(s for s in statuses if s != "c2pa")
        if sidecars:
            gen.params["sidecars"] = sidecars

    def _describe(self, img: ReturnedImage) -> Image:
        info = describe_image(img.data) if img.data is not None else None
        digest = self.auditor.hasher.digest(img.data) if img.data is not None else None
        watermark, phash = self._marks.get(digest or "", (None, None))
        return Image(
            hash=digest,
            mime_type=img.mime_type or (info.mime_type if info else None),
            url=img.url,
            size_bytes=len(img.data) if img.data is not None else None,
            width=img.width or (info.width if info else None),
            height=img.height or (info.height if info else None),
            provenance=img.provenance,
            watermark=watermark,
            phash=phash,
        )


def _enforced(gen: Generation) -> PolicyViolation | None:
    """The refusal an enforced block decision raises, or None."""
    d = gen.decision
    if d.outcome == "block" and d.mode == "enforce":
        from .policy.engine import violation_for

        return violation_for(d)
    return None


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
