"""Threads that open a new SQLite file at the same moment (the first calls of a busy app) all get a
WAL connection. (The race this guards, one opener switching the file to WAL while another holds a
lock, once failed a call with "database is locked"; it is narrow, so this loop does not always reach it.)"""

from __future__ import annotations

import threading
from pathlib import Path

from otel_aiaudit.ledger.store import Ledger
from otel_aiaudit.store.sqlite import SqliteStore


def _open_together(first_call, threads: int = 8) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def run() -> None:
        start.wait()
        try:
            first_call()
        except BaseException as exc:  # collected: the assertion names it
            errors.append(exc)

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return errors


def test_store_and_ledger_open_from_many_threads_at_once(tmp_path: Path) -> None:
    for i in range(15):
        path = str(tmp_path / f"limits-{i}.db")
        store = SqliteStore(f"sqlite:///{path}", path)
        assert _open_together(store.list_tickets) == []
        ledger = Ledger(tmp_path / f"ledger-{i}.db")
        assert _open_together(ledger.count) == []
        assert ledger.conn().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
