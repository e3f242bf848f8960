"""What every provider shares: the patch registry, the one wrapper shape, and stream proxies.

A provider module only supplies a Translator: how its library's call reads into a Generation, how a
modified prompt is put back into the call, and how its result is read. The wrapper here does the rest
with the auditor, the same way for every library.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol

import wrapt

from ..auditor import Audit, Auditor, guarded, log_internal_error, passthrough
from ..errors import PolicyViolation
from ..generation import Generation

log = logging.getLogger("otel_aiaudit")

Args = tuple[tuple[Any, ...], dict[str, Any]]


class Translator(Protocol):
    """A provider's knowledge of one call shape."""

    where: str  # name for internal-error logs, e.g. "openai.images.generate"

    def request(self, instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Generation | None:
        """Read the call into a Generation; None = not an image generation (pass through untouched)."""

    def with_prompt(self, args: tuple[Any, ...], kwargs: dict[str, Any], prompt: str) -> Args:
        """The call's arguments with the prompt replaced (policy redaction or truncation)."""

    def result(self, audit: Audit, result: Any) -> Any:
        """Read the result, call audit.succeed(images) (or hand the audit to a stream proxy), return
        what the user gets (the same object, with signed image bytes written back)."""


def refusal_of(translator: Any, exc: BaseException) -> str | None:
    """The provider's content refusal carried by `exc` (a translator may define `refusal(exc)`)."""
    read = getattr(translator, "refusal", None)
    return guarded(f"{getattr(translator, 'where', 'provider')} refusal", read, exc) if read is not None else None


PENDING_LIMIT = 1024


class PendingAudits:
    """Audits opened by a submit-style call whose result arrives later, keyed by the job's id.

    Bounded: past `limit` open entries the oldest is closed as `result_not_observed`, charging the
    estimate (the provider most likely ran the job), so nothing grows without end."""

    def __init__(self, limit: int = PENDING_LIMIT) -> None:
        self.limit = limit
        self._items: OrderedDict[str, Audit] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, key: str, audit: Audit) -> None:
        evicted: list[Audit] = []
        with self._lock:
            self._items[key] = audit
            while len(self._items) > self.limit:
                evicted.append(self._items.popitem(last=False)[1])
        for old in evicted:
            old.fail(None, "result_not_observed", charge_estimate=True)

    def pop(self, key: Any) -> Audit | None:
        if key is None:
            return None
        with self._lock:
            return self._items.pop(str(key), None)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._items

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def close_all(self, reason: str = "result_not_observed") -> None:
        """Close every open audit (uninstrument): nothing is left half-recorded."""
        with self._lock:
            items = list(self._items.values())
            self._items.clear()
        for audit in items:
            audit.fail(None, reason, charge_estimate=True)


class Patches:
    """Every patch we made, so uninstrument() can put each original back, and nothing is wrapped twice."""

    def __init__(self) -> None:
        # Keyed by the owner itself (a class, module or provider object), never by its id(): an id can
        # be recycled once its object is gone, and would then name another owner's patch.
        self._applied: dict[tuple[Any, str], tuple[Any, str, Any, bool]] = {}
        self._on_restore: list[Callable[[], None]] = []

    def on_restore(self, callback: Callable[[], None]) -> None:
        """Run `callback` at uninstrument, after the originals are back (close pending audits)."""
        self._on_restore.append(callback)

    def wrap(self, owner: Any, name: str, wrapper: Callable[..., Any]) -> bool:
        key = (owner, name)
        if key in self._applied:
            return False
        # Take the raw attribute from the owner's own dict: staticmethods and classmethods stay what they
        # are. An attribute found elsewhere (a base class, or the class of an instance such as an SDK
        # provider) is shadowed here, and the shadow deleted again at restore.
        own = name in getattr(owner, "__dict__", {})
        original = owner.__dict__[name] if own else getattr(owner, name, None)
        if original is None or isinstance(original, wrapt.ObjectProxy):
            return False
        setattr(owner, name, wrapt.FunctionWrapper(original, wrapper))
        self._applied[key] = (owner, name, original, own)
        return True

    def replace(self, owner: Any, name: str, value: Any) -> None:
        """Rebind a module attribute (module-level functions bound to a default client at import)."""
        key = (owner, name)
        if key not in self._applied:
            self._applied[key] = (owner, name, getattr(owner, name), True)
        setattr(owner, name, value)

    def restore_all(self) -> None:
        for owner, name, original, own in reversed(list(self._applied.values())):
            try:
                if own:
                    setattr(owner, name, original)
                else:
                    delattr(owner, name)
            except Exception as exc:  # a frozen or vanished owner: nothing to restore
                log_internal_error(f"uninstrument {name}", exc)
        self._applied.clear()
        callbacks, self._on_restore = self._on_restore, []
        for callback in callbacks:
            try:
                callback()
            except Exception as exc:
                log_internal_error("uninstrument callback", exc)

    def __len__(self) -> int:
        return len(self._applied)


