"""Request and response bodies of mapped REST calls: JSON or multipart/form-data, read and rewritten.

A body is addressed with small paths: `prompt`, `image_request.prompt`, `data[].url`, `data[0].task_id`
(`[]` = every element of a list, `[N]` = one element). Multipart bodies are addressed by field name.
A rewrite changes only the addressed values: the rest of a multipart body stays byte for byte as sent.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from email.message import Message
from typing import Any

_SEGMENT = re.compile(r"^(?P<name>[^\[\]]*)(?:\[(?P<index>\d*)\])?$")


def check_path(path: str) -> str:
    """Validate a body path (used by the mapping schema, so a typo fails at start-up)."""
    if not path or any(_SEGMENT.match(seg) is None for seg in path.split(".")):
        raise ValueError(f"not a body path: {path!r} (use a.b, list[], list[0])")
    return path


def slots(root: Any, path: str) -> list[tuple[Any, Any]]:
    """Every (container, key) that `path` addresses in `root` and that exists."""
    holder = {"": root}
    positions: list[tuple[Any, Any]] = [(holder, "")]
    for seg in path.split("."):
        m = _SEGMENT.match(seg)
        if m is None:
            return []
        name, index = m.group("name"), m.group("index")
        if name:
            positions = [(c[k], name) for c, k in positions if isinstance(c[k], dict) and name in c[k]]
        if index is not None:
            lists = [c[k] for c, k in positions if isinstance(c[k], list)]
            if index == "":
                positions = [(lst, i) for lst in lists for i in range(len(lst))]
            else:
                positions = [(lst, int(index)) for lst in lists if int(index) < len(lst)]
    return [(c, k) for c, k in positions if c is not holder]


@dataclass
class Part:
    head: bytes  # the part's header block, as sent
    name: str | None
    filename: str | None
    payload: bytes


class Multipart:
    """A multipart/form-data body split on its boundary; `encode()` gives back the same bytes."""

    def __init__(self, preamble: bytes, parts: list[Part], closing: bytes, delimiter: bytes) -> None:
        self.preamble = preamble
        self.parts = parts
        self.closing = closing
        self.delimiter = delimiter

    @classmethod
    def parse(cls, body: bytes, boundary: str) -> Multipart | None:
        delimiter = b"--" + boundary.encode("latin-1")
        chunks = body.split(delimiter)
        if len(chunks) < 2 or not chunks[-1].startswith(b"--"):
            return None
        parts: list[Part] = []
        for chunk in chunks[1:-1]:
            if not (chunk.startswith(b"\r\n") and chunk.endswith(b"\r\n")):
                return None
            head, sep, payload = chunk[2:-2].partition(b"\r\n\r\n")
            if not sep:
                return None
            name, filename = _disposition(head)
            parts.append(Part(head, name, filename, payload))
        return cls(chunks[0], parts, chunks[-1], delimiter)

    def text(self, name: str) -> list[str]:
        """Values of the plain (non-file) fields called `name`."""
        return [p.payload.decode("utf-8", "replace") for p in self.parts if p.name == name and p.filename is None]

    def has(self, name: str) -> bool:
        return any(p.name == name for p in self.parts)

    def set_text(self, name: str, value: str) -> int:
        changed = 0
        for part in self.parts:
            if part.name == name and part.filename is None:
                part.payload = value.encode("utf-8")
                changed += 1
        return changed

    def encode(self) -> bytes:
        pieces = [self.preamble]
        pieces += [b"\r\n" + p.head + b"\r\n\r\n" + p.payload + b"\r\n" for p in self.parts]
        pieces.append(self.closing)
        return self.delimiter.join(pieces)


def _disposition(head: bytes) -> tuple[str | None, str | None]:
    msg = Message()
    for line in head.decode("latin-1").split("\r\n"):
        key, sep, value = line.partition(":")
        if sep:
            msg[key.strip()] = value.strip()
    name = msg.get_param("name", header="content-disposition")
    filename = msg.get_param("filename", header="content-disposition")
    return (str(name) if name is not None else None, str(filename) if filename is not None else None)


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_json_type(content_type: str | None) -> bool:
    kind = media_type(content_type)
    return kind == "application/json" or kind.endswith("+json")


class Body:
    """A parsed request body: JSON, multipart, or unreadable (kind None)."""

    def __init__(self, kind: str | None, data: Any) -> None:
        self.kind = kind
        self.data = data

    @classmethod
    def parse(cls, raw: bytes | None, content_type: str | None) -> Body:
        if not raw:
            return cls(None, None)
        kind = media_type(content_type)
        if kind == "multipart/form-data":
            msg = Message()
            msg["content-type"] = content_type or ""
            boundary = msg.get_param("boundary")
            parsed = Multipart.parse(raw, str(boundary)) if boundary else None
            return cls("multipart" if parsed else None, parsed)
        if is_json_type(content_type) or raw[:1] in (b"{", b"["):
            try:
                return cls("json", json.loads(raw))
            except ValueError:
                return cls(None, None)
        return cls(None, None)

    def get(self, path: str) -> list[Any]:
        if self.kind == "json":
            return [c[k] for c, k in slots(self.data, path)]
        if self.kind == "multipart":
            return list(self.data.text(path))
        return []

    def has(self, path: str) -> bool:
        if self.kind == "multipart":
            return bool(self.data.has(path))
        return bool(self.get(path))

    def set(self, path: str, value: str) -> int:
        if self.kind == "json":
            found = slots(self.data, path)
            for c, k in found:
                c[k] = value
            return len(found)
        if self.kind == "multipart":
            return int(self.data.set_text(path, value))
        return 0

    def encode(self) -> bytes:
        if self.kind == "json":
            return json.dumps(self.data, ensure_ascii=False).encode("utf-8")
        if self.kind == "multipart":
            return bytes(self.data.encode())
        raise ValueError("body cannot be encoded")
