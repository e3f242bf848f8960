"""AIAuditInstrumentor: the entry point `opentelemetry-instrument` finds (group opentelemetry_instrumentor).

instrument() builds the auditor from settings (and overrides) and patches every installed client;
uninstrument() restores every original. Nothing here touches the network.
"""

from __future__ import annotations

import atexit
import logging
from collections.abc import Collection
from pathlib import Path
from typing import Any

from opentelemetry.instrumentation.instrumentor import BaseInstrumentor

from . import startup
from .auditor import Auditor, log_internal_error
from .policy.config import PolicyConfig
from .policy.engine import PolicyEngine
from .pricing import PriceTable
from .providers import instrument_all
from .providers.base import Patches
from .settings import Settings
from .telemetry import PromptCapture, Telemetry

log = logging.getLogger("otel_aiaudit")


def _engine(policy: Any, settings: Settings) -> PolicyEngine:
    if isinstance(policy, PolicyEngine):
        return policy
    if isinstance(policy, PolicyConfig):
        return PolicyEngine(policy)
    if isinstance(policy, (str, Path)):
        return PolicyEngine.from_file(policy)
    if settings.policy_file:
        return PolicyEngine.from_file(settings.policy_file)
    return PolicyEngine(None)  # built-in observe-only defaults


def _drain_telemetry_first(wrapped: Any, _instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """An SDK provider's force_flush() or shutdown(): first hand it what the telemetry thread holds."""
    Telemetry.flush()
    return wrapped(*args, **kwargs)


def _needs_limits(config: PolicyConfig) -> bool:
    return any(x is not None for x in (config.cost_limits, config.rate_limit, config.approval_required))


class AIAuditInstrumentor(BaseInstrumentor):
    """`AIAuditInstrumentor().instrument(tracer_provider=, meter_provider=, logger_provider=, policy=, store=)`."""

    def __init__(self) -> None:
        super().__init__()
        if not hasattr(self, "_patches"):
            self._patches = Patches()
            self.auditor: Auditor | None = None
            self.patched: list[str] = []
            self._ledger: Any = None

    def instrument(self, **kwargs: Any) -> Any:
        # Start-up is all or nothing. `opentelemetry-instrument` logs whatever an instrumentor raises at
        # debug level and runs the app without it, ungoverned; so on that path any failure, an import
        # error included, stops the process: one line on stderr, exit code 2. In code it is raised:
        # ConfigurationError (MissingExtra for an optional package) for what preflight finds.
        auto = startup.launched_by_auto_instrumentation(kwargs)
        try:
            if not self._is_instrumented_by_opentelemetry:  # a second call stays a warning and a no-op
                startup.preflight(kwargs)  # strict settings and extras, before anything is built
            return super().instrument(**kwargs)
        except Exception as exc:
            if not auto:
                raise
            startup.stop(exc)

    def instrumentation_dependencies(self) -> Collection[str]:
        # Every client library is optional: each provider module patches only what is installed.
        return ()

    def _instrument(self, **kwargs: Any) -> None:
        overrides = {k: kwargs[k] for k in Settings.model_fields if k in kwargs and k != "store"}
        store_arg = kwargs.get("store")
        settings = Settings.from_env(**overrides)
        if isinstance(store_arg, str):
            settings = settings.model_copy(update={"store": store_arg})
        engine = _engine(kwargs.get("policy"), settings)
        capture = PromptCapture(settings.prompt_capture, settings.capture_message_content)
        telemetry = Telemetry(
            capture,
            kwargs.get("tracer_provider"),
            kwargs.get("meter_provider"),
            kwargs.get("logger_provider"),
            metrics_user=settings.metrics_user,
            background=settings.telemetry_thread,
        )
        prices = PriceTable.load(
            extra_files=[settings.prices_file] if settings.prices_file else (),
            extra_entries=engine.config.prices,
        )
        governor = None
        if _needs_limits(engine.config):
            from .limits.governor import Governor
            from .store import open_store

            store = (
                store_arg if store_arg is not None and not isinstance(store_arg, str) else open_store(settings.store)
            )
            governor = Governor(engine.config, store)
        provenance = None
        if settings.c2pa:
            from .provenance.c2pa import Provenance

            provenance = Provenance(settings)
        auditor = Auditor(settings, telemetry, prices, policy=engine, governor=governor, provenance=provenance)
        if governor is not None:
            telemetry.metrics.watch_pending_approvals(auditor.pending_approvals)
        self._ledger = self._open_ledger(settings)
        if self._ledger is not None:
            telemetry.add_sink(self._ledger)  # first sink: on disk before anything else can lose it
            if self._ledger.outbox is not None:
                metrics = telemetry.metrics

                def count_failures(batch: list[dict[str, Any]]) -> None:
                    for row in batch:
                        metrics.export_failed(str(row.get("type", "unknown")))

                self._ledger.outbox.on_failure = count_failures
        for sink in kwargs.get("record_sinks", ()):
            telemetry.add_sink(sink)
        self.auditor = auditor
        # Registered now, so it runs before the exit hooks of providers created earlier (atexit is LIFO):
        # work still queued on the telemetry thread reaches the exporters before they shut down.
        atexit.register(Telemetry.flush)
        for provider in telemetry.providers:
            for method in ("force_flush", "shutdown"):  # absent on the API's proxy providers
                try:
                    self._patches.wrap(provider, method, _drain_telemetry_first)
                except Exception as exc:  # a provider that takes no attributes: the atexit drain remains
                    log_internal_error("provider flush hook", exc)
        self.patched = instrument_all(auditor, self._patches)
        log.debug("otel-aiaudit instrumented: %s", ", ".join(self.patched) or "no image clients found")

    @staticmethod
    def _open_ledger(settings: Settings) -> Any:
        if settings.ledger.strip().lower() == "off":
            return None
        from .ledger import LedgerError, LedgerSink

        try:
            return LedgerSink.from_settings(settings)
        except LedgerError as exc:  # records still go out through the OTel logger
            log.error("otel-aiaudit audit ledger disabled: %s", exc)
            return None

    def flush(self) -> None:
        """Wait until the metrics and audit records of finished calls have reached the OTel SDK
        (they are recorded on a background thread; see OTEL_AIAUDIT_TELEMETRY_THREAD)."""
        Telemetry.flush()

    def _uninstrument(self, **kwargs: Any) -> None:
        self.flush()
        if self.auditor is not None:
            self.auditor.active = False  # wrappers cached by client libraries now pass straight through
        self._patches.restore_all()
        if self._ledger is not None:
            self._ledger.close()  # delivers what it can for a few seconds; the rest waits on disk
            self._ledger = None
        self.patched = []
        self.auditor = None
