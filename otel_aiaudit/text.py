"""Text that can always be encoded: what the hasher, the audit records and the ledger store.

A Python `str` may hold lone surrogates (U+D800-U+DFFF): they come from `surrogateescape`
decoding, from JSON with a `\\ud800` escape, or from a caller on purpose. UTF-8 cannot encode them,
so SQLite, OTLP protobuf and `str.encode()` all fail on such text. `encodable()` is the one
convention every writer uses: each surrogate code point becomes the six visible characters
`\\uXXXX` (backslash, `u`, four lower-case hex digits), everything else is kept. The prompt hash is
taken over the UTF-8 of that text, so the same prompt always hashes the same, and the text in a
record hashes to the hash next to it.

The escape is not reversible: a prompt that literally contains the characters `\\ud800` hashes
like one that contains the lone surrogate. That is accepted, since no valid text holds a surrogate.

`for_provider()` is the other direction: what may be sent at all. Control characters (other than
newline) and surrogates are never sent; the policy engine records when it removed any.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def has_surrogates(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None


def encodable(text: str) -> str:
    """`text` with every surrogate code point written as `\\uXXXX`: always valid UTF-8."""
    if not has_surrogates(text):
        return text  # the common case: no copy
    return _SURROGATE.sub(_escape, text)


def encode(text: str) -> bytes:
    """The UTF-8 of `encodable(text)`: the bytes a text hash is taken over."""
    return encodable(text).encode("utf-8")


# C0 and C1 controls except newline, plus surrogates. Line breaks other than "\n" become "\n"
# and the other white-space controls a space, so removing them never glues two words together.
_UNSENDABLE = re.compile("\r\n?|[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_ASCII_CONTROLS = bytes([*range(0x0A), *range(0x0B, 0x20), 0x7F])
_REPLACEMENT = {"\r": "\n", "\r\n": "\n", "\x85": "\n", "\t": " ", "\x0b": " ", "\x0c": " "}


def _replace(match: re.Match[str]) -> str:
    return _REPLACEMENT.get(match.group(), "")


def for_provider(text: str) -> tuple[str, int]:
    """(`text` without control characters other than newline and without surrogates, how many
    characters were removed or replaced). A "\\r\\n" pair counts once."""
    if text.isascii():
        # Every prompt passes here: deleting the controls from the bytes and comparing lengths
        # costs a third of `isprintable()` (which also rejects every newline).
        raw = text.encode("ascii")
        if len(raw.translate(None, _ASCII_CONTROLS)) == len(raw):
            return text, 0
    elif text.isprintable():  # no control, format or surrogate character at all
        return text, 0
    return _UNSENDABLE.subn(_replace, text)
