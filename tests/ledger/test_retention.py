"""Retention classes on the local ledger: text, image data and old records go; the chain verifies."""

from __future__ import annotations

import json
import time
from pathlib import Path

from otel_aiaudit.ledger import LedgerSink, find_records
from otel_aiaudit.ledger.retention import apply_retention
from otel_aiaudit.ledger.verify import verify
from otel_aiaudit.policy.config import Retention

from .records import records

DAY = 86_400.0
NOW = time.time()
POLICY = Retention(prompts=365, images=180, logs=730)


def _by_age(sink: LedgerSink) -> dict[int, list]:
    """Generations 800, 400, 200 and 10 days old, each with a distinctive prompt."""
    out = {}
    for days in (800, 400, 200, 10):
        recs = records(prompt=f"secret prompt aged {days} days", at=NOW - days * DAY)
        sink.ledger.append(recs)
        out[days] = recs
    return out


def test_dry_run_counts_and_changes_nothing(sink) -> None:
    _by_age(sink)
    before = sink.ledger.head()
    result = apply_retention(sink.ledger, POLICY, now=NOW)
    assert (result.prompts_redacted, result.images_redacted, result.pruned) == (2, 3, 3)
    assert not result.applied and result.record_id is None
    assert sink.ledger.head() == before and sink.ledger.count() == 12


def test_apply_removes_each_class_and_the_chain_still_verifies(sink, ledger_path: Path) -> None:
    gens = _by_age(sink)
    result = apply_retention(sink.ledger, POLICY, apply=True, now=NOW)
    assert (result.prompts_redacted, result.images_redacted, result.pruned) == (2, 3, 3)

    # 800 days: older than logs, the whole generation is gone.
    assert find_records(sink.path, gens[800][0].generation_id) == []
    # 400 days: prompt text gone (hash and length kept), image data gone, the log record whole.
    log, prompt, image = find_records(sink.path, gens[400][0].generation_id)
    assert "prompt" not in prompt["body"] and "aiaudit.prompt" not in prompt["attributes"]
    assert prompt["body"]["prompt_hash"].startswith("sha256:") and prompt["body"]["prompt_length"] > 0
    assert prompt["redacted"]["class"] == "prompts" and prompt["redacted"]["by"] == result.record_id
    assert "images" not in image["body"] and image["redacted"]["class"] == "images"
    assert log["body"]["cost"]["usd"] == 0.04
    # 200 days: the prompt stays (younger than 365), the image data goes (older than 180).
    _, prompt, image = find_records(sink.path, gens[200][0].generation_id)
    assert prompt["body"]["prompt"] == "secret prompt aged 200 days"
    assert "images" not in image["body"]
    # 10 days: untouched.
    _, prompt, image = find_records(sink.path, gens[10][0].generation_id)
    assert prompt["body"]["prompt"] == "secret prompt aged 10 days" and len(image["body"]["images"]) == 1

    check = verify(sink.ledger)
    assert check.ok, check.problems
    assert check.redacted == 3 and check.anchor_seq == 3  # 400d prompt + image, 200d image
    # The run is itself a record of the chain, saying what it removed.
    (run,) = find_records(sink.path, result.record_id)
    assert run["type"] == "retention"
    assert run["body"]["prompts_redacted"] == 2 and run["body"]["pruned"]["count"] == 3
    # The removed text is not left in the file's free pages or its WAL.
    sink.close()
    data = b"".join(p.read_bytes() for p in ledger_path.parent.glob("ledger.db*"))
    assert b"secret prompt aged 400 days" not in data and b"secret prompt aged 800 days" not in data
    assert b"secret prompt aged 10 days" in data


def test_a_second_run_and_new_records_keep_verifying(sink) -> None:
    _by_age(sink)
    apply_retention(sink.ledger, POLICY, apply=True, now=NOW)
    sink.ledger.append(records(prompt="after the first run"))
    second = apply_retention(sink.ledger, POLICY, apply=True, now=NOW + 400 * DAY)
    assert second.pruned > 0
    assert verify(sink.ledger).ok
    assert apply_retention(sink.ledger, POLICY, apply=True, now=NOW + 400 * DAY).record_id is None  # nothing left


def test_text_removed_by_hand_is_reported(sink, raw) -> None:
    gens = _by_age(sink)
    rid = gens[10][1].record_id
    raw.execute("UPDATE records SET sensitive = NULL WHERE record_id = ?", (rid,))
    (p,) = verify(sink.ledger).problems
    assert p.kind == "redacted" and p.record_id == rid


def test_records_deleted_after_retention_are_still_found(sink, raw) -> None:
    _by_age(sink)
    apply_retention(sink.ledger, POLICY, apply=True, now=NOW)
    first = raw.execute("SELECT MIN(seq) FROM records").fetchone()[0]
    raw.execute("DELETE FROM records WHERE seq = ?", (first,))
    assert [p.kind for p in verify(sink.ledger).problems] == ["deleted"]
    # Moving the chain's start to hide it is found too.
    (h,) = raw.execute("SELECT hash FROM records WHERE seq = ?", (first,)).fetchone() or (None,)
    assert h is None
    raw.execute("UPDATE meta SET value = ? WHERE key = 'anchor'", (json.dumps([first, "f" * 64]),))
    kinds = [p.kind for p in verify(sink.ledger).problems]
    assert "deleted" in kinds


