"""RFC 3161 time-stamping around c2pa signing: why a timestamp failed, and when to ask the TSA again.

c2pa requests the token itself (the signer's `ta_url`), so all this module sees of a failing time-stamp
authority is the text of the c2pa error. A TSA that is down must not break the user's call: the image
is signed without a timestamp and the record says `timestamp: failed:<why>`. A TSA that accepts the
connection and never answers costs c2pa's 30 s HTTP timeout per image, so after a failure the TSA is
left alone for a while (`retry_after`) and images signed meanwhile record `failed:tsa_cooldown`.

Reading back, `summarise_signing_time` says when the signature was made and whether the signing
certificate was valid then.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from typing import Any

# Values of the image record's `timestamp` field.
STAMPED = "rfc3161"  # the signature carries a time-stamp token
NOT_CONFIGURED = "none"  # no OTEL_AIAUDIT_C2PA_TSA_URL
COOLDOWN = "tsa_cooldown"

DEFAULT_RETRY_AFTER_S = 60.0

_HTTP_STATUS = re.compile(r"HTTP error \(status = (\d{3})")


def failure_reason(message: str) -> str:
    """A short slug for a c2pa signing error caused by the time-stamp authority."""
    status = _HTTP_STATUS.search(message)
    if status:
        return f"http_{status.group(1)}"
    lowered = message.lower()
    if "http resolver" in lowered or "error sending request" in lowered:
        return "unreachable"
    if "decode error" in lowered or "time stamp token" in lowered or "timestamp" in lowered:
        return "bad_response"
    return "error"


class TsaGate:
    """Whether to ask the TSA now. Thread-safe; a success closes the cooldown at once."""

    def __init__(self, retry_after: float = DEFAULT_RETRY_AFTER_S) -> None:
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self._failed_at: float | None = None

    def should_try(self) -> bool:
        with self._lock:
            return self._failed_at is None or time.monotonic() - self._failed_at >= self.retry_after

    def failed(self) -> None:
        with self._lock:
            self._failed_at = time.monotonic()

    def succeeded(self) -> None:
        with self._lock:
            self._failed_at = None


def _parse_time(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)


def _who(info: dict[str, Any]) -> str | None:
    subject = info.get("subject") or {}
    parts = [str(subject[k]) for k in ("O", "CN") if subject.get(k)]
    return " / ".join(parts) or None


def summarise_signing_time(
    signature: dict[str, Any], codes: dict[str, str], failed: set[str]
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(timestamp, signing certificate) from a manifest's crJSON `signature` and its status codes.

    `certificate_valid_at_signing` is judged here from the certificate's validity and the token's time,
    because c2pa itself only uses the token's time when the TSA is trusted: an untrusted token leaves an
    expired certificate reading as expired even though it was valid when it signed.
    """
    cert_info = signature.get("certificateInfo") or {}
    validity = cert_info.get("validity") or {}
    not_before, not_after = _parse_time(validity.get("notBefore")), _parse_time(validity.get("notAfter"))
    certificate = None
    if not_before and not_after:
        certificate = {
            "subject": _who(cert_info),
            "not_before": not_before.isoformat(),
            "not_after": not_after.isoformat(),
            "expired": dt.datetime.now(dt.timezone.utc) > not_after,
        }
    stamp = signature.get("timeStampInfo") or {}
    when = _parse_time(stamp.get("timestamp"))
    if when is None:
        return None, certificate
    token_failed = sorted(code for code in failed if code.startswith("timeStamp."))
    timestamp = {
        "time": when.isoformat(),
        "authority": _who(stamp.get("certificateInfo") or {}),
        "token": "invalid" if token_failed else ("valid" if "timeStamp.validated" in codes else "unchecked"),
        "failures": token_failed,
        "tsa_trusted": "timeStamp.trusted" in codes,
        "certificate_valid_at_signing": (
            bool(not_before <= when <= not_after) if not_before and not_after and not token_failed else None
        ),
    }
    return timestamp, certificate
