"""Opening the SQLite files (the limits store and the ledger) in WAL mode, safely from many threads."""

from __future__ import annotations

import random
import sqlite3
import time


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
