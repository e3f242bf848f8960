"""Fetching a URL-only image, for users who opt into signing those (OTEL_AIAUDIT_C2PA_FETCH_URLS).

This puts a download inside the instrumented call, so it is bounded in time and size.
"""

from __future__ import annotations

import urllib.parse
import urllib.request

MAX_BYTES = 64 * 1024 * 1024
TIMEOUT_S = 10.0
_SCHEMES = {"http", "https", "data"}


class FetchError(Exception):
    """The image could not be fetched; `reason` is a short slug."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def fetch_image(url: str, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES) -> bytes:
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in _SCHEMES:
        raise FetchError("unsupported_url", f"will not fetch a {scheme or 'relative'} URL")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (scheme checked above)
            data = response.read(max_bytes + 1)
    except (OSError, ValueError) as exc:  # URLError and HTTPError are OSErrors
        raise FetchError("fetch_failed", f"fetching the image failed: {exc}") from exc
    if len(data) > max_bytes:
        raise FetchError("too_large", f"image is larger than {max_bytes} bytes")
    return data