def _rewrite(audit: Audit, translator: Translator, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Args:
    if not audit.prompt_changed or audit.sent_prompt is None:
        return args, kwargs
    try:
        return translator.with_prompt(args, kwargs, audit.sent_prompt)
    except Exception as exc:
        # Sending the unmodified prompt would break the policy that modified it: refuse instead.
        log_internal_error(f"{translator.where} prompt rewrite", exc)
        violation = PolicyViolation("policy: the prompt had to be modified but could not be rewritten for this call")
        audit.refuse(violation)
        raise violation from None


def call_under(
    audit: Audit,
    wrapped: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    translator: Any = None,
) -> Any:
    """The provider call inside the audit's span; an exception from it closes the audit as failed
    (as refused, when the translator reads a content refusal in it)."""
    try:
        with audit.activated():
            return wrapped(*args, **kwargs)
    except BaseException as exc:
        audit.fail(exc, refusal=refusal_of(translator, exc))
        raise


async def acall_under(
    audit: Audit,
    wrapped: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    translator: Any = None,
) -> Any:
    try:
        with audit.activated():
            return await wrapped(*args, **kwargs)
    except BaseException as exc:
        audit.fail(exc, refusal=refusal_of(translator, exc))
        await audit.completed()
        raise


def _finish(audit: Audit, translator: Translator, result: Any) -> Any:
    try:
        return translator.result(audit, result)
    except Exception as exc:
        log_internal_error(f"{translator.where} result", exc)
        audit.succeed(())  # the call worked; we only failed to read it
        return result


def sync_wrapper(auditor: Auditor, translator: Translator) -> Callable[..., Any]:
    def wrapper(wrapped: Callable[..., Any], instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        if passthrough(auditor):
            return wrapped(*args, **kwargs)
        gen = guarded(f"{translator.where} request", translator.request, instance, args, kwargs)
        if gen is None:
            return wrapped(*args, **kwargs)
        audit = auditor.start(gen)
        args, kwargs = _rewrite(audit, translator, args, kwargs)
        result = _finish(audit, translator, call_under(audit, wrapped, args, kwargs, translator))
        audit.check()
        return result

    return wrapper


def async_wrapper(auditor: Auditor, translator: Translator) -> Callable[..., Any]:
    async def wrapper(wrapped: Callable[..., Any], instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        if passthrough(auditor):
            return await wrapped(*args, **kwargs)
        gen = guarded(f"{translator.where} request", translator.request, instance, args, kwargs)
        if gen is None:
            return await wrapped(*args, **kwargs)
        audit = await auditor.astart(gen)
        try:
            args, kwargs = _rewrite(audit, translator, args, kwargs)
        except PolicyViolation:
            await audit.completed()
            raise
        result = _finish(audit, translator, await acall_under(audit, wrapped, args, kwargs, translator))
        await audit.completed()
        audit.check()
        return result

    return wrapper


def audited(auditor: Auditor, translator: Translator, is_async: bool) -> Callable[..., Any]:
    """The wrapper for one call shape: the async one for coroutine methods, else the sync one."""
    return (async_wrapper if is_async else sync_wrapper)(auditor, translator)


class StreamObserver(Protocol):
    def on_event(self, event: Any) -> None:
        """See one event before the user does (may rewrite it, e.g. signed image bytes)."""

    def on_end(self, error: BaseException | None) -> None:
        """The stream ended: exhausted, closed early, or failed. Must close the audit."""


class _ObserverGuard:
    """Calls the observer without ever letting our code break the user's iteration."""

    def __init__(self, observer: StreamObserver, where: str) -> None:
        self._observer = observer
        self._where = where
        self.ended = False

    def event(self, event: Any) -> None:
        try:
            self._observer.on_event(event)
        except Exception as exc:
            log_internal_error(f"{self._where} stream event", exc)

    def end(self, error: BaseException | None) -> None:
        if self.ended:
            return
        self.ended = True
        try:
            self._observer.on_end(error)
        except Exception as exc:
            log_internal_error(f"{self._where} stream end", exc)


class StreamProxy(wrapt.ObjectProxy):
    """A sync stream the user iterates as before; we watch the events go by."""

    def __init__(self, stream: Any, observer: StreamObserver, where: str) -> None:
        super().__init__(stream)
        self._self_guard = _ObserverGuard(observer, where)
        self._self_iter: Any = None
        # Reading the stream makes HTTP requests: they belong under our span, and nested
        # instrumented calls must pass through, as during the call itself.
        self._self_audit: Audit | None = getattr(observer, "audit", None)

    def __iter__(self) -> StreamProxy:
        return self

    def __next__(self) -> Any:
        if self._self_iter is None:
            self._self_iter = iter(self.__wrapped__)
        try:
            if self._self_audit is not None:
                with self._self_audit.activated():
                    event = next(self._self_iter)
            else:
                event = next(self._self_iter)
        except StopIteration:
            self._self_guard.end(None)
            if self._self_audit is not None:
                self._self_audit.check()
            raise
        except BaseException as exc:
            self._self_guard.end(exc)
            raise
        self._self_guard.event(event)
        return event

    def __enter__(self) -> StreamProxy:
        self.__wrapped__.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        try:
            return self.__wrapped__.__exit__(*exc)
        finally:
            self._self_guard.end(exc[1] if len(exc) > 1 else None)

    def close(self) -> None:
        try:
            self.__wrapped__.close()
        finally:
            self._self_guard.end(None)


class AsyncStreamProxy(wrapt.ObjectProxy):
    """The async twin of StreamProxy."""

    def __init__(self, stream: Any, observer: StreamObserver, where: str) -> None:
        super().__init__(stream)
        self._self_guard = _ObserverGuard(observer, where)
        self._self_iter: Any = None
        self._self_audit: Audit | None = getattr(observer, "audit", None)

    def __aiter__(self) -> AsyncStreamProxy:
        return self

    async def __anext__(self) -> Any:
        if self._self_iter is None:
            self._self_iter = self.__wrapped__.__aiter__()
        try:
            if self._self_audit is not None:
                with self._self_audit.activated():
                    event = await self._self_iter.__anext__()
            else:
                event = await self._self_iter.__anext__()
        except StopAsyncIteration:
            self._self_guard.end(None)
            if self._self_audit is not None:
                await self._self_audit.completed()
                self._self_audit.check()
            raise
        except BaseException as exc:
            self._self_guard.end(exc)
            if self._self_audit is not None:
                await self._self_audit.completed()
            raise
        self._self_guard.event(event)
        return event

    async def __aenter__(self) -> AsyncStreamProxy:
        await self.__wrapped__.__aenter__()
        return self

    async def __aexit__(self, *exc: Any) -> Any:
        try:
            return await self.__wrapped__.__aexit__(*exc)
        finally:
            self._self_guard.end(exc[1] if len(exc) > 1 else None)
            if self._self_audit is not None:
                await self._self_audit.completed()

    async def close(self) -> None:
        try:
            await self.__wrapped__.close()
        finally:
            self._self_guard.end(None)
            if self._self_audit is not None:
                await self._self_audit.completed()


def server_of(url: Any) -> tuple[str | None, int | None]:
    """Host and port of a base URL (httpx, httpx2, or str)."""
    try:
        from urllib.parse import urlsplit

        parts = urlsplit(str(url))
        port = parts.port or (443 if parts.scheme == "https" else 80 if parts.scheme == "http" else None)
        return parts.hostname, port
    except Exception:
        return None, None


def kwarg(kwargs: dict[str, Any], name: str) -> Any:
    """A keyword argument, treating the SDKs' NOT_GIVEN / Omit sentinels as absent."""
    value = kwargs.get(name)
    if value is None:
        return None
    cls = type(value).__name__
    if cls in ("NotGiven", "Omit", "_NotGiven", "_Omit"):
        return None
    return value
