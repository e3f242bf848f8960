"""`aiaudit ledger verify`: walk the chain and name every record that was edited, deleted or moved.

What the walk checks, row by row in storage order:
- the row's hash matches its columns, the digest of its body and its sensitive digest (edited);
- its stored text or image data, when still there, matches that digest (edited);
- it links to the row before it (deleted, when the link points at nothing stored; reordered, when it
  points at a row stored later);
- data missing from a row was removed by a retention run that the chain itself records;
- the last row is the head the ledger last wrote (rows cut from the end);
- no earlier ledger file at this path vanished while in use (the `vanished` meta entry).
A chain is only as trustworthy as its last hash kept elsewhere: someone who deletes the last rows and
rewrites the head leaves a chain that checks out. `check_anchor` closes that gap with the newest
(seq, hash) the backend holds (every exported record carries `aiaudit.ledger.seq` and
`aiaudit.ledger.hash`): the local ledger must hold that very row.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

from ..sqlitedb import connect_readonly
from .chain import INDEX_COLUMNS, row_hash, sha256
from .store import Ledger

ProblemKind = Literal["edited", "deleted", "reordered", "redacted", "truncated", "corrupt", "vanished"]

# What `inspect` finds at a path that holds no records to check.
FileState = Literal["zero-byte", "not-sqlite", "no-schema", "empty"]
EMPTY_STATES: tuple[FileState, ...] = ("zero-byte", "empty")

_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Problem:
    kind: ProblemKind
    seq: int | None
    record_id: str | None
    message: str


@dataclass
class VerifyResult:
    path: str
    checked: int = 0
    redacted: int = 0
    anchor_seq: int = 0
    head_seq: int = 0
    head_hash: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


_RECENT = 100_000  # how far back a misplaced link is looked up

_SELECT = (
    "SELECT seq, record_id, "
    + ", ".join(INDEX_COLUMNS)
    + ", body, sensitive, sensitive_digest, redacted, prev_hash, hash FROM records ORDER BY seq"
)


def inspect(path: str | os.PathLike[str]) -> FileState | None:
    """What the file at `path` is when it has no records to check; None for a ledger with records.
    Reads only: a file without the ledger's tables is left as it is."""
    with open(path, "rb") as f:
        magic = f.read(len(_SQLITE_MAGIC))
    if not magic:
        return "zero-byte"
    if magic != _SQLITE_MAGIC:
        return "not-sqlite"
    c = connect_readonly(str(path))
    try:
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"records", "meta"} <= tables:
            return "no-schema"
        if c.execute("SELECT 1 FROM records LIMIT 1").fetchone() is None:
            return "empty"
    except sqlite3.DatabaseError:
        return "not-sqlite"
    finally:
        c.close()
    return None


def describe(state: FileState) -> str:
    return {
        "zero-byte": "is a zero-byte file, not an audit ledger",
        "not-sqlite": "is not an SQLite file (not an audit ledger)",
        "no-schema": "is an SQLite file without the audit ledger's tables",
        "empty": "is an empty audit ledger (no records)",
    }[state]


def check_anchor(ledger: Ledger, seq: int, hash_: str) -> Problem | None:
    """Does the local ledger hold the row the backend's newest record names (seq `seq`, chain hash
    `hash_`)? With `verify` finding the chain intact, every record up to it is then as sent."""
    c = ledger.conn()
    row = c.execute("SELECT hash FROM records WHERE seq = ?", (seq,)).fetchone()
    last = int(c.execute("SELECT COALESCE(MAX(seq), 0) FROM records").fetchone()[0])
    anchor_seq, anchor_hash = ledger.anchor()
    held = f"the backend holds seq {seq} (hash {_short(hash_)})"
    if row is None:
        if seq > last:
            return Problem("truncated", seq, None, tail_cut(seq, hash_, last))
        if seq == anchor_seq and hash_ == anchor_hash:
            return None  # the local chain starts right after it (retention pruned up to it)
        if seq <= anchor_seq:
            return Problem(
                "truncated",
                seq,
                None,
                f"anchor too old: {held}, before the local chain's start at seq {anchor_seq + 1}; "
                "export newer records to prove the tail",
            )
        return Problem("deleted", seq, None, f"{held}, which the local ledger lacks (it ends at seq {last})")
    if row[0] != hash_:
        return Problem(
            "truncated",
            seq,
            None,
            f"tail cut: {held}, the local ledger has another record there (hash {_short(str(row[0]))}) and "
            f"ends at seq {last}: records were deleted and the head rewritten",
        )
    return None


