"""`aiaudit ledger verify`: walk the chain and name every record that was edited, deleted or moved.

What the walk checks, row by row in storage order:
- the row's hash matches its columns, the digest of its body and its sensitive digest (edited);
- its stored text or image data, when still there, matches that digest (edited);
- it links to the row before it (deleted, when the link points at nothing stored; reordered, when it
  points at a row stored later);
- data missing from a row was removed by a retention run that the chain itself records;
- the last row is the head the ledger last wrote (rows cut from the end).
A chain is only as trustworthy as its last hash kept elsewhere: keep the printed head hash (or the
collector's copy of the records, which carry `aiaudit.ledger.hash`) to detect a rewrite of the whole file.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Literal

from .chain import INDEX_COLUMNS, row_hash, sha256
from .store import Ledger

ProblemKind = Literal["edited", "deleted", "reordered", "redacted", "truncated"]


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

    if anchor_seq and not any(_prunes_to(body, anchor_seq, anchor_hash) for _, body in retention):
        problem(
            "deleted",
            anchor_seq,
            None,
            f"the chain's start was moved to seq {anchor_seq + 1} without a "
            "retention run recorded in the ledger: records were deleted",
        )
    expected_prev, prev_seq, prev_rid = anchor_hash, anchor_seq, "the chain's start"
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
            mark = json.loads(redacted) if redacted else None
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
        elif prev_hash != expected_prev:
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


def _prunes_to(body: str, seq: int, hash_: str) -> bool:
    through = json.loads(body).get("body", {}).get("pruned", {}).get("through")
    return through == [seq, hash_]
