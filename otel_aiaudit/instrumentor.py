"""AIAuditInstrumentor: the entry point `opentelemetry-instrument` finds (group opentelemetry_instrumentor).

instrument() builds the auditor from settings (and overrides) and patches every installed client;
uninstrument() restores every original. Nothing here touches the network.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from pathlib import Path
from typing import Any

from opentelemetry.instrumentation.dependencies import DependencyConflict, get_dependency_conflicts
from opentelemetry.instrumentation.instrumentor import BaseInstrumentor

from . import startup
from .auditor import Auditor
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


# The client libraries we instrument, any one of which is enough (contrib's `_instruments_any`). The
# same list is the package's `instruments-any` extra, which `opentelemetry-instrument` checks.
_instruments_any = (
    "openai >= 1.40",
    "google-genai >= 1.0",
    "replicate >= 1.0",
    "fal-client >= 0.5",
    "boto3 >= 1.34",
    "diffusers >= 0.30",
    "httpx >= 0.27",
    "requests >= 2.31",
)


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
        return _instruments_any

    def _check_dependency_conflicts(self) -> DependencyConflict | None:
        # Any one supported client is enough; each provider module patches only what is installed.
        return get_dependency_conflicts((), _instruments_any)

    def _instrument(self, **kwargs: Any) -> None:
        settings, _given = startup.settings_for(kwargs)  # the same reading preflight checked
        store_arg = kwargs.get("store")
        engine = _engine(kwargs.get("policy"), settings)
        capture = PromptCapture(settings.prompt_capture, settings.capture_message_content)
        telemetry = Telemetry(
            capture,
            kwargs.get("tracer_provider"),
            kwargs.get("meter_provider"),
            kwargs.get("logger_provider"),
            metrics_user=settings.metrics_user,
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
        telemetry.ledger = self._ledger
        content = engine.config.content_filter
        if content is not None and content.alert_webhook:
            from .telemetry.alerts import alerter_for

            telemetry.alerter = alerter_for(content.alert_webhook)
        self.auditor = auditor
        self.patched = instrument_all(auditor, self._patches)
        log.debug("otel-aiaudit instrumented: %s", ", ".join(self.patched) or "no image clients found")

    @staticmethod
    def _open_ledger(settings: Settings) -> Any:
        if settings.ledger.strip().lower() == "off":
            return None
        from .ledger import LedgerSink

        return LedgerSink.from_settings(settings)  # a ledger that cannot be opened stops start-up

    def _uninstrument(self, **kwargs: Any) -> None:
        if self.auditor is not None:
            self.auditor.active = False  # wrappers cached by client libraries now pass straight through
        self._patches.restore_all()
        if self._ledger is not None:
            self._ledger.close()
            self._ledger = None
        self.patched = []
        self.auditor = None
