"""`aiaudit ledger verify`: files that are no ledger, corrupt rows, and the backend's anchor that
catches a tail cut the chain alone cannot show."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from otel_aiaudit.cli.main import app
from otel_aiaudit.ledger.store import Appended, Ledger

from .records import records

runner = CliRunner()


def verify(*args: str):  # noqa: ANN201 - click's Result
    return runner.invoke(app, ["ledger", "verify", *args])


def one_line(out) -> str:  # noqa: ANN001
    assert out.exception is None or isinstance(out.exception, SystemExit), out.exception
    assert "Traceback" not in out.output
    lines = out.output.strip().splitlines()
    assert len(lines) == 1, out.output
    return lines[0]


def filled(path: Path, generations: int = 4) -> list[Appended]:
    ledger = Ledger(path)
    written = [a for i in range(generations) for a in ledger.append(records(user=f"u{i}"))]
    ledger.close()
    return written


def test_append_returns_seq_and_hash_of_each_row(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.db")
    recs = records()
    written = ledger.append(recs)
    rows = ledger.conn().execute("SELECT seq, hash FROM records ORDER BY seq").fetchall()
    assert written == [Appended(seq, h) for seq, h in rows] and written[-1] == tuple(rows[-1])
    assert written[-1].hash == ledger.head()[1]
    assert ledger.append(recs) == []  # a retried write stores nothing new


@pytest.mark.fault(
    fault="an empty, zero-byte or schema-less ledger file",
    app_sees="ledger verify exits 1 naming what it found (0 only with --allow-empty)",
    recorded="nothing is taken for a verified trail",
)
def test_files_that_hold_no_ledger(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    Ledger(empty).conn()
    zero = tmp_path / "zero.db"
    zero.write_bytes(b"")
    garbage = tmp_path / "garbage.db"
    garbage.write_text("hello, not a database\n" * 100)
    other = tmp_path / "other.db"
    sqlite3.connect(other).executescript("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
    for path, words in ((empty, "empty audit ledger"), (zero, "zero-byte file")):
        out = verify(str(path))
        assert out.exit_code == 1 and words in one_line(out)
        out = verify(str(path), "--allow-empty")
        assert out.exit_code == 0 and one_line(out).startswith("OK:")
    for path, words in ((garbage, "not an SQLite file"), (other, "without the audit ledger's tables")):
        for extra in ([], ["--allow-empty"]):
            out = verify(str(path), *extra)
            assert out.exit_code == 1 and words in one_line(out)
    assert sqlite3.connect(other).execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]  # untouched
    out = verify(str(tmp_path / "missing.db"))
    assert out.exit_code == 2 and "no audit ledger at" in one_line(out)


def test_corrupt_rows_are_named_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    filled(path)
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("UPDATE records SET body = 'not json' WHERE seq = 2")
    raw.execute("UPDATE records SET hash = 'x' WHERE seq = 5")
    raw.close()
    out = verify(str(path))
    assert out.exit_code == 1 and "Traceback" not in out.output
    assert "CORRUPT row seq 2 is corrupt: its body is not JSON" in out.output
    assert "CORRUPT row seq 5 is corrupt: its hash is not a hash" in out.output


def es_export(path: Path, written: list[Appended]) -> Path:
    out = path.parent / "export.ndjson"
    with out.open("w") as f:
        for a in written:  # Elasticsearch _source lines, as the backend holds them
            f.write(json.dumps({"attributes": {"aiaudit.ledger.seq": a.seq, "aiaudit.ledger.hash": a.hash}}) + "\n")
    return out


def otlp_export(path: Path, written: list[Appended]) -> Path:
    out = path.parent / "export.otlp.json"
    recs = [
        {"attributes": [
            {"key": "aiaudit.record.type", "value": {"stringValue": "log"}},
            {"key": "aiaudit.ledger.seq", "value": {"intValue": str(a.seq)}},
            {"key": "aiaudit.ledger.hash", "value": {"stringValue": a.hash}},
        ]}
        for a in written
    ]  # fmt: skip
    out.write_text(json.dumps({"resourceLogs": [{"scopeLogs": [{"logRecords": recs}]}]}) + "\n")
    return out


def cut_tail(path: Path, keep: int) -> None:
    """Delete every row after `keep` and point the head at the new last row: the chain stays whole."""
    raw = sqlite3.connect(path, isolation_level=None)
    (h,) = raw.execute("SELECT hash FROM records WHERE seq = ?", (keep,)).fetchone()
    raw.execute("DELETE FROM records WHERE seq > ?", (keep,))
    raw.execute("UPDATE meta SET value = ? WHERE key = 'head'", (json.dumps([keep, h]),))
    raw.close()


@pytest.mark.fault(
    fault="the last ledger rows deleted and the head rewritten",
    app_sees="ledger verify --anchor exits 1: tail cut, naming the last seq the backend holds",
    recorded="every exported record carries its ledger seq and chain hash",
)
def test_anchor_catches_a_tail_cut_plain_verify_misses(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    written = filled(path)
    last = written[-1]
    for export in (es_export(path, written), otlp_export(path, written)):
        out = verify(str(path), "--anchor", str(export))
        assert out.exit_code == 0, out.output
        assert f"anchor: the backend's newest record, seq {last.seq}, is in the local ledger" in out.output
    cut_tail(path, 9)
    assert verify(str(path)).exit_code == 0  # the chain alone checks out
    for export in (es_export(path, written), otlp_export(path, written)):
        out = verify(str(path), "--anchor", str(export))
        assert out.exit_code == 1
        assert (
            f"tail cut: the backend holds seq {last.seq} (hash {last.hash[:12]}…), the local ledger ends at seq 9"
            in out.output
        )


def test_anchor_catches_a_rewritten_head(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    written = filled(path)
    export = es_export(path, written)
    cut_tail(path, 9)
    ledger = Ledger(path)
    ledger.append(records(user="mallory"))  # rows 10..12 again, with other content
    ledger.close()
    assert verify(str(path)).exit_code == 0
    out = verify(str(path), "--anchor", str(export), "--json")
    doc = json.loads(out.output)
    assert out.exit_code == 1 and doc["backend_anchor"] == {"seq": 12, "hash": written[-1].hash}
    assert "the local ledger has another record there" in doc["problems"][-1]["message"]


def test_anchor_file_errors(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    filled(path, 1)
    none = tmp_path / "none.ndjson"
    none.write_text('{"attributes": {"user.id": "alice"}}\n{"aiaudit.ledger.seq": broken\n')
    out = verify(str(path), "--anchor", str(none))
    assert out.exit_code == 2 and "no anchors in" in one_line(out)
    out = verify(str(path), "--anchor", str(tmp_path / "missing.ndjson"))
    assert out.exit_code == 2 and "cannot read the anchor file" in one_line(out)
    # An empty ledger whose records the backend holds: cut, even with --allow-empty.
    empty = tmp_path / "empty.db"
    Ledger(empty).conn()
    export = es_export(path, [Appended(3, "ab" * 32)])
    out = verify(str(empty), "--allow-empty", "--anchor", str(export))
    assert out.exit_code == 1 and "tail cut: the backend holds seq 3" in one_line(out)


def test_help_documents_the_options() -> None:
    out = runner.invoke(app, ["ledger", "verify", "--help"])
    assert "--anchor" in out.output and "--allow-empty" in out.output
