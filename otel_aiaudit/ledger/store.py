"""The ledger file: SQLite in WAL mode, appended to by many processes, one chain for all of them.

Every append is one `BEGIN IMMEDIATE` transaction: it takes the write lock first, reads the chain's
head, links the new rows to it and moves the head, so two processes never both link to the same
row. `synchronous=FULL` by default: a committed record survives a process kill and a power loss (the
cost, one fsync per generation, is small next to an image generation); OTEL_AIAUDIT_LEDGER_SYNC=normal
keeps the kill guarantee without the per-call fsync.

A ledger file deleted or replaced while a process has it open is noticed at the next write (see
sqlitedb.py): the process reopens the path, and a new file continues the chain from the last head it
saw and records the event in its `meta` table (key `vanished`), so `aiaudit ledger verify` reports the
loss instead of showing a chain that silently restarted. A read-only file is a LedgerError.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any, NamedTuple

from ..sqlitedb import FileId, check_writable, connect_file, connect_readonly, file_id, immediate, same_file
from ..telemetry.audit_log import AuditRecord
from .chain import GENESIS, INDEX_COLUMNS, Row, merge, row_hash, split

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
  seq INTEGER PRIMARY KEY,
  record_id TEXT NOT NULL UNIQUE,
  generation_id TEXT NOT NULL,
  type TEXT NOT NULL,
  ts REAL NOT NULL,
  user TEXT, team TEXT, provider TEXT, model TEXT, status TEXT, decision TEXT,
  cost_micro INTEGER, image_count INTEGER, purpose TEXT, flags TEXT, trace_id TEXT, span_id TEXT,
  body TEXT NOT NULL,
  sensitive TEXT,
  sensitive_digest TEXT,
  redacted TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  delivered_at REAL);  -- set by earlier versions' own delivery; kept so older files keep one schema
CREATE INDEX IF NOT EXISTS records_generation ON records (generation_id);
-- The report reads log records in a time window: this index answers its aggregates on its own.
CREATE INDEX IF NOT EXISTS records_log_ts
  ON records (ts, status, cost_micro, image_count, user, team, model, provider, flags) WHERE type = 'log';
-- "New users": has this user any record before the window? One index probe per user.
CREATE INDEX IF NOT EXISTS records_log_user ON records (user, ts) WHERE type = 'log';
-- Saved searches: blocked / failed by time, cost anomalies from the top, generations with policy hits.
CREATE INDEX IF NOT EXISTS records_log_status ON records (status, ts) WHERE type = 'log';
CREATE INDEX IF NOT EXISTS records_log_cost ON records (cost_micro, ts) WHERE type = 'log';
CREATE INDEX IF NOT EXISTS records_log_flags
  ON records (ts, user, team, flags, status) WHERE type = 'log' AND flags IS NOT NULL;
-- Retention: rows still holding text or image data, by class and age; redacted rows leave it.
CREATE INDEX IF NOT EXISTS records_sensitive ON records (type, ts) WHERE sensitive IS NOT NULL;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_INSERT = (
    "INSERT INTO records (seq, record_id, "
    + ", ".join(INDEX_COLUMNS)
    + ", body, sensitive, sensitive_digest, prev_hash, hash) VALUES ("
    + ", ".join("?" * (len(INDEX_COLUMNS) + 7))
    + ")"
)


log = logging.getLogger("otel_aiaudit.ledger")


class LedgerError(Exception):
    """The ledger file cannot be opened or written (named in the message)."""


class Appended(NamedTuple):
    """A row `Ledger.append` wrote: its sequence number and chain hash (the `hash` column), what an
    exported record carries as `aiaudit.ledger.seq` / `aiaudit.ledger.hash`."""

    seq: int
    hash: str


class Ledger:
    """One ledger file. Thread-safe (a connection per thread) and safe across processes.

    `readonly` opens the file for reading only: no schema is created and nothing is written (for
    `aiaudit ledger verify`, which must also work on a copy it may not write)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        busy_timeout_s: float = 30.0,
        synchronous: str = "FULL",
        readonly: bool = False,
    ) -> None:
        self.path = str(path)
        self.busy_timeout_s = busy_timeout_s
        self.synchronous = synchronous
        self.readonly = readonly
        self._local = threading.local()
        self._fid: FileId | None = None  # the file this ledger last wrote to, in any thread
        self._last_head: Appended | None = None  # the last row this ledger wrote, in any thread
        self.reopens = 0  # times the file vanished under this ledger and was opened anew

    # -- connections -------------------------------------------------------------------------------

    def conn(self) -> sqlite3.Connection:
        # One connection per thread and per process: a forked child must not reuse its parent's.
        c = getattr(self._local, "conn", None)
        if c is not None and self._local.pid == os.getpid():
            return c
        try:
            if self.readonly:
                c, fid = connect_readonly(self.path, self.busy_timeout_s), file_id(self.path)
            else:
                c, fid = connect_file(self.path, self.busy_timeout_s, self.synchronous)
                self._ensure_schema(c)
        except (sqlite3.Error, OSError) as exc:
            raise self._error(exc) from exc
        self._local.conn = c
        self._local.pid = os.getpid()
        self._local.fid = fid
        if self._fid is None:
            self._fid = fid
        return c

    @staticmethod
    def _ensure_schema(c: sqlite3.Connection) -> None:
        # Once per connection, not once per Ledger: a file recreated under a running process needs it again.
        if c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone():
            return
        c.executescript("BEGIN IMMEDIATE;" + _SCHEMA + "COMMIT;")
        c.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    def _error(self, exc: BaseException) -> LedgerError:
        return LedgerError(f"audit ledger {self.path}: {exc}")

    @contextmanager
    def txn(self) -> Iterator[sqlite3.Connection]:
        """A write transaction holding the ledger's write lock from its first statement, on the file
        now at `path` (reopened when the one this thread had open was deleted or replaced)."""
        c = self.conn()
        if not self.still_open():
            c = self._reopen(c)
        try:
            check_writable(self.path)
            with immediate(c, self._error):
                yield c
        except (sqlite3.Error, OSError) as exc:
            raise self._error(exc) from exc

    def still_open(self) -> bool:
        """Is the file at `path` the one this ledger writes to, in this thread and the others?"""
        fid = getattr(self._local, "fid", None)
        return fid == self._fid and same_file(self.path, fid)

    def _reopen(self, old: sqlite3.Connection) -> sqlite3.Connection:
        """The file this thread had open was deleted or replaced: open the one at `path` now and
        leave a trace of the event in it (logged as an error too, for the caller's alerting)."""
        gone = "replaced" if os.path.exists(self.path) else "deleted"
        last: list[Any] | None = None
        if self._local.fid == self._fid:
            # This thread still has the lost file open, and an unlinked file stays readable.
            with suppress(sqlite3.Error):
                last = list(self._head_in(old))
        if last is None and self._last_head is not None:
            last = list(self._last_head)  # what another thread of this process wrote last
        self.close()
        c = self.conn()
        self._fid = self._local.fid
        self.reopens += 1  # read by the sink: the generation being written is raised to an alert
        try:
            with immediate(c, self._error):
                event = self._record_vanished(c, gone, last)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        log.error(
            "audit ledger %s was %s while in use: records up to seq %s were in the lost file; "
            "writing on in the file now at that path (from seq %s)",
            self.path,
            gone,
            last[0] if last else "?",
            event["continued_from"][0] + 1,
        )
        return c

    def _record_vanished(self, c: sqlite3.Connection, gone: str, last: list[Any] | None) -> dict[str, Any]:
        fresh = self.get_meta(c, "head") is None and self.get_meta(c, "anchor") is None
        if fresh and last is not None and last[0] > 0:
            # Continue the numbering and the links from the lost head: seqs stay unique for the
            # backend's anchors, and verify sees a chain start no retention run explains.
            self.set_meta(c, "anchor", last)
        events: list[dict[str, Any]] = self.get_meta(c, "vanished") or []
        here = list(self._head_in(c))
        event = {"at": time.time(), "gone": gone, "last_head": last, "continued_from": here, "pid": os.getpid()}
        # Every process that had the old file open notices; one entry per lost head is enough.
        if last is None or not any(e.get("last_head") == last for e in events):
            events.append(event)
            self.set_meta(c, "vanished", events)
        return event

    def close(self) -> None:
        c = getattr(self._local, "conn", None)
        if c is not None:
            c.close()
            self._local.conn = None

    # -- meta ---------------------------------------------------------------------------------------

    @staticmethod
    def get_meta(c: sqlite3.Connection, key: str) -> Any:
        r = c.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(r[0]) if r else None

    @staticmethod
    def set_meta(c: sqlite3.Connection, key: str, value: Any) -> None:
        c.execute(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )

    def head(self) -> tuple[int, str]:
        """(seq, hash) of the last row appended; (anchor seq, anchor hash) for an empty chain."""
        return self._head_in(self.conn())

    @classmethod
    def _head_in(cls, c: sqlite3.Connection) -> tuple[int, str]:
        head = cls.get_meta(c, "head") or cls.get_meta(c, "anchor") or [0, GENESIS]
        return int(head[0]), str(head[1])

    def anchor(self) -> tuple[int, str]:
        """Where the chain starts: genesis, or the last row retention pruned."""
        a = self.get_meta(self.conn(), "anchor") or [0, GENESIS]
        return int(a[0]), str(a[1])

    # -- writing ------------------------------------------------------------------------------------

    def append(self, records: Sequence[AuditRecord]) -> list[Appended]:
        """Chain and store `records` in one transaction; a record id already stored is skipped
        (a retried write stays one record). Returns (seq, hash) of each row written, in order: the
        last one is the anchor an exported record carries."""
        return self.append_rows([split(r) for r in records])

    def append_rows(self, rows: Iterable[Row]) -> list[Appended]:
        rows = list(rows)
        if not rows:
            return []
        with self.txn() as c:
            written = self.chain_in(c, rows)
        if self.still_open():
            return written
        # The file vanished between the check at the start and the commit: those rows went into the
        # lost file. Write them again into the one now at the path (the next txn reopens it).
        with self.txn() as c:
            written = self.chain_in(c, rows)
        if not self.still_open():
            raise LedgerError(f"audit ledger {self.path}: the file keeps being replaced; records may be lost")
        return written

    def append_in(
        self, c: sqlite3.Connection, rows: Sequence[Row], *, batch: int = 5000
    ) -> list[int]:
        """Append inside a transaction the caller holds (retention adds its own record this way).
        Returns the new rows' seqs."""
        return [a.seq for a in self.chain_in(c, rows, batch=batch)]

    def chain_in(
        self, c: sqlite3.Connection, rows: Sequence[Row], *, batch: int = 5000
    ) -> list[Appended]:
        """`append_in`, returning (seq, hash) of each row written."""
        known: set[str] = set()
        ids = [r.record_id for r in rows]
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            q = "SELECT record_id FROM records WHERE record_id IN (" + ",".join("?" * len(part)) + ")"
            known.update(x[0] for x in c.execute(q, part))
        head = self.get_meta(c, "head") or self.get_meta(c, "anchor") or [0, GENESIS]
        seq, prev = int(head[0]), str(head[1])
        seqs: list[Appended] = []
        out: list[tuple[Any, ...]] = []
        for r in rows:
            if r.record_id in known:
                continue
            known.add(r.record_id)
            seq += 1
            values = r.index_values()
            h = row_hash(prev, r.record_id, values, r.body, r.sensitive_digest)
            out.append((seq, r.record_id, *values, r.body, r.sensitive, r.sensitive_digest, prev, h))
            seqs.append(Appended(seq, h))
            prev = h
            if len(out) >= batch:
                c.executemany(_INSERT, out)
                out = []
        if out:
            c.executemany(_INSERT, out)
        if seqs:
            self._last_head = seqs[-1]
            self.set_meta(c, "head", [seq, prev])
        return seqs

    # -- reading ------------------------------------------------------------------------------------

    def count(self) -> int:
        return int(self.conn().execute("SELECT COUNT(*) FROM records").fetchone()[0])

    def find_records(self, generation_id: str) -> list[dict[str, Any]]:
        rows = (
            self.conn()
            .execute(f"SELECT {RECORD_COLUMNS} FROM records WHERE generation_id = ? ORDER BY seq", (generation_id,))
            .fetchall()
        )
        return [record_dict(*r) for r in rows]

    def find_images(
        self,
        *,
        watermark: str | None = None,
        watermark_bits: int = 0,
        phash: str | None = None,
        phash_distance: int = 0,
    ) -> list[dict[str, Any]]:
        """Images whose watermark key is within `watermark_bits` differing bits of `watermark`, or whose
        fingerprint is within `phash_distance` bits of `phash`, nearest first, each with who made it.

        Both are distances, not equality, so the image rows are scanned (image data past its retention
        is gone, and so is its entry here); a lookup is a command-line step, not a hot path."""
        asked = (("watermark", watermark, watermark_bits), ("phash", phash, phash_distance))
        wanted = [(field, int(value, 16), limit) for field, value, limit in asked if value]
        if not wanted:
            return []
        found: list[dict[str, Any]] = []
        rows = self.conn().execute(
            "SELECT generation_id, sensitive FROM records WHERE type = 'image' AND sensitive IS NOT NULL"
        )
        for generation_id, sensitive in rows:
            images = (json.loads(sensitive).get("body") or {}).get("images") or []
            for index, image in enumerate(images):
                for field, value, limit in wanted:
                    theirs = image.get(field)
                    if not isinstance(theirs, str) or not _is_hex(theirs):
                        continue  # skipped:<why>, or an older record without the field
                    bits = (int(theirs, 16) ^ value).bit_count()
                    if bits <= limit:
                        found.append(
                            {
                                "by": field,
                                "distance": bits,
                                "generation_id": generation_id,
                                "image_index": index,
                                field: theirs,
                            }
                        )
        found.sort(key=lambda f: (f["by"] != "watermark", f["distance"]))
        for item in found:
            who = (
                self.conn()
                .execute(
                    "SELECT ts, user, team, provider, model, decision, status FROM records "
                    "WHERE generation_id = ? AND type = 'log' ORDER BY seq LIMIT 1",
                    (item["generation_id"],),
                )
                .fetchone()
            )
            if who is not None:
                item.update(zip(_WHO, who, strict=True))
        return found


_WHO = ("timestamp", "user", "team", "provider", "model", "decision", "status")


def _is_hex(text: str) -> bool:
    return bool(text) and all(c in "0123456789abcdef" for c in text)


# The columns `record_dict` takes, in order.
RECORD_COLUMNS = "seq, record_id, type, ts, body, sensitive, redacted, hash, trace_id, span_id"


def record_dict(
    seq: int,
    record_id: str,
    rtype: str,
    ts: float,
    body: str,
    sensitive: str | None,
    redacted: str | None,
    hash_: str,
    trace_id: str | None = None,
    span_id: str | None = None,
) -> dict[str, Any]:
    """A stored record as the CLI sees it (text removed by retention stays removed)."""
    doc = merge(body, sensitive)
    return {
        "seq": seq,
        "record_id": record_id,
        "type": rtype,
        "timestamp": ts,
        "attributes": doc["attributes"],
        "body": doc["body"],
        "severity": doc.get("severity"),
        "event_name": doc.get("event_name"),
        "redacted": json.loads(redacted) if redacted else None,
        "hash": hash_,
        "trace_id": trace_id,
        "span_id": span_id,
    }
