"""The hash chain: how a ledger row is split, digested and linked to the row before it.

Each audit record is stored in two parts:
- `body`: what is kept for the record's whole life (who, when, what, decision, cost, hashes ...);
- `sensitive`: what a retention class removes earlier (prompt text after `prompts` days, image data
  after `images` days). Only prompt and image records have one.

The row hash covers the index columns, the SHA-256 of `body` and the stored *digest* of `sensitive`,
never the sensitive text itself. Retention can therefore drop the text and keep the digest: the
chain still verifies, and the digest still proves what was there to anyone who holds a copy.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from ..telemetry import semconv as sc
from ..telemetry.audit_log import AuditRecord
from ..text import encodable, has_surrogates

GENESIS = "0" * 64

# Per record type: (body keys, attribute keys) that a retention class may remove.
SENSITIVE_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "prompt": (("prompt", "negative_prompt", "sent_prompt", "revised_prompt"), (sc.PROMPT,)),
    "image": (("images", "c2pa_sidecars"), (sc.IMAGE_HASHES,)),
}

# The columns the report queries; all of them are inside the row hash.
INDEX_COLUMNS = (
    "generation_id",
    "type",
    "ts",
    "user",
    "team",
    "provider",
    "model",
    "status",
    "decision",
    "cost_micro",
    "image_count",
    "purpose",
    "flags",
    "trace_id",
    "span_id",
)


# One encoder for every row: json.dumps with these options builds a new JSONEncoder per call, which
# costs as much as encoding a row header. `encode` keeps no state between calls (thread-safe).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode


def canonical(value: Any) -> str:
    """One spelling per value: sorted keys, no spaces, UTF-8 text (floats keep Python's repr).

    Any surrogate left in a string (a user name, an error message...) is written as the visible
    `\\uXXXX` of `text.encodable()`, so the row always encodes and the write never fails on text.
    """
    out = _CANONICAL(value)
    if not has_surrogates(out):
        return out
    return _CANONICAL(_encodable(value))


def _encodable(value: Any) -> Any:
    """`value` with `encodable()` applied to every string in it, keys included; what JSON cannot
    hold becomes text with `str()`, as `default=str` would, and is escaped too."""
    if isinstance(value, str):
        return encodable(value)
    if isinstance(value, dict):
        return {encodable(k) if isinstance(k, str) else k: _encodable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encodable(v) for v in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return encodable(str(value))


# Copying a fresh hash object skips OpenSSL's per-call algorithm lookup: eight digests per generation.
_SHA256 = hashlib.sha256()


def sha256(text: str) -> str:
    h = _SHA256.copy()
    h.update(text.encode("utf-8"))
    return h.hexdigest()


@dataclass
class Row:
    """One ledger row before it is chained (seq, prev_hash and hash are added on append)."""

    record_id: str
    generation_id: str
    type: str
    ts: float
    user: str | None
    team: str | None
    provider: str | None
    model: str | None
    status: str | None
    decision: str | None
    cost_micro: int | None
    image_count: int | None
    purpose: str | None
    flags: str | None
    trace_id: str | None
    span_id: str | None
    body: str
    sensitive: str | None
    sensitive_digest: str | None

    def index_values(self) -> tuple[Any, ...]:
        return _index_values(self)


# One C call for the whole tuple instead of a generator of getattr calls.
_index_values = attrgetter(*INDEX_COLUMNS)


def row_hash(
    prev_hash: str, record_id: str, index_values: tuple[Any, ...], body: str, sensitive_digest: str | None
) -> str:
    """Links a row to the one before it. The storage position (seq) is deliberately left out: order
    is what the links say, so a moved row shows up as a broken link, not as an edited row."""
    header = [record_id, list(index_values), sha256(body), sensitive_digest]
    return sha256(prev_hash + canonical(header))


def _micro(usd: Any) -> int | None:
    if isinstance(usd, (int, float)) and not isinstance(usd, bool):
        return int(round(usd * 1_000_000))
    return None


def split(record: AuditRecord) -> Row:
    """Turn an AuditRecord into a Row: index columns, the kept body and the removable part."""
    attrs = dict(record.attributes)
    body = dict(record.body)
    sensitive: dict[str, Any] = {}
    body_keys, attr_keys = SENSITIVE_KEYS.get(record.type, ((), ()))
    s_body = {k: body.pop(k) for k in body_keys if k in body}
    s_attrs = {k: attrs.pop(k) for k in attr_keys if k in attrs}
    if s_body:
        sensitive["body"] = s_body
    if s_attrs:
        sensitive["attributes"] = s_attrs
    kept = {
        "attributes": attrs,
        "body": body,
        "severity": record.severity,
        "event_name": record.event_name,
        "timestamp": record.timestamp,
    }
    if record.extra:
        kept["extra"] = record.extra
    sensitive_text = canonical(sensitive) if sensitive else None
    a, b = record.attributes, record.body
    policy = b.get("policy") if isinstance(b.get("policy"), dict) else {}
    cost = b.get("cost") if isinstance(b.get("cost"), dict) else {}
    # Attributes first, then the body: records keep their attributes lean, the body has the rest.
    flags = a.get(sc.POLICY_FLAGS) or policy.get("flags")
    count = a.get(sc.RESPONSE_IMAGE_COUNT, b.get("image_count"))
    if count is None and isinstance(b.get("images"), list):
        count = len(b["images"])
    row = Row(
        record_id=record.record_id,
        generation_id=record.generation_id,
        type=record.type,
        ts=float(record.timestamp),
        user=a.get(sc.USER_ID, b.get("user")),
        team=a.get(sc.TEAM, b.get("team")),
        provider=a.get(sc.GEN_AI_PROVIDER_NAME, b.get("provider")),
        model=a.get(sc.GEN_AI_REQUEST_MODEL, b.get("model")),
        status=a.get(sc.STATUS, b.get("status")),
        decision=a.get(sc.POLICY_DECISION, policy.get("decision")),
        cost_micro=_micro(a.get(sc.COST_USD, cost.get("usd"))),
        image_count=int(count) if isinstance(count, int) and not isinstance(count, bool) else None,
        purpose=a.get(sc.PURPOSE, b.get("purpose")),
        # Comma-joined so the report can test "any hit" with one indexed column; flags never hold commas.
        flags=",".join(flags) if isinstance(flags, (list, tuple)) and flags else None,
        trace_id=record.trace_id,
        span_id=record.span_id,
        body=canonical(kept),
        sensitive=sensitive_text,
        sensitive_digest=sha256(sensitive_text) if sensitive_text is not None else None,
    )
    # The index columns are stored as they are (not as JSON): escape their text the same way.
    for column in INDEX_COLUMNS:
        value = getattr(row, column)
        if isinstance(value, str):
            setattr(row, column, encodable(value))
    return row


def merge(body: str, sensitive: str | None) -> dict[str, Any]:
    """The record as written (minus what retention removed): attributes, body, severity, event name."""
    doc = json.loads(body)
    if sensitive:
        extra = json.loads(sensitive)
        doc["attributes"].update(extra.get("attributes", {}))
        doc["body"].update(extra.get("body", {}))
    return doc
