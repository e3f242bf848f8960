"""The SQLite files (the limits store and the ledger): opened in WAL mode safely from many threads,
and written in immediate transactions.

Files that disappear or turn read-only under a running process. A deleted file stays open: SQLite
goes on writing into the unlinked inode and every later write is lost without a word. The owners
therefore record the file's identity (st_dev, st_ino) when they open it and compare it with the path
at each write transaction (`same_file`), reopening when it changed. A file left without its -wal and
-shm is recreated under a lock on its directory (`connect_file`), after removing the -wal and -shm the
vanished file left behind: a new database opened over an old WAL or wal-index would read the old
file's pages, and would truncate a wal-index that other connections still have mapped.

Why the -shm file stays memory-mapped. `PRAGMA mmap_size = 0` (set below, also SQLite's default)
keeps the database file out of memory maps, but in WAL mode the wal-index (-shm) is always mapped:
only `locking_mode = EXCLUSIVE` (one connection owns the file, so the other processes that share the
store and the ledger would be locked out) or a rollback journal (readers block the writer, and every
commit costs more fsyncs) avoid it. Many processes share these files, so WAL stays, and the faults
that make a mapped -shm raise SIGBUS are kept away instead: a write transaction first checks that the
files are writable (`check_writable`: a clean "read-only" error rather than SQLite's read-only
wal-index path), and a recreated file never reuses the -shm of the one that vanished.
"""

from __future__ import annotations

import logging
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted there, so nothing to serialise
    fcntl = None  # type: ignore[assignment]

FileId = tuple[int, int]

MEMORY = ":memory:"

log = logging.getLogger("otel_aiaudit")


def connect(path: str, busy_timeout_s: float, synchronous: str) -> sqlite3.Connection:
    """A connection in WAL mode with the busy timeout and `synchronous` level set.

    Switching a new file to WAL needs the only lock on it, and SQLite answers "database is locked" at
    once, without waiting in its busy handler, while another connection opening the same new file
    holds one: that switch is retried until the busy timeout instead of failing the first call."""
    conn = sqlite3.connect(path, timeout=busy_timeout_s, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        conn.execute("PRAGMA mmap_size = 0")  # see the module docstring
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


def connect_readonly(path: str, busy_timeout_s: float = 30.0) -> sqlite3.Connection:
    """A connection that never writes, for commands that only read (they must not create a schema
    in a file that lacks one, nor fail on a file they may not write)."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout_s, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
    conn.execute("PRAGMA mmap_size = 0")
    return conn


def file_id(path: str) -> FileId | None:
    """(st_dev, st_ino) of the file at `path`; None when there is none."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


def same_file(path: str, opened: FileId | None) -> bool:
    """Is the file at `path` still the one opened as `opened`? (In-memory databases always are.)"""
    return path == MEMORY or opened is None or file_id(path) == opened


def check_writable(path: str) -> None:
    """Raise `sqlite3.OperationalError` naming the first of the database, its -wal and -shm files and
    its directory that this process may not write."""
    if path == MEMORY:
        return
    missing = False
    for p in (path, path + "-wal", path + "-shm"):
        if not os.path.exists(p):
            missing = True
        elif not os.access(p, os.W_OK):
            raise sqlite3.OperationalError(f"read-only: no write permission on {p}")
    # The folder matters only when SQLite has a file to create there.
    folder = os.path.dirname(os.path.abspath(path))
    if missing and not os.access(folder, os.W_OK | os.X_OK):
        raise sqlite3.OperationalError(f"read-only: no write permission on the folder {folder}")


@contextmanager
def _folder_lock(path: str) -> Iterator[None]:
    """An exclusive lock on the file's folder, so that two processes recreating the same vanished
    file do not delete each other's new -wal and -shm."""
    if fcntl is None:
        yield
        return
    fd = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def connect_file(path: str, busy_timeout_s: float, synchronous: str) -> tuple[sqlite3.Connection, FileId | None]:
    """`connect`, plus the identity of the file it opened. When there is no file at `path`, any -wal
    and -shm found there belong to a file that vanished and are removed before a new one is made."""
    if path == MEMORY:
        return connect(path, busy_timeout_s, synchronous), None
    if os.path.exists(path):
        conn = connect(path, busy_timeout_s, synchronous)
        return conn, file_id(path)
    folder = Path(path).parent
    if not folder.is_dir():  # never silently: say where the new file goes
        log.warning("otel-aiaudit: creating the directory %s for %s", folder, path)
        folder.mkdir(parents=True, exist_ok=True)
    with _folder_lock(path):
        if not os.path.exists(path):
            for leftover in (path + "-wal", path + "-shm"):
                with suppress(FileNotFoundError):
                    os.remove(leftover)
        # Connected under the lock: switching to WAL writes the header, so the next process to take
        # the lock finds the file and keeps its -wal and -shm.
        conn = connect(path, busy_timeout_s, synchronous)
        return conn, file_id(path)


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
        _rollback(conn)
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _rollback(conn)
        raise error(exc) from exc


def _rollback(conn: sqlite3.Connection) -> None:
    # SQLite may already have rolled back (a full disk, an I/O error): the original error is the news.
    if conn.in_transaction:
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
