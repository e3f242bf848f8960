"""The hash chain: intact ledgers verify; edits, deletions and moves are found and named."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from otel_aiaudit.ledger import LedgerSink, find_records
from otel_aiaudit.ledger.chain import GENESIS
from otel_aiaudit.ledger.verify import verify

from .records import records


def _fill(sink: LedgerSink, n: int = 4) -> list[list]:
    out = []
    for i in range(n):
        recs = records(user=f"user{i}", prompt=f"prompt number {i}", cost=0.01 * (i + 1))
        sink.ledger.append(recs)
        out.append(recs)
    return out


def _seq_of(raw, record_id: str) -> int:
    return raw.execute("SELECT seq FROM records WHERE record_id = ?", (record_id,)).fetchone()[0]


def test_intact_chain_verifies_and_links_every_row(sink, raw) -> None:
    gens = _fill(sink)
    result = verify(sink.ledger)
    assert result.ok, result.problems
    assert result.checked == 12 and result.head_seq == 12
    rows = raw.execute("SELECT seq, record_id, prev_hash, hash FROM records ORDER BY seq").fetchall()
    assert [r[1] for r in rows] == [r.record_id for g in gens for r in g]
    assert rows[0][2] == GENESIS
    for before, after in zip(rows, rows[1:], strict=False):
        assert after[2] == before[3]  # each row holds the hash of the one before
    assert result.head_hash == rows[-1][3]


def test_same_record_written_twice_is_stored_once(sink) -> None:
    recs = records()
    sink.ledger.append(recs)
    sink.ledger.append(recs)
    assert sink.ledger.count() == 3
    assert verify(sink.ledger).ok


def test_edited_body_is_found_and_named(sink, raw) -> None:
    gens = _fill(sink)
    target = gens[1][0]  # a log record
    body = json.loads(raw.execute("SELECT body FROM records WHERE record_id = ?", (target.record_id,)).fetchone()[0])
    body["body"]["user"] = "mallory"
    raw.execute("UPDATE records SET body = ? WHERE record_id = ?", (json.dumps(body), target.record_id))
    result = verify(sink.ledger)
    assert [(p.kind, p.record_id) for p in result.problems] == [("edited", target.record_id)]
    assert f"seq {_seq_of(raw, target.record_id)}" in result.problems[0].message


def test_edited_report_column_is_found(sink, raw) -> None:
    gens = _fill(sink)
    target = gens[2][0]
    raw.execute("UPDATE records SET cost_micro = 1 WHERE record_id = ?", (target.record_id,))
    result = verify(sink.ledger)
    assert [(p.kind, p.record_id) for p in result.problems] == [("edited", target.record_id)]


def test_edited_prompt_text_is_found(sink, raw) -> None:
    gens = _fill(sink)
    target = gens[0][1]  # the prompt record
    assert target.type == "prompt"
    (text,) = raw.execute("SELECT sensitive FROM records WHERE record_id = ?", (target.record_id,)).fetchone()
    assert "prompt number 0" in text
    raw.execute(
        "UPDATE records SET sensitive = ? WHERE record_id = ?",
        (text.replace("prompt number 0", "something else"), target.record_id),
    )
    result = verify(sink.ledger)
    assert [(p.kind, p.record_id) for p in result.problems] == [("edited", target.record_id)]
    assert "prompt text or image data" in result.problems[0].message


def test_deleted_record_is_found_with_its_place(sink, raw) -> None:
    gens = _fill(sink)
    gone = gens[1][2]
    seq = _seq_of(raw, gone.record_id)
    raw.execute("DELETE FROM records WHERE record_id = ?", (gone.record_id,))
    result = verify(sink.ledger)
    (p,) = result.problems
    assert p.kind == "deleted"
    assert p.record_id == gens[2][0].record_id  # the record right after the gap
    assert f"seq {seq}" in p.message and gens[1][1].record_id in p.message


def test_deleted_and_renumbered_record_is_still_found(sink, raw) -> None:
    gens = _fill(sink)
    seq = _seq_of(raw, gens[1][0].record_id)
    raw.execute("DELETE FROM records WHERE seq = ?", (seq,))
    raw.execute("UPDATE records SET seq = seq - 1 WHERE seq > ?", (seq,))  # close the gap
    raw.execute("UPDATE meta SET value = json_set(value, '$[0]', json_extract(value, '$[0]') - 1) WHERE key = 'head'")
    result = verify(sink.ledger)
    assert [(p.kind, p.record_id) for p in result.problems] == [("deleted", gens[1][1].record_id)]


def test_records_cut_from_the_end_are_found(sink, raw) -> None:
    _fill(sink)
    raw.execute("DELETE FROM records WHERE seq > 9")
    result = verify(sink.ledger)
    (p,) = result.problems
    assert p.kind == "truncated" and "seq 12" in p.message


def test_reordered_records_are_found_and_named(sink, raw) -> None:
    gens = _fill(sink)
    a, b = gens[1][2].record_id, gens[2][0].record_id  # neighbours: seq 6 and 7
    sa, sb = _seq_of(raw, a), _seq_of(raw, b)
    raw.execute("UPDATE records SET seq = -1 WHERE seq = ?", (sa,))
    raw.execute("UPDATE records SET seq = ? WHERE seq = ?", (sa, sb))
    raw.execute("UPDATE records SET seq = ? WHERE seq = -1", (sb,))
    result = verify(sink.ledger)
    kinds = {p.kind for p in result.problems}
    assert kinds == {"reordered"}, result.problems
    named = {p.record_id for p in result.problems}
    assert a in named
    assert any(b in p.message for p in result.problems if p.record_id == a)


def test_find_records_returns_the_generation(sink) -> None:
    gens = _fill(sink, 2)
    gid = gens[1][0].generation_id
    found = find_records(sink.path, gid)
    assert [r["type"] for r in found] == ["log", "prompt", "image"]
    assert found[1]["body"]["prompt"] == "prompt number 1"
    assert found[2]["attributes"]["aiaudit.image.hashes"] == [f"sha256:{0:064x}"]
    assert found[0]["attributes"]["user.id"] == "user1"
    assert find_records(sink.path, "no-such-generation") == []


WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[3])
    from otel_aiaudit.ledger import LedgerSink
    from tests.ledger.records import records
    sink = LedgerSink(sys.argv[1])
    for i in range(int(sys.argv[2])):
        sink.ledger.append(records(user=f"proc{sys.argv[2]}", prompt=f"p{i}"))
    sink.close()
    """
)


def test_processes_appending_together_keep_one_chain(ledger_path: Path, tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    root = str(Path(__file__).resolve().parents[2])
    procs = [subprocess.Popen([sys.executable, str(script), str(ledger_path), str(n), root]) for n in (40, 41, 42)]
    assert [p.wait(120) for p in procs] == [0, 0, 0]
    sink = LedgerSink(ledger_path)
    try:
        assert sink.ledger.count() == 3 * (40 + 41 + 42)
        result = verify(sink.ledger)
        assert result.ok, result.problems[:3]
    finally:
        sink.close()
