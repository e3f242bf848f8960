"""Keyed hashes for prompts and images: HMAC-SHA256 with OTEL_AIAUDIT_HASH_KEY, plain SHA-256 without.

The prefix says which was used, so records hashed with and without a key are never confused.
"""

from __future__ import annotations

import hashlib
import hmac


class Hasher:
    def __init__(self, key: str | None = None) -> None:
        self._key = key.encode() if key else None

    @property
    def keyed(self) -> bool:
        return self._key is not None

    def digest(self, data: bytes) -> str:
        if self._key is not None:
            return "hmac-sha256:" + hmac.new(self._key, data, hashlib.sha256).hexdigest()
        return "sha256:" + hashlib.sha256(data).hexdigest()

    def text(self, value: str) -> str:
        return self.digest(value.encode("utf-8"))
