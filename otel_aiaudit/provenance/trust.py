"""What a reader trusts: C2PA trust lists, single roots, allowed certificates and timestamp authorities.

c2pa ships no trust list and trusts nothing by default. These options map onto its `trust` settings
(c2pa-rs 0.91), in the file formats the C2PA conformance trust lists are published in:

- a trust list: a PEM bundle of trust anchors (replaces c2pa's anchor list: `trust.trust_anchors`);
- a single root, e.g. from `aiaudit c2pa dev-cert` (added to the list: `trust.user_anchors`);
- an allowed list: end-entity certificates trusted one by one, whatever issued them, as PEM or as
  base64 SHA-256 hashes one per line (only honoured inside `trust.anchors` in this c2pa version);
- an EKU configuration: the extended key usages a signing certificate may carry, one OID a line,
  `//` comments (`trust.trust_config`, the list's store.cfg);
- a TSA trust list: anchors for time-stamp authorities only (`trust.anchors`, kind `tsa`). A
  timestamp from an untrusted TSA is checked but not relied on: c2pa then judges the signing
  certificate's validity at the time of reading, not at the time of signing.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509

_OID = re.compile(r"[0-2](\.\d+)+")


class TrustFileError(ValueError):
    """A trust file that cannot be used; `option` is the CLI option that named it."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option


@dataclass(frozen=True)
class TrustConfig:
    roots: str | None = None
    trust_list: str | None = None
    allowed_list: str | None = None
    eku_config: str | None = None
    tsa_trust_list: str | None = None

    def settings(self) -> dict[str, Any]:
        """The `trust` section of a c2pa Context."""
        trust: dict[str, Any] = {}
        if self.trust_list:
            trust["trust_anchors"] = self.trust_list
        if self.roots:
            trust["user_anchors"] = self.roots
        if self.eku_config:
            trust["trust_config"] = self.eku_config
        anchors: list[dict[str, Any]] = []
        if self.allowed_list:
            anchors.append({"trust_kind": "manifest", "trust_anchors": "", "allowed_list": self.allowed_list})
        if self.tsa_trust_list:
            anchors.append({"trust_kind": "tsa", "trust_anchors": self.tsa_trust_list})
        if anchors:
            trust["anchors"] = anchors
        return trust


def _certificates(text: str, option: str, path: Path) -> str:
    try:
        certs = x509.load_pem_x509_certificates(text.encode())
    except ValueError as exc:
        raise TrustFileError(option, f"{path} is not a PEM certificate bundle: {exc}") from exc
    if not certs:
        raise TrustFileError(option, f"{path} holds no certificate")
    return text


def _allowed(text: str, option: str, path: Path) -> str:
    if "-----BEGIN CERTIFICATE-----" in text:
        return _certificates(text, option, path)
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("//")]
    for line in lines:
        try:
            digest = base64.b64decode(line, validate=True)
        except binascii.Error:
            digest = b""
        if len(digest) != 32:
            raise TrustFileError(option, f"{path}: {line[:40]!r} is neither a certificate nor a base64 SHA-256")
    if not lines:
        raise TrustFileError(option, f"{path} holds no certificate or hash")
    return text


def _eku(text: str, option: str, path: Path) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("//")]
    bad = [line for line in lines if not _OID.fullmatch(line)]
    if bad or not lines:
        raise TrustFileError(option, f"{path}: expected one EKU OID a line, e.g. 1.3.6.1.5.5.7.3.4")
    return text


def _read(path: Path | None, option: str) -> str | None:
    if path is None:
        return None
    try:
        return Path(path).read_text()
    except (OSError, UnicodeDecodeError) as exc:
        raise TrustFileError(option, f"cannot read {path}: {exc}") from exc


def load_trust(
    root: Path | None = None,
    trust_list: Path | None = None,
    allowed_list: Path | None = None,
    eku_config: Path | None = None,
    tsa_trust_list: Path | None = None,
) -> TrustConfig:
    """Read and check the files; a bad one raises TrustFileError naming its option."""
    checks = [
        (root, "--trust-root", _certificates),
        (trust_list, "--trust-list", _certificates),
        (allowed_list, "--allowed-list", _allowed),
        (eku_config, "--trust-config", _eku),
        (tsa_trust_list, "--tsa-trust-list", _certificates),
    ]
    values: list[str | None] = []
    for path, option, check in checks:
        text = _read(path, option)
        values.append(check(text, option, Path(path)) if text is not None and path is not None else None)
    return TrustConfig(*values)


def summarise_trust(codes: dict[str, str]) -> dict[str, Any]:
    """The signer's trust from c2pa's status codes (code -> explanation)."""
    if "signingCredential.trusted" in codes:
        # c2pa names the list that matched, e.g. "found in [user_anchors] trust anchors".
        return {"signer": "trusted", "detail": codes["signingCredential.trusted"]}
    if "signingCredential.untrusted" in codes:
        return {"signer": "untrusted", "detail": codes["signingCredential.untrusted"]}
    return {"signer": None, "detail": None}
