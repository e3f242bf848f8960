"""The local audit ledger: every audit record, hash-chained in SQLite, before anything can lose it.

`LedgerSink` is the auditor's first record sink. With an OTLP endpoint configured it is also the
outbox that delivers the records to the collector (see outbox.py). `aiaudit ledger verify`,
`aiaudit ledger retention` and `aiaudit report` read the same file.
"""

from __future__ import annotations

import atexit
import importlib.util
import logging
import os
import weakref
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..settings import Settings
from ..telemetry.audit_log import AuditRecord
from .outbox import Outbox, OutboxConfig
from .store import Ledger, LedgerError

log = logging.getLogger("otel_aiaudit.ledger")

DEFAULT_NAME = "aiaudit-ledger.db"

__all__ = [
    "Ledger",
    "LedgerError",
    "LedgerSink",
    "Outbox",
    "OutboxConfig",
    "default_path",
    "find_records",
    "open_ledger",
]


def default_path(settings: Settings) -> Path | None:
    """Where the ledger lives: OTEL_AIAUDIT_LEDGER when it names a file; by default `aiaudit-ledger.db`
    beside the SQLite store (its own file: retention and verification never touch budget data), or in
    the working directory when the store is not SQLite. None when the ledger is off."""
    value = (settings.ledger or "default").strip()
    if value.lower() == "off":
        return None
    if value.lower() != "default":
        return Path(value)
    if settings.store.startswith("sqlite:"):
        path = urlsplit(settings.store).path
        path = path[1:] if path.startswith("/") else path
        if path and path != ":memory:":
            return Path(path).parent / DEFAULT_NAME
    return Path(DEFAULT_NAME)


def open_ledger(path: str | os.PathLike[str]) -> Ledger:
    return Ledger(path)


def find_records(path: str, generation_id: str) -> list[dict[str, Any]]:
    """Every record of one generation, oldest first (for `aiaudit verify-image`)."""
    ledger = Ledger(path)
    try:
        return ledger.find_records(generation_id)
    finally:
        ledger.close()


class LedgerSink:
    """A RecordSink: appends each generation's records to the ledger in one transaction.

    With `outbox` set, the same transaction queues them for delivery and `delivers` is True: the
    auditor then leaves them to the outbox instead of also emitting them through the OTel logger
    (which would send each record to the collector twice).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        outbox: OutboxConfig | None = None,
        resource: Mapping[str, Any] | None = None,
        synchronous: str = "FULL",
    ) -> None:
        self.ledger = Ledger(path, synchronous=synchronous)
        self.ledger.conn()  # create the file now: a bad path fails at instrument time, not at the first call
        if outbox is not None and importlib.util.find_spec("opentelemetry.proto") is None:
            log.error(
                "audit outbox off: it needs opentelemetry-proto (pip install 'otel-aiaudit[otlp]'); "
                "audit records go out through the OTel logger instead"
            )
            outbox = None
        self.outbox = Outbox(self.ledger, outbox, resource=resource).start() if outbox is not None else None
        if self.outbox is not None:
            ref = weakref.ref(self)
            atexit.register(lambda: (s := ref()) is not None and s.close())

    @property
    def path(self) -> str:
        return self.ledger.path

    @property
    def delivers(self) -> bool:
        return self.outbox is not None

    @classmethod
    def from_settings(
        cls, settings: Settings, environ: Mapping[str, str] | None = None, **outbox_overrides: Any
    ) -> LedgerSink | None:
        """The sink the instrumentor installs: None when OTEL_AIAUDIT_LEDGER=off; an outbox when an
        OTLP endpoint is configured and OTEL_AIAUDIT_LEDGER_OUTBOX is not `off`."""
        path = default_path(settings)
        if path is None:
            return None
        env = os.environ if environ is None else environ
        mode = (getattr(settings, "ledger_outbox", None) or env.get("OTEL_AIAUDIT_LEDGER_OUTBOX") or "on").lower()
        config = None
        if mode not in ("off", "false", "0", "no"):
            config = OutboxConfig.from_env(env, endpoint=settings.otlp_endpoint, **outbox_overrides)
        return cls(path, outbox=config, synchronous=settings.ledger_sync.upper())

    def write(self, records: Sequence[AuditRecord]) -> None:
        # Raises LedgerError when the file cannot be written: the emitter logs it and the records
        # still go out through the OTel logger.
        self.ledger.append(records, outbox=self.outbox is not None)
        if self.outbox is not None:
            self.outbox.wake()

    def close(self, timeout: float | None = None) -> bool:
        """Stop the outbox after delivering what it can within `timeout`; True when nothing is pending."""
        done = True
        if self.outbox is not None:
            done = self.outbox.close(timeout)
            self.outbox = None
        self.ledger.close()
        return done
