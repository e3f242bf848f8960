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

import itertools
import json
import logging
import math
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

# Image lookups (`verify-image`): every image's watermark key and fingerprint, cut into bands of 4 hex
# digits, one row per band (multi-index hashing: see Ledger.find_images). Triggers keep the table in
# step with `records` whatever writes the file, an older version of the plugin included; retention's
# redaction and pruning remove an image's rows with its data. Image rows stored before the table
# existed (a file from an earlier version) are scanned instead: meta `image_keys_from` is the first
# seq the table covers.
_IMAGE_KEYS = """
CREATE TABLE IF NOT EXISTS image_keys (
  kind TEXT NOT NULL,  -- watermark | phash
  band INTEGER NOT NULL,  -- hex digits 4 band + 1 .. 4 band + 4 of the value
  bits TEXT NOT NULL,  -- those digits
  seq INTEGER NOT NULL,  -- the image record
  image_index INTEGER NOT NULL,
  value TEXT NOT NULL,  -- the whole key or fingerprint
  PRIMARY KEY (kind, band, bits, seq, image_index)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS image_keys_seq ON image_keys (seq);
CREATE TRIGGER IF NOT EXISTS image_keys_insert AFTER INSERT ON records
WHEN NEW.type = 'image' AND (instr(NEW.sensitive, '"phash"') OR instr(NEW.sensitive, '"watermark"'))
  AND json_valid(NEW.sensitive)
BEGIN
  INSERT OR IGNORE INTO image_keys
  SELECT k.kind, b.band, substr(k.value, 4 * b.band + 1, 4), NEW.seq, k.image_index, k.value
  FROM (
    SELECT 'watermark' AS kind, CAST(i.key AS INTEGER) AS image_index, json_extract(i.value, '$.watermark') AS value
    FROM json_each(NEW.sensitive, '$.body.images') AS i WHERE i.type = 'object'
    UNION ALL
    SELECT 'phash', CAST(i.key AS INTEGER), json_extract(i.value, '$.phash')
    FROM json_each(NEW.sensitive, '$.body.images') AS i WHERE i.type = 'object'
  ) AS k
  CROSS JOIN (SELECT 0 AS band UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
    UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7) AS b
  WHERE typeof(k.value) = 'text' AND length(k.value) BETWEEN 1 AND 32 AND k.value NOT GLOB '*[^0-9a-f]*'
    AND 4 * b.band < length(k.value);
END;
CREATE TRIGGER IF NOT EXISTS image_keys_redact AFTER UPDATE OF sensitive ON records
WHEN NEW.sensitive IS NULL
BEGIN
  DELETE FROM image_keys WHERE seq = OLD.seq;
END;
CREATE TRIGGER IF NOT EXISTS image_keys_delete AFTER DELETE ON records WHEN OLD.type = 'image'
BEGIN
  DELETE FROM image_keys WHERE seq = OLD.seq;
END;
"""
_INDEXED_DIGITS = 32  # longer values are not indexed (keys have 12 hex digits, fingerprints 16)
# Values per band probed at most; past that (a distance far above the documented bounds) a scan is cheaper.
_MAX_PROBES = 4096

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

    @classmethod
    def _ensure_schema(cls, c: sqlite3.Connection) -> None:
        # Once per connection, not once per Ledger: a file recreated under a running process needs it again.
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in tables:
            c.executescript("BEGIN IMMEDIATE;" + _SCHEMA + "COMMIT;")
            c.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        if "image_keys" not in tables and _has_json(c):
            cls._add_image_keys(c)

    @classmethod
    def _add_image_keys(cls, c: sqlite3.Connection) -> None:
        """The image lookup table, on a new file or one from an earlier version: it covers the rows
        appended from now on (the ones already there are scanned: no backfill holds the write lock).
        A file this process may only read is left as it is (its lookups scan)."""
        try:
            with immediate(c, _same):
                if _has_table(c, "image_keys"):
                    return
                for statement in _statements(_IMAGE_KEYS):
                    c.execute(statement)
                start = cls._head_in(c)[0] + 1
                c.execute("INSERT OR IGNORE INTO meta VALUES ('image_keys_from', ?)", (json.dumps(start),))
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc):
                raise

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
        fingerprint is within `phash_distance` bits of `phash`, nearest first (then oldest), each with
        who made it. Image data past its retention is gone, and so is its entry here.

        Both are distances, not equality. The `image_keys` table cuts each stored value into m bands
        of 16 bits; a value within d bits of the one asked differs in at most d // m bits in one of its
        bands (pigeonhole), so probing each band for the values within d // m bits of the asked one's
        finds every match: 3 exact probes for a 48-bit key within 2 bits, 4 x 137 values for a 64-bit
        fingerprint within 10. Only the rows so found are compared in full (with values of the asked
        one's length). Rows the table does not cover (a file from an earlier version) are scanned."""
        asked = (("watermark", watermark, watermark_bits), ("phash", phash, phash_distance))
        wanted = [(field, value.lower(), limit) for field, value, limit in asked if value and _is_hex(value.lower())]
        if not wanted:
            return []
        c = self.conn()
        covered_from = self._image_keys_from(c)
        probes = {field: _band_probes(value, limit) for field, value, limit in wanted}
        if any(p is None for p in probes.values()) or any(len(value) > _INDEXED_DIGITS for _, value, _ in wanted):
            covered_from = None
        found: dict[tuple[str, int, int], dict[str, Any]] = {}
        if covered_from is None:
            rows = c.execute(
                "SELECT seq, generation_id, sensitive FROM records WHERE type = 'image' AND sensitive IS NOT NULL"
            )
        else:  # the rows before the index, by their seq (`+type`: not the type index, which holds them all)
            rows = c.execute(
                "SELECT seq, generation_id, sensitive FROM records "
                "WHERE seq < ? AND +type = 'image' AND sensitive IS NOT NULL",
                (covered_from,),
            )
        for seq, generation_id, sensitive in rows:
            images = (json.loads(sensitive).get("body") or {}).get("images") or []
            for index, image in enumerate(images):
                for field, value, limit in wanted:
                    theirs = image.get(field) if isinstance(image, dict) else None
                    if isinstance(theirs, str) and _is_hex(theirs):  # not skipped:<why>, nor an older record
                        _keep(found, field, value, limit, seq, generation_id, index, theirs)
        if covered_from is not None:
            for field, value, limit in wanted:
                for band, values in enumerate(probes[field] or []):
                    hits = c.execute(
                        "SELECT k.seq, r.generation_id, k.image_index, k.value FROM image_keys k "
                        "JOIN records r ON r.seq = k.seq "
                        f"WHERE k.kind = ? AND k.band = ? AND k.bits IN ({','.join('?' * len(values))}) "
                        "AND k.seq >= ?",
                        (field, band, *values, covered_from),
                    )
                    for seq, generation_id, index, theirs in hits:
                        if len(theirs) == len(value):
                            _keep(found, field, value, limit, seq, generation_id, index, theirs)
        ordered = sorted(found.items(), key=lambda kv: (kv[0][0] != "watermark", kv[1]["distance"], kv[0][1:]))
        result = [item for _, item in ordered]
        for item in result:
            who = c.execute(
                "SELECT ts, user, team, provider, model, decision, status FROM records "
                "WHERE generation_id = ? AND type = 'log' ORDER BY seq LIMIT 1",
                (item["generation_id"],),
            ).fetchone()
            if who is not None:
                item.update(zip(_WHO, who, strict=True))
        return result

    def _image_keys_from(self, c: sqlite3.Connection) -> int | None:
        """The first seq whose image rows are in `image_keys`; None when the file has no such table."""
        if not _has_table(c, "image_keys"):
            return None
        start = self.get_meta(c, "image_keys_from")
        return int(start) if start is not None else None


def _keep(
    found: dict[tuple[str, int, int], dict[str, Any]],
    field: str,
    value: str,
    limit: int,
    seq: int,
    generation_id: str,
    index: int,
    theirs: str,
) -> None:
    bits = (int(theirs, 16) ^ int(value, 16)).bit_count()
    if bits <= limit:
        found[(field, seq, index)] = {
            "by": field,
            "distance": bits,
            "generation_id": generation_id,
            "image_index": index,
            field: theirs,
        }


def _band_probes(value: str, limit: int) -> list[list[str]] | None:
    """Per band of 4 hex digits of `value`: every band value within limit // bands bits of its own, or
    None when that makes more than _MAX_PROBES values."""
    bands = [value[i : i + 4] for i in range(0, len(value), 4)]
    radius = max(limit, 0) // len(bands)
    out = []
    for band in bands:
        width = 4 * len(band)
        if sum(math.comb(width, r) for r in range(min(radius, width) + 1)) > _MAX_PROBES:
            return None
        own = int(band, 16)
        near = [own]
        for r in range(1, min(radius, width) + 1):
            for flips in itertools.combinations(range(width), r):
                near.append(own ^ sum(1 << b for b in flips))
        out.append([f"{v:0{len(band)}x}" for v in near])
    return out


def _same(exc: sqlite3.Error) -> sqlite3.Error:
    """An SQLite error as itself (for `immediate`, which wants an error to raise in its place)."""
    return type(exc)(*exc.args)


def _has_table(c: sqlite3.Connection, name: str) -> bool:
    return c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def _has_json(c: sqlite3.Connection) -> bool:
    """SQLite's JSON functions, which the image lookup triggers use (built in since 3.38, and in most
    builds before)."""
    try:
        c.execute("SELECT json_each.value FROM json_each('[1]')").fetchone()
    except sqlite3.Error:
        return False
    return True


def _statements(script: str) -> list[str]:
    """The statements of a script, trigger bodies kept whole (sqlite3.complete_statement decides)."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return out


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
