"""SQLite store (`sqlite:///path`), the default: safe for many processes on one host.

WAL journal (readers never block the writer), every decision in one `BEGIN IMMEDIATE` transaction
(one writer at a time, taken up front so two processes never both read-then-write), and a busy
timeout so contending processes wait instead of failing. `synchronous=NORMAL` in WAL mode survives
process crashes without losing committed transactions; a power loss may drop the last ones.
Not for several hosts: SQLite locking over network file systems is unreliable; use redis://.

A store file deleted or replaced under a running process is noticed at the next transaction and the
process reopens the path (logged as an error: the budget spend, reservations and approvals of the
lost file are gone with it); a write that went into the lost file, and a read-only file, are a
StoreError, which governance handles per `on_store_error`.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import random
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from ..sqlitedb import FileId, check_writable, connect_file, immediate, same_file
from . import _engine as engine
from ._engine import Reservation, ScopeRow
from .base import AdmitRequest, AdmitResult, ScopeRequest, ScopeUsage, StoreError, Ticket

_SCHEMA = """
CREATE TABLE IF NOT EXISTS budget_scopes (
  key TEXT PRIMARY KEY, scope TEXT NOT NULL, subject TEXT NOT NULL, period TEXT NOT NULL,
  period_end_us INTEGER NOT NULL, limit_micros INTEGER NOT NULL,
  spent INTEGER NOT NULL DEFAULT 0, reserved INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS budget_holds (
  key TEXT NOT NULL, rid TEXT NOT NULL, amount INTEGER NOT NULL, deadline_us INTEGER NOT NULL,
  PRIMARY KEY (key, rid));
CREATE INDEX IF NOT EXISTS budget_holds_deadline ON budget_holds (key, deadline_us);
CREATE TABLE IF NOT EXISTS reservations (
  rid TEXT PRIMARY KEY, state TEXT NOT NULL, amount INTEGER NOT NULL, actual INTEGER,
  scope_keys TEXT NOT NULL, rate_key TEXT, rate_count INTEGER NOT NULL, ticket_id TEXT,
  created_us INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rate_slots (
  key TEXT NOT NULL, member TEXT NOT NULL, at_us INTEGER NOT NULL, PRIMARY KEY (key, member));
CREATE INDEX IF NOT EXISTS rate_slots_at ON rate_slots (key, at_us);
CREATE TABLE IF NOT EXISTS tickets (
  id TEXT PRIMARY KEY, dedupe TEXT NOT NULL, created_us INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tickets_dedupe ON tickets (dedupe, created_us);
"""


log = logging.getLogger("otel_aiaudit.store")


def _ticket_from(data: str) -> Ticket:
    return Ticket(**json.loads(data))


class _SqliteTxn:
    def __init__(self, conn: sqlite3.Connection, now: int) -> None:
        self.c = conn
        self.now = now

    def get_scope(self, key: str) -> ScopeRow | None:
        r = self.c.execute(
            "SELECT key, scope, subject, period, period_end_us, limit_micros, spent, reserved"
            " FROM budget_scopes WHERE key = ?",
            (key,),
        ).fetchone()
        return ScopeRow(*r) if r else None

    def put_scope(self, row: ScopeRow) -> None:
        self.c.execute(
            "INSERT INTO budget_scopes VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
            " limit_micros = excluded.limit_micros, spent = excluded.spent, reserved = excluded.reserved",
            dataclasses.astuple(row),
        )

    def list_scopes(self) -> list[ScopeRow]:
        rows = self.c.execute(
            "SELECT key, scope, subject, period, period_end_us, limit_micros, spent, reserved FROM budget_scopes"
        )
        return [ScopeRow(*r) for r in rows]

    def expired_holds(self, key: str, now: int) -> list[tuple[str, int]]:
        return self.c.execute(
            "SELECT rid, amount FROM budget_holds WHERE key = ? AND deadline_us <= ?", (key, now)
        ).fetchall()

    def put_hold(self, key: str, rid: str, amount: int, deadline: int) -> None:
        self.c.execute("INSERT OR REPLACE INTO budget_holds VALUES (?, ?, ?, ?)", (key, rid, amount, deadline))

    def pop_hold(self, key: str, rid: str) -> int | None:
        r = self.c.execute("DELETE FROM budget_holds WHERE key = ? AND rid = ? RETURNING amount", (key, rid)).fetchone()
        return r[0] if r else None

    def get_reservation(self, rid: str) -> Reservation | None:
        r = self.c.execute(
            "SELECT rid, state, amount, scope_keys, rate_key, rate_count, ticket_id, created_us, actual"
            " FROM reservations WHERE rid = ?",
            (rid,),
        ).fetchone()
        if r is None:
            return None
        return Reservation(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6], r[7], r[8])

    def put_reservation(self, res: Reservation) -> None:
        self.c.execute(
            "INSERT OR REPLACE INTO reservations"
            " (rid, state, amount, actual, scope_keys, rate_key, rate_count, ticket_id, created_us)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                res.rid,
                res.state,
                res.amount,
                res.actual,
                json.dumps(res.scope_keys),
                res.rate_key,
                res.rate_count,
                res.ticket_id,
                res.created_us,
            ),
        )

    def rate_purge(self, key: str, before: int) -> None:
        self.c.execute("DELETE FROM rate_slots WHERE key = ? AND at_us <= ?", (key, before))

    def rate_scores(self, key: str) -> list[int]:
        return [r[0] for r in self.c.execute("SELECT at_us FROM rate_slots WHERE key = ? ORDER BY at_us", (key,))]

    def rate_get(self, key: str, member: str) -> int | None:
        r = self.c.execute("SELECT at_us FROM rate_slots WHERE key = ? AND member = ?", (key, member)).fetchone()
        return r[0] if r else None

    def rate_add(self, key: str, members: list[str], at: int) -> None:
        self.c.executemany("INSERT OR REPLACE INTO rate_slots VALUES (?, ?, ?)", [(key, m, at) for m in members])

    def rate_remove(self, key: str, members: list[str]) -> None:
        self.c.executemany("DELETE FROM rate_slots WHERE key = ? AND member = ?", [(key, m) for m in members])

    def get_ticket(self, ticket_id: str) -> Ticket | None:
        r = self.c.execute("SELECT data FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
        return _ticket_from(r[0]) if r else None

    def find_ticket(self, dedupe: str) -> Ticket | None:
        r = self.c.execute(
            "SELECT data FROM tickets WHERE dedupe = ? ORDER BY created_us DESC LIMIT 1", (dedupe,)
        ).fetchone()
        return _ticket_from(r[0]) if r else None

    def put_ticket(self, ticket: Ticket) -> None:
        self.c.execute(
            "INSERT OR REPLACE INTO tickets VALUES (?, ?, ?, ?)",
            (ticket.id, ticket.dedupe_key, ticket.created_us, json.dumps(dataclasses.asdict(ticket))),
        )

    def list_tickets(self) -> list[Ticket]:
        return [_ticket_from(r[0]) for r in self.c.execute("SELECT data FROM tickets ORDER BY created_us")]


class SqliteStore:
    def __init__(self, url: str, path: str, *, busy_timeout_s: float = 30.0) -> None:
        self.url = url
        self.path = path
        self.busy_timeout_s = busy_timeout_s
        self._local = threading.local()
        self._fid: FileId | None = None  # the file this store last opened, in any thread

    def now_us(self) -> int:
        return int(time.time() * 1_000_000)

    def _conn(self) -> sqlite3.Connection:
        # One connection per thread and per process (a forked child must not reuse its parent's).
        conn = getattr(self._local, "conn", None)
        lost = False
        if conn is not None and self._local.pid == os.getpid():
            if same_file(self.path, self._local.fid) and self._local.fid == self._fid:
                return conn
            # Deleted or replaced (noticed here or in another thread). Decided before closing: once
            # the last connection to it closes, a new file may reuse the old inode number.
            lost = True
            self.close()
        gone = "replaced" if os.path.exists(self.path) else "deleted"
        conn, fid = connect_file(self.path, self.busy_timeout_s, "NORMAL")
        if lost or (self._fid is not None and fid != self._fid):
            log.error(
                "SQLite store %s was %s while in use: reopened it; budget spend, reservations and "
                "approvals kept in the lost file are gone",
                self.path,
                gone,
            )
        self._fid = fid
        # Checked per connection, not once per store: a file recreated under a running process needs
        # its tables again.
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tickets'").fetchone():
            conn.executescript("BEGIN IMMEDIATE;" + _SCHEMA + "COMMIT;")
        self._local.conn = conn
        self._local.pid = os.getpid()
        self._local.fid = fid
        return conn

    def _error(self, exc: BaseException) -> StoreError:
        return StoreError(f"SQLite store {self.path}: {exc}")

    @contextmanager
    def _txn(self) -> Iterator[_SqliteTxn]:
        try:
            conn = self._conn()
            check_writable(self.path)
        except (sqlite3.Error, OSError) as exc:
            raise self._error(exc) from exc
        with immediate(conn, self._error):
            yield _SqliteTxn(conn, self.now_us())
        if not same_file(self.path, self._local.fid):
            # Deleted or replaced between the check above and the commit: what this transaction
            # wrote is in the lost file. The caller decides (on_store_error); the next call reopens.
            raise StoreError(f"SQLite store {self.path}: the file vanished during this write; it was lost")

    def _run(self, fn, *args, **kwargs):  # noqa: ANN001, ANN202 - thin wrapper
        try:
            with self._txn() as txn:
                return fn(txn, *args, **kwargs)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def admit(self, req: AdmitRequest) -> AdmitResult:
        result = self._run(engine.admit, req)
        if random.random() < 0.001:
            self._run(self._prune)
        return result

    @staticmethod
    def _prune(txn: _SqliteTxn) -> None:
        # Finished reservation records only serve idempotent replays for a while.
        txn.c.execute(
            "DELETE FROM reservations WHERE state != 'reserved' AND created_us < ?",
            (txn.now - engine.RECORD_KEEP_US,),
        )

    def settle(self, rid: str, actual: int, scopes: tuple[ScopeRequest, ...] = ()) -> bool:
        return self._run(engine.settle, rid, actual, scopes)

    def release(self, rid: str) -> bool:
        return self._run(engine.release, rid)

    def open_ticket(self, ticket: Ticket, ttl_us: int) -> Ticket:
        return self._run(engine.open_ticket, ticket, ttl_us)

    def get_ticket(self, ticket_id: str) -> Ticket | None:
        return self._run(lambda txn: txn.get_ticket(ticket_id))

    def list_tickets(self) -> list[Ticket]:
        return self._run(lambda txn: txn.list_tickets())

    def decide_ticket(
        self, ticket_id: str, *, user: str, approve: bool, role: str | None, reason: str | None
    ) -> Ticket:
        return self._run(engine.decide_ticket, ticket_id, user=user, approve=approve, role=role, reason=reason)

    def budget_usage(self) -> list[ScopeUsage]:
        return self._run(engine.budget_usage)

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
