"""The SQLite files (the limits store and the ledger): opened in WAL mode safely from many threads,
and written in immediate transactions."""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def connect(path: str, busy_timeout_s: float, synchronous: str) -> sqlite3.Connection:
    """A connection in WAL mode with the busy timeout and `synchronous` level set.

    Switching a new file to WAL needs the only lock on it, and SQLite answers "database is locked" at
    once, without waiting in its busy handler, while another connection opening the same new file
    holds one: that switch is retried until the busy timeout instead of failing the first call."""
    conn = sqlite3.connect(path, timeout=busy_timeout_s, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        deadline = time.monotonic() + busy_timeout_s
        while True:
            try:
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.005 + random.random() * 0.01)  # jitter: the openers do not retry in step
        conn.execute(f"PRAGMA synchronous = {synchronous}")
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def immediate(conn: sqlite3.Connection, error: Callable[[sqlite3.Error], Exception]) -> Iterator[None]:
    """One write transaction holding the file's write lock from its first statement; rolled back on
    any exception. An SQLite error at begin or commit is raised as `error(exc)`."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise error(exc) from exc
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        raise error(exc) from exc
