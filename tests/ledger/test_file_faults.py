"""Ledger and SQLite store files deleted or made read-only under a live process: the next write
reopens the path (nothing goes into the unlinked file) or fails with the ledger's / store's own
error, never a signal."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from otel_aiaudit.cli.main import app
from otel_aiaudit.ledger.store import Ledger
from otel_aiaudit.store.base import Ticket
from otel_aiaudit.store.sqlite import SqliteStore

from .records import records

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def ticket(user: str) -> Ticket:
    return Ticket(
        id=f"t-{user}", user=user, team=None, purpose="p", model=None, provider=None, prompt_hash=user,
        estimated_micros=1, roles=["lead"], created_us=0, expires_us=0,
    )  # fmt: skip


def on_disk(path: Path, sql: str) -> list[tuple]:
    """What a new reader finds at `path` (not what a connection to the unlinked file sees)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("leftovers", [True, False], ids=["db-only", "with-wal-and-shm"])
def test_ledger_deleted_under_a_live_process_is_reopened_and_the_loss_recorded(
    tmp_path: Path, leftovers: bool, caplog
) -> None:
    path = tmp_path / "ledger.db"
    ledger = Ledger(path)
    first = ledger.append(records())
    os.remove(path)
    if not leftovers:
        os.remove(f"{path}-wal")
        os.remove(f"{path}-shm")
    again = records(user="carol")
    written = ledger.append(again)
    # The new rows are in the file at the path, numbered on from the lost head.
    assert [a.seq for a in written] == [4, 5, 6]
    assert on_disk(path, "SELECT record_id, seq, hash FROM records ORDER BY seq") == [
        (r.record_id, a.seq, a.hash) for r, a in zip(again, written, strict=True)
    ]
    (value,) = on_disk(path, "SELECT value FROM meta WHERE key = 'vanished'")[0]
    (event,) = json.loads(value)
    assert event["gone"] == "deleted" and event["last_head"] == [first[-1].seq, first[-1].hash]
    assert "was deleted while in use" in caplog.text
    ledger.close()
    # Verify does not let the restarted file pass as a whole chain.
    out = runner.invoke(app, ["ledger", "verify", str(path)])
    assert out.exit_code == 1, out.output
    assert "VANISHED the ledger file here was deleted while in use" in out.output
    assert f"records up to seq 3 (hash {first[-1].hash[:12]}" in out.output


def test_ledger_deleted_while_another_thread_holds_it(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "ledger.db"
    ledger = Ledger(path)
    ledger.append(records())
    os.remove(path)
    got: list = []
    t = threading.Thread(target=lambda: got.append(ledger.append(records(user="dan"))))
    t.start()
    t.join()
    # A thread with no connection yet still finds the chain's lost head, not a fresh genesis.
    assert [a.seq for a in got[0]] == [4, 5, 6]
    assert ledger.append(records(user="erin"))[0].seq == 7
    assert on_disk(path, "SELECT COUNT(*) FROM records") == [(6,)]
    ledger.close()


def test_store_deleted_under_a_live_process_is_reopened(tmp_path: Path, caplog) -> None:
    path = str(tmp_path / "limits.db")
    store = SqliteStore(f"sqlite:///{path}", path)
    store.open_ticket(ticket("alice"), 10**9)
    os.remove(path)
    store.open_ticket(ticket("bob"), 10**9)
    assert on_disk(Path(path), "SELECT id FROM tickets") == [("t-bob",)]
    assert "was deleted while in use" in caplog.text
    store.close()


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user can enter (pytest's tmp_path is private to root)."""
    d = Path(tempfile.mkdtemp(prefix="aiaudit-ro-"))
    d.chmod(0o755)
    yield d
    for f in d.iterdir():
        f.unlink()
    d.rmdir()


# The writer imports everything first (the interpreter's files may be private to root), then drops
# to `nobody` when run as root: root ignores file modes, so a read-only file is only real without it.
WRITER = r"""
import os, sys
from otel_aiaudit.ledger.store import Ledger, LedgerError
from otel_aiaudit.store.base import StoreError
from otel_aiaudit.store.sqlite import SqliteStore
from tests.ledger.records import records
from tests.ledger.test_file_faults import ticket
ledger_path, store_path, live = sys.argv[1], sys.argv[2], sys.argv[3] == "live"
if os.getuid() == 0:
    os.setgroups([]); os.setgid(65534); os.setuid(65534)
ledger, store = Ledger(ledger_path), SqliteStore("sqlite:///" + store_path, store_path)
if live:  # made and opened while writable, used on after the files turn read-only
    ledger.append(records()); store.open_ticket(ticket("a"), 10**9)
    for p in os.listdir(os.path.dirname(ledger_path)):
        os.chmod(os.path.join(os.path.dirname(ledger_path), p), 0o444)
for name, write, error in (
    ("ledger", lambda: ledger.append(records(user="z")), LedgerError),
    ("store", lambda: store.open_ticket(ticket("z"), 10**9), StoreError),
):
    try:
        write()
        print(name, "wrote")
    except error as exc:
        print(name, "error:", exc)
"""


def run_writer(ledger: Path, store: Path, mode: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-c", WRITER, str(ledger), str(store), mode],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )  # fmt: skip


def test_read_only_files_give_a_clean_error_not_a_signal(shared_dir: Path) -> None:
    # Files made and left in use by root, with their -wal and -shm; the writer may not write them.
    ledger, store = shared_dir / "ledger.db", shared_dir / "limits.db"
    led = Ledger(ledger)
    led.append(records())
    sto = SqliteStore(f"sqlite:///{store}", str(store))
    sto.open_ticket(ticket("a"), 10**9)
    for f in shared_dir.iterdir():
        f.chmod(0o644 if os.getuid() == 0 else 0o444)
    try:
        out = run_writer(ledger, store, "opened")
    finally:
        led.close()
        sto.close()
    assert out.returncode == 0, (out.returncode, out.stderr[-2000:])  # -7 would be SIGBUS
    assert "ledger error: audit ledger" in out.stdout and "store error: SQLite store" in out.stdout
    assert out.stdout.count("read-only") == 2, out.stdout


@pytest.mark.fault(
    fault="the store and ledger files turn read-only while the app runs",
    app_sees="a clean error (GovernanceUnavailable per fail mode), never a signal",
    recorded="the failure, as a degraded decision",
)
def test_files_turned_read_only_under_a_live_process(shared_dir: Path) -> None:
    # Root ignores file modes, so as root the writer drops to `nobody`, who must own the folder to
    # make its files there; any other user keeps its own folder and its chmod binds it already.
    if os.getuid() == 0:
        os.chown(shared_dir, 65534, 65534)
    ledger, store = shared_dir / "ledger.db", shared_dir / "limits.db"
    out = run_writer(ledger, store, "live")
    assert out.returncode == 0, (out.returncode, out.stderr[-2000:])
    assert out.stdout.count("read-only") == 2, out.stdout