def tail_cut(seq: int, hash_: str, last: int) -> str:
    return f"tail cut: the backend holds seq {seq} (hash {_short(hash_)}), the local ledger ends at seq {last}"


def _short(h: str) -> str:
    return h[:12] + "…" if len(h) > 12 else h


def _is_hash(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 64


def _corruption(rid: Any, body: Any, sensitive: Any, prev_hash: Any, stored: Any) -> str | None:
    """Why a row cannot be checked at all (cheap tests: a full JSON parse of every body would slow
    the walk of a large ledger; an edited body shows up as a hash mismatch anyway)."""
    if not isinstance(rid, str):
        return "its record id is missing"
    if not _is_hash(stored):
        return "its hash is NULL or not a hash" if stored is None else "its hash is not a hash"
    if not _is_hash(prev_hash):
        return "its link (prev_hash) is NULL or not a hash"
    if not isinstance(body, str) or not body.startswith("{") or not body.endswith("}"):
        return "its body is not JSON"
    if sensitive is not None and not isinstance(sensitive, str):
        return "its prompt text or image data is not text"
    return None


def _json(text: Any) -> Any:
    try:
        return json.loads(text) if isinstance(text, (str, bytes)) else None
    except ValueError:
        return None


def verify(ledger: Ledger, *, max_problems: int = 1000) -> VerifyResult:
    c = ledger.conn()
    anchor_seq, anchor_hash = ledger.anchor()
    head_seq, head_hash = ledger.head()
    out = VerifyResult(ledger.path, anchor_seq=anchor_seq, head_seq=head_seq, head_hash=head_hash)
    retention = c.execute("SELECT seq, body FROM records WHERE type = 'retention'").fetchall()
    retention_seqs = {r[0] for r in retention}
    n_index = len(INDEX_COLUMNS)

    def problem(kind: ProblemKind, seq: int | None, rid: str | None, msg: str) -> None:
        if len(out.problems) < max_problems:
            out.problems.append(Problem(kind, seq, rid, msg))

    lost_heads = []
    for last, msg in _vanished(c):
        lost_heads.append(last)
        problem("vanished", last[0] if isinstance(last, list) else None, None, msg)
    explained = [anchor_seq, anchor_hash] in lost_heads
    if anchor_seq and not explained and not any(_prunes_to(body, anchor_seq, anchor_hash) for _, body in retention):
        problem(
            "deleted",
            anchor_seq,
            None,
            f"the chain's start was moved to seq {anchor_seq + 1} without a "
            "retention run recorded in the ledger: records were deleted",
        )
    expected_prev, prev_seq, prev_rid = anchor_hash, anchor_seq, "the chain's start"
    after_corrupt = False  # the row before could not be read: its link cannot be followed
    # Broken links whose target is not stored before them: prev_hash -> the row. A later row whose
    # own hash is one of these was moved; whatever is left at the end was deleted (or replaced).
    dangling: dict[str, tuple[int, str, str]] = {}
    recent: OrderedDict[str, tuple[int, str]] = OrderedDict()  # hash -> row, for links that point back
    for row in c.execute(_SELECT):
        seq, rid = row[0], row[1]
        values = tuple(row[2 : 2 + n_index])
        body, sensitive, s_digest, redacted, prev_hash, stored = row[2 + n_index :]
        out.checked += 1
        name = f"record {rid} (seq {seq})"
        why = _corruption(rid, body, sensitive, prev_hash, stored)
        if why is not None:
            problem("corrupt", seq, rid if isinstance(rid, str) else None, f"row seq {seq} is corrupt: {why}")
            after_corrupt = True
            expected_prev, prev_seq, prev_rid = stored, seq, f"row seq {seq}"
            continue
        if row_hash(prev_hash, rid, values, body, s_digest) != stored:
            problem("edited", seq, rid, f"{name} was edited: its fields no longer match its hash")
        if sensitive is not None and (s_digest is None or sha256(sensitive) != s_digest):
            problem(
                "edited",
                seq,
                rid,
                f"{name} was edited: its prompt text or image data no longer matches the digest in its hash",
            )
        if sensitive is None and s_digest is not None:
            out.redacted += 1
            mark = _json(redacted) if redacted else None
            by = mark.get("by_seq") if isinstance(mark, dict) else None
            if not isinstance(by, int) or not (by in retention_seqs or by <= anchor_seq):
                problem(
                    "redacted",
                    seq,
                    rid,
                    f"{name} lost its prompt text or image data without a retention run recorded in the ledger",
                )
        if stored in dangling:
            later_seq, later_rid, _ = dangling.pop(stored)
            problem(
                "reordered",
                seq,
                rid,
                f"{name} was moved: it belongs before record {later_rid} (seq {later_seq})",
            )
        elif prev_hash != expected_prev and not after_corrupt:
            if prev_hash in recent:
                at_seq, at_rid = recent[prev_hash]
                problem(
                    "reordered",
                    seq,
                    rid,
                    f"{name} is out of order: it follows record {at_rid} (seq {at_seq}), not {prev_rid}",
                )
            else:
                gap = f"; seq {prev_seq + 1}..{seq - 1} missing" if seq > prev_seq + 1 else ""
                dangling[prev_hash] = (seq, rid, f"after {prev_rid}{gap}")
        recent[stored] = (seq, rid)
        if len(recent) > _RECENT:
            recent.popitem(last=False)
        expected_prev, prev_seq, prev_rid = stored, seq, f"record {rid} (seq {seq})"
        after_corrupt = False
    for seq, rid, where in sorted(dangling.values()):
        problem(
            "deleted",
            seq,
            rid,
            f"the record before record {rid} (seq {seq}) was deleted or replaced ({where})",
        )
    out.problems.sort(key=lambda p: (p.seq is None, p.seq or 0))
    if expected_prev != head_hash:
        problem(
            "truncated",
            prev_seq or None,
            None,
            f"records after {prev_rid} were deleted: the ledger's last write ended at seq {head_seq}",
        )
    return out


def _vanished(c: sqlite3.Connection) -> list[tuple[Any, str]]:
    """(lost head, message) for each earlier file at this path that vanished while in use."""
    row = c.execute("SELECT value FROM meta WHERE key = 'vanished'").fetchone()
    events = _json(row[0]) if row else None
    out = []
    for event in events if isinstance(events, list) else []:
        if not isinstance(event, dict):
            continue
        last, cont, at = event.get("last_head"), event.get("continued_from") or [0, ""], event.get("at")
        when = "?"
        if isinstance(at, (int, float)):
            when = datetime.fromtimestamp(at, timezone.utc).isoformat(timespec="seconds")
        upto = "its records"
        if isinstance(last, list) and len(last) == 2:
            upto = f"records up to seq {last[0]} (hash {_short(str(last[1]))})"
        msg = (
            f"the ledger file here was {event.get('gone', 'lost')} while in use (noticed {when}): {upto} were "
            f"in the lost file; this file goes on from seq {int(cont[0]) + 1}"
        )
        out.append((last, msg))
    return out


def _prunes_to(body: str, seq: int, hash_: str) -> bool:
    doc = _json(body)
    try:
        return doc["body"]["pruned"]["through"] == [seq, hash_]
    except (KeyError, TypeError):
        return False
