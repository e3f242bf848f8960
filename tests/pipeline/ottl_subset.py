"""Applies the collector's audit transform statements to a real record, to see the document each class
pipeline hands the Elasticsearch exporter.

Only the statement forms the audit pipelines use are understood; any other statement raises, so a change
to the config that this module cannot follow fails the tests instead of passing unchecked. Semantics
follow OTTL: keep_keys drops every other key of a map; set(target, value) does nothing when the value is
absent; a statement that errors is skipped (the pipelines' error_mode is ignore).
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

_KEEP = re.compile(r"^keep_keys\((attributes|body),\s*(\[.*\])\)$", re.S)
_SET_BODY = re.compile(r'^set\(body,\s*body\["([^"]+)"\]\)$')
_SET_LIT = re.compile(r'^set\(attributes\["([^"]+)"\],\s*"([^"]*)"\)$')
_SET_ATTR = re.compile(r'^set\(attributes\["([^"]+)"\],\s*attributes\["([^"]+)"\]\)$')


class Unsupported(Exception):
    pass


def apply(statements: list[str], record: dict[str, Any]) -> dict[str, Any]:
    """`record`: {"attributes": {...}, "body": ...}; returns a transformed copy."""
    rec = copy.deepcopy(record)
    attrs = rec["attributes"]
    for stmt in statements:
        if m := _KEEP.match(stmt):
            keys = json.loads(m.group(2))
            target = attrs if m.group(1) == "attributes" else rec["body"]
            if isinstance(target, dict):  # keep_keys on a non-map body is an error: skipped
                for key in [k for k in target if k not in keys]:
                    del target[key]
        elif m := _SET_BODY.match(stmt):
            body = rec["body"]
            if isinstance(body, dict) and m.group(1) in body:
                rec["body"] = body[m.group(1)]
        elif m := _SET_LIT.match(stmt):
            attrs[m.group(1)] = m.group(2)
        elif m := _SET_ATTR.match(stmt):
            if m.group(2) in attrs:
                attrs[m.group(1)] = attrs[m.group(2)]
        else:
            raise Unsupported(stmt)
    return rec


def document(transformed: dict[str, Any]) -> dict[str, Any]:
    """The document the exporter (otel mapping, logs_dynamic_id on) indexes: `_id` from
    elasticsearch.document_id, which is removed; data_stream.* at the root."""
    attrs = dict(transformed["attributes"])
    doc_id = attrs.pop("elasticsearch.document_id", None)
    stream = {k.split(".", 1)[1]: attrs.pop(k) for k in [k for k in attrs if k.startswith("data_stream.")]}
    return {"_id": doc_id, "data_stream": stream, "attributes": attrs, "body": transformed["body"]}
