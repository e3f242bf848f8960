"""Anchors: the ledger seq and chain hash (`aiaudit.ledger.seq`, `aiaudit.ledger.hash`) that every
exported audit record carries, read back from what the backend holds.

The file is NDJSON, one document a line, streamed (an export can be large): an Elasticsearch
document or its `_source`, with the two keys in `attributes` (flattened, or nested as objects), or a
line of the collector's file exporter (OTLP JSON: resourceLogs / scopeLogs / logRecords, attributes
as a list of {key, value: {intValue | stringValue}}). The newest anchor (the highest seq) is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SEQ = "aiaudit.ledger.seq"
HASH = "aiaudit.ledger.hash"


@dataclass
class AnchorScan:
    seq: int | None = None
    hash: str | None = None
    found: int = 0  # records with both keys
    unreadable: int = 0  # lines that are not JSON
    conflict: str | None = None  # another hash for the newest seq, when one was seen


def scan(path: str | Path) -> AnchorScan:
    out = AnchorScan()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if SEQ not in line:  # most lines of a mixed export: skip them unparsed
                continue
            try:
                doc = json.loads(line)
            except ValueError:
                out.unreadable += 1
                continue
            for seq, hash_ in _anchors(doc):
                out.found += 1
                if out.seq is None or seq > out.seq:
                    out.seq, out.hash, out.conflict = seq, hash_, None
                elif seq == out.seq and hash_ != out.hash:
                    out.conflict = hash_
    return out


def _anchors(doc: Any) -> Iterator[tuple[int, str]]:
    if not isinstance(doc, dict):
        return
    if "resourceLogs" in doc:
        for rl in doc.get("resourceLogs") or []:
            for sl in (rl or {}).get("scopeLogs") or []:
                for rec in (sl or {}).get("logRecords") or []:
                    attrs = {a.get("key"): _otlp_value(a.get("value")) for a in (rec or {}).get("attributes") or []}
                    yield from _pair(attrs.get(SEQ), attrs.get(HASH))
        return
    src = doc.get("_source", doc)
    attrs = src.get("attributes") if isinstance(src, dict) else None
    if isinstance(attrs, dict):
        yield from _pair(_lookup(attrs, SEQ), _lookup(attrs, HASH))


def _lookup(attrs: dict[str, Any], key: str) -> Any:
    if key in attrs:
        return attrs[key]
    node: Any = attrs  # Elasticsearch may keep dotted keys as nested objects
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _otlp_value(value: Any) -> Any:
    if not isinstance(value, dict):
        return None
    for kind in ("intValue", "stringValue"):
        if kind in value:
            return value[kind]
    return None


def _pair(seq: Any, hash_: Any) -> Iterator[tuple[int, str]]:
    if isinstance(seq, list) and len(seq) == 1:  # Elasticsearch fields come back as lists
        seq = seq[0]
    if isinstance(hash_, list) and len(hash_) == 1:
        hash_ = hash_[0]
    if isinstance(seq, bool) or not isinstance(hash_, str) or not hash_:
        return
    try:
        n = int(seq)  # OTLP JSON writes 64-bit ints as strings
    except (TypeError, ValueError):
        return
    yield n, hash_.lower()
