"""`aiaudit ledger retention`: the policy's retention classes, applied to the local ledger.

- prompt records older than `retention.prompts` days lose their text (prompt, negative, sent and
  revised prompt); their hashes and lengths stay;
- image records older than `retention.images` days lose their image data (hashes, URLs, mime types);
- every record older than `retention.logs` days is deleted, from the start of the chain on.

Removed text leaves its digest in the row, so the chain still verifies; each run appends one
`retention` record to the chain saying what it removed and where the chain now starts, and the
verifier accepts missing data only when such a record accounts for it. Deleted content is overwritten
(`secure_delete`) and the WAL checkpointed, so the text is not left behind in free pages.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import asdict, dataclass

from ..policy.config import Retention
from ..telemetry.audit_log import AuditRecord
from .chain import split
from .store import Ledger

DAY_S = 86_400


@dataclass
class RetentionResult:
    applied: bool
    prompts_redacted: int
    images_redacted: int
    pruned: int
    pruned_through_seq: int | None
    record_id: str | None  # the retention record appended to the chain (when applied)
    cutoffs: dict[str, float]

    def to_dict(self) -> dict:
        return asdict(self)


def apply_retention(
    ledger: Ledger, retention: Retention, *, apply: bool = False, now: float | None = None
) -> RetentionResult:
    now = time.time() if now is None else now
    cutoffs = {
        "prompts": now - retention.prompts * DAY_S,
        "images": now - retention.images * DAY_S,
        "logs": now - retention.logs * DAY_S,
    }
    c = ledger.conn()
    if apply:
        c.execute("PRAGMA secure_delete = ON")
    with ledger.txn() as c:
        n_prompt = _count_sensitive(c, "prompt", cutoffs["prompts"])
        n_image = _count_sensitive(c, "image", cutoffs["images"])
        # Prune a prefix of the chain: the rows before the first one that is young enough.
        stop = c.execute("SELECT MIN(seq) FROM records WHERE ts >= ?", (cutoffs["logs"],)).fetchone()[0]
        stop_cond, args = ("seq < ?", (stop,)) if stop is not None else ("1", ())
        n_prune, last = c.execute(f"SELECT COUNT(*), MAX(seq) FROM records WHERE {stop_cond}", args).fetchone()
        result = RetentionResult(apply, n_prompt, n_image, n_prune, last, None, cutoffs)
        if not apply or not (n_prompt or n_image or n_prune):
            return result
        through = None
        if n_prune:
            h = c.execute("SELECT hash FROM records WHERE seq = ?", (last,)).fetchone()[0]
            through = [last, h]
        rid = f"retention:{uuid.uuid4().hex}"
        record = AuditRecord(
            record_id=rid,
            type="retention",
            generation_id=rid,
            timestamp=now,
            trace_id=None,
            span_id=None,
            attributes={"aiaudit.record.type": "retention"},
            body={
                "policy": {"prompts": retention.prompts, "images": retention.images, "logs": retention.logs},
                "cutoffs": cutoffs,
                "prompts_redacted": n_prompt,
                "images_redacted": n_image,
                "pruned": {"count": n_prune, "through": through},
            },
            event_name="aiaudit.retention",
        )
        (by_seq,) = ledger.append_in(c, [split(record)])
        for rtype, klass in (("prompt", "prompts"), ("image", "images")):
            mark = json.dumps({"at": now, "by": rid, "by_seq": by_seq, "class": klass})
            c.execute(
                "UPDATE records SET sensitive = NULL, redacted = ? WHERE type = ? AND sensitive IS NOT NULL AND ts < ?",
                (mark, rtype, cutoffs[klass]),
            )
        if through is not None:
            c.execute("DELETE FROM records WHERE seq <= ?", (last,))
            ledger.set_meta(c, "anchor", through)
        result.record_id = rid
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    c.execute("PRAGMA secure_delete = OFF")
    return result


def _count_sensitive(c, rtype: str, cutoff: float) -> int:  # noqa: ANN001 - sqlite3 connection
    return int(
        c.execute(
            "SELECT COUNT(*) FROM records WHERE type = ? AND sensitive IS NOT NULL AND ts < ?",
            (rtype, cutoff),
        ).fetchone()[0]
    )
