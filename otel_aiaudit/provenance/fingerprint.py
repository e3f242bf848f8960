"""Perceptual fingerprints: the last way back to a generation when neither manifest nor watermark is left.

A pHash (imagehash's DCT hash, 64 bits) changes little under re-encoding, resizing and mild edits, so a
copy's hash lands a few bits from its original's. Unlike a watermark key it is not unique to one
generation (similar images hash alike), so a near hash names candidates, never a match.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

HASH_BITS = 64
# Candidates are records within this many of 64 bits. The marked copy, re-saves, JPEG down to quality
# 80 and resizing stay within it (benchmarks/watermark.py); unrelated images sit near 32 bits apart.
MAX_DISTANCE = 10
ALG = "phash"


def phash(image: PILImage) -> str:
    """The 64-bit pHash of `image`, as 16 hex digits."""
    import imagehash

    return str(imagehash.phash(image))


def distance(a: str, b: str) -> int:
    """Hamming distance between two hex fingerprints of the same length."""
    return (int(a, 16) ^ int(b, 16)).bit_count()
