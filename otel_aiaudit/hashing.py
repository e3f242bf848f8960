"""Keyed hashes for prompts and images: HMAC-SHA256 with OTEL_AIAUDIT_HASH_KEY, plain SHA-256 without.

The prefix says which was used, so records hashed with and without a key are never confused.
Text is hashed as the UTF-8 of `text.encodable()`, the same text the records and the ledger keep,
so a prompt with a lone surrogate hashes (instead of raising) and matches its recorded text.
"""

from __future__ import annotations

import hashlib
import hmac

from .text import encode


class Hasher:
    def __init__(self, key: str | None = None) -> None:
        self._key = key.encode() if key else None
        # Copying a primed hash object skips the per-call algorithm lookup (and, keyed, the key
        # schedule): half the cost for a prompt-sized input, on every generation.
        self._base: hashlib._Hash | hmac.HMAC = (
            hmac.new(self._key, digestmod=hashlib.sha256) if self._key is not None else hashlib.sha256()
        )
        self._prefix = "hmac-sha256:" if self._key is not None else "sha256:"

    @property
    def keyed(self) -> bool:
        return self._key is not None

    def digest(self, data: bytes) -> str:
        h = self._base.copy()
        h.update(data)
        return self._prefix + h.hexdigest()

    def text(self, value: str) -> str:
        return self.digest(encode(value))
