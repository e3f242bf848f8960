"""Image formats we can embed C2PA manifests in, recognised by their magic bytes.

Providers label bytes loosely (or not at all: `b64_json` carries no type, gpt-image `output_format`
may be png, jpeg or webp), and c2pa needs the exact format to place the manifest, so the bytes
themselves decide.
"""

from __future__ import annotations

PNG = "image/png"
JPEG = "image/jpeg"
WEBP = "image/webp"
SUPPORTED = (PNG, JPEG, WEBP)

EXTENSIONS = {PNG: "png", JPEG: "jpg", WEBP: "webp"}


def sniff_mime(data: bytes) -> str | None:
    """The MIME type of PNG, JPEG or WebP bytes; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    return None
