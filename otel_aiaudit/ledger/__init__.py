"""The local audit ledger: every audit record, hash-chained in SQLite, before anything can lose it.

`LedgerSink` keeps each generation's record (one row per retention class) before the record is
emitted through the application's LoggerProvider; the record then carries the ledger's sequence
number and chain hash, an anchor the backend holds and the local file cannot rewrite.
`aiaudit ledger verify`, `aiaudit ledger retention` and `aiaudit report` read the same file.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..settings import Settings
from ..telemetry.audit_log import GenerationRecord
from .store import Ledger, LedgerError

log = logging.getLogger("otel_aiaudit.ledger")

DEFAULT_NAME = "aiaudit-ledger.db"

__all__ = [
    "Ledger",
    "LedgerError",
    "LedgerSink",
    "default_path",
    "find_records",
    "open_ledger",
]


def default_path(settings: Settings) -> Path | None:
    """Where the ledger lives: OTEL_AIAUDIT_LEDGER when it names a file; by default `aiaudit-ledger.db`
    beside the SQLite store (its own file: retention and verification never touch budget data), or in
    the per-user state directory when the store is not SQLite (never the working directory). None when
    the ledger is off."""
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
    from ..settings import state_dir

    return Path(state_dir()) / DEFAULT_NAME


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
    """A RecordSink: appends each generation's record to the ledger in one transaction."""

    def __init__(self, path: str | os.PathLike[str], *, synchronous: str = "FULL") -> None:
        self.ledger = Ledger(path, synchronous=synchronous)
        self.ledger.conn()  # create the file now: a bad path fails at instrument time, not at the first call
        # The last write's failure, until a write or a probe succeeds: while it stands, calls are
        # decided on before anything is sent (nothing is spent on a result that could not be kept).
        self.failure: Exception | None = None

    @property
    def path(self) -> str:
        return self.ledger.path

    @classmethod
    def from_settings(cls, settings: Settings) -> LedgerSink | None:
        """The sink the instrumentor installs: None when OTEL_AIAUDIT_LEDGER=off."""
        path = default_path(settings)
        if path is None:
            return None
        return cls(path, synchronous=settings.ledger_sync.upper())

    def write(self, record: GenerationRecord) -> tuple[int, str] | None:
        """Raises LedgerError when the file cannot be written: a governance failure of the `ledger`
        step. Returns the (seq, chain hash) of the record's last row."""
        reopens = self.ledger.reopens
        try:
            written = self.ledger.append(record.parts)
        except Exception as exc:
            self.failure = exc
            raise
        self.failure = None
        if self.ledger.reopens != reopens:
            record.ledger_event = "reopened"  # the file vanished under us: the trail has a recorded gap
        if not written:
            return None  # already stored (a retried write): no new anchor
        return written[-1].seq, written[-1].hash

    def ready(self) -> Exception | None:
        """None when the ledger can take a write. After a failed write, probes it (its write lock,
        taken and given back) so a ledger that recovered is used again at once."""
        if self.failure is None:
            return None
        try:
            with self.ledger.txn():
                pass
        except Exception as exc:
            self.failure = exc
            return exc
        self.failure = None
        return None

    def close(self) -> None:
        self.ledger.close()
