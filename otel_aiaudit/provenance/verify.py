"""Reading content credentials back: the validation state, the manifest summary and our assertion.

Used by `aiaudit verify-image` and by tests. Reading never touches the network (no remote manifests,
no OCSP). Trust comes only from the anchors given (a root, or a C2PA trust list: see trust.py): c2pa
ships no trust list, so without them the best state an image can reach is `valid` (signature intact,
signer not known). A signature with an RFC 3161 timestamp also says when it was made and whether the
signing certificate was valid then.
"""

from __future__ import annotations

import base64
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import c2pa

from otel_aiaudit.provenance.formats import sniff_mime
from otel_aiaudit.provenance.manifest import ASSERTION_LABEL
from otel_aiaudit.provenance.trust import TrustConfig, summarise_trust
from otel_aiaudit.provenance.tsa import summarise_signing_time


@dataclass
class Verification:
    state: str  # trusted | valid | invalid | none (no manifest)
    mime_type: str | None = None
    active_label: str | None = None
    manifest_count: int = 0
    title: str | None = None
    claim_generator: str | None = None
    signature: dict[str, Any] = field(default_factory=dict)  # alg, issuer, common_name
    actions: list[dict[str, Any]] = field(default_factory=list)
    ingredients: list[dict[str, Any]] = field(default_factory=list)  # relationship, title, active_manifest
    assertion_labels: list[str] = field(default_factory=list)
    assertion: dict[str, Any] | None = None  # ours (org.otel-aiaudit.generation), when present
    failures: list[dict[str, str]] = field(default_factory=list)  # validation codes that failed
    trust: dict[str, Any] = field(default_factory=dict)  # signer: trusted | untrusted | None, detail
    timestamp: dict[str, Any] | None = None  # RFC 3161 time, authority, token, tsa_trusted, valid then
    certificate: dict[str, Any] | None = None  # the signing certificate's subject and validity
    error: str | None = None  # why the store could not be read at all

    @property
    def generation_id(self) -> str | None:
        return (self.assertion or {}).get("generation_id")

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "mime_type": self.mime_type,
            "active_manifest": self.active_label,
            "manifest_count": self.manifest_count,
            "title": self.title,
            "claim_generator": self.claim_generator,
            "signature": self.signature,
            "actions": self.actions,
            "ingredients": self.ingredients,
            "assertion_labels": self.assertion_labels,
            "assertion": self.assertion,
            "failures": self.failures,
            "trust": self.trust,
            "timestamp": self.timestamp,
            "certificate": self.certificate,
            "error": self.error,
        }


def read_context(trust_pem: str | TrustConfig | None = None) -> Any:
    """A reading Context; `trust_pem` is a root CA PEM (added to the anchors) or a full TrustConfig."""
    settings: dict[str, Any] = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False}}
    trust = TrustConfig(roots=trust_pem) if isinstance(trust_pem, str) else trust_pem
    if trust is not None and trust.settings():
        settings["trust"] = trust.settings()
    return c2pa.Context.from_dict(settings)


def _signing_checks(reader: Any, store: dict[str, Any], result: Verification) -> None:
    """Trust, timestamp and certificate validity of the active manifest's signature."""
    results = (store.get("validation_results") or {}).get("activeManifest") or {}
    codes: dict[str, str] = {}
    for kind in ("success", "informational", "failure"):
        for item in results.get(kind) or []:
            codes.setdefault(item.get("code", ""), item.get("explanation", ""))
    failed = {f.get("code", "") for f in results.get("failure") or []}
    result.trust = summarise_trust(codes)
    # Only crJSON carries the signing certificate's validity and the time-stamp token's details.
    try:
        manifests = json.loads(reader.crjson()).get("manifests") or []
    except (c2pa.C2paError, ValueError):
        return
    active = next((m for m in manifests if m.get("label") == result.active_label), None)
    if active:
        result.timestamp, result.certificate = summarise_signing_time(active.get("signature") or {}, codes, failed)


def _summarise(store: dict[str, Any], result: Verification) -> None:
    manifests = store.get("manifests") or {}
    result.active_label = store.get("active_manifest")
    result.manifest_count = len(manifests)
    active = manifests.get(result.active_label) or {}
    result.title = active.get("title")
    generators = active.get("claim_generator_info") or []
    if generators:
        first = generators[0]
        result.claim_generator = " ".join(str(first.get(k)) for k in ("name", "version") if first.get(k))
    result.signature = {
        k: v for k, v in (active.get("signature_info") or {}).items() if k != "cert_serial_number"
    }
    for item in active.get("assertions") or []:
        label = item.get("label", "")
        result.assertion_labels.append(label)
        if label.startswith("c2pa.actions"):
            result.actions.extend((item.get("data") or {}).get("actions") or [])
        elif label == ASSERTION_LABEL:
            result.assertion = item.get("data")
    for ingredient in active.get("ingredients") or []:
        result.ingredients.append(
            {
                "relationship": ingredient.get("relationship"),
                "title": ingredient.get("title"),
                "format": ingredient.get("format"),
                "active_manifest": ingredient.get("active_manifest"),
                "issuer": (
                    (manifests.get(ingredient.get("active_manifest")) or {}).get("signature_info") or {}
                ).get("issuer"),
            }
        )
    results = (store.get("validation_results") or {}).get("activeManifest") or {}
    result.failures = [
        {"code": f.get("code", ""), "explanation": f.get("explanation", "")}
        for f in results.get("failure") or []
    ]


def verify_bytes(
    data: bytes,
    mime_type: str | None = None,
    trust_pem: str | TrustConfig | None = None,
    sidecar: bytes | None = None,
) -> Verification:
    """Validate the manifest embedded in `data` (or the detached store `sidecar` bound to it)."""
    mime = sniff_mime(data) or mime_type
    result = Verification(state="none", mime_type=mime)
    try:
        reader = c2pa.Reader.try_create(mime, io.BytesIO(data), sidecar, read_context(trust_pem))
    except c2pa.C2paError as exc:
        # A store so damaged it cannot be parsed is a failed validation, not an absent manifest.
        result.state = "invalid"
        result.error = str(exc)
        return result
    if reader is None:
        return result
    try:
        state = reader.get_validation_state() or "Invalid"
        store = json.loads(reader.json())
        _summarise(store, result)
        _signing_checks(reader, store, result)
    finally:
        reader.close()
    result.state = state.lower()
    return result


def load_sidecar(path: str | Path) -> bytes:
    """A detached store: raw `.c2pa` bytes, or the image record JSON with its `store_base64` field."""
    raw = Path(path).read_bytes()
    if raw.lstrip().startswith(b"{"):
        doc = json.loads(raw)
        encoded = doc.get("store_base64")
        if not encoded:
            raise ValueError(
                f"{path} is a manifest record without a signed store (the image was not fetched)"
            )
        return base64.b64decode(encoded)
    return raw


def verify_file(
    path: str | Path,
    trust_pem_path: str | Path | None = None,
    sidecar_path: str | Path | None = None,
    trust_config: TrustConfig | None = None,
) -> Verification:
    """`trust_config` (the CLI's trust options, a root included) takes the place of `trust_pem_path`."""
    data = Path(path).read_bytes()
    trust: str | TrustConfig | None = trust_config
    if trust is None and trust_pem_path:
        trust = Path(trust_pem_path).read_text()
    sidecar = load_sidecar(sidecar_path) if sidecar_path else None
    return verify_bytes(data, trust_pem=trust, sidecar=sidecar)


# -- images without credentials ---------------------------------------------------------------------

# Bits of a decoded key allowed to differ from a ledger key. JPEG and resizing flip a bit now and then
# near the decision threshold; a random 48-bit pattern still comes within 2 bits of one of a million
# keys with odds of ~4e-6.
WATERMARK_MAX_BITS = 2


@dataclass
class Identification:
    """What a stripped image still says about its origin: the watermark key read from its pixels and the
    ledger records it leads to, else the records whose fingerprints are near (candidates, not a match)."""

    watermark: dict[str, Any] | None = None  # key, confidence, decoded_at (the best reading)
    phash: str | None = None
    match: dict[str, Any] | None = None  # the generation the watermark names
    candidates: list[dict[str, Any]] = field(default_factory=list)  # near fingerprints, nearest first
    error: str | None = None  # why nothing could be looked up (no extra, unreadable image)

    def to_dict(self) -> dict[str, Any]:
        return {
            "watermark": self.watermark,
            "phash": self.phash,
            "match": self.match,
            "candidates": self.candidates,
            "error": self.error,
        }


def identify(data: bytes, ledger_path: str | Path | None) -> Identification:
    """Look a stripped image up in the ledger: by its watermark, then by its fingerprint."""
    from PIL import Image

    try:
        from otel_aiaudit.provenance import fingerprint, watermark
    except ImportError as exc:
        return Identification(error=f"watermark lookup needs numpy and imagehash: {exc}")
    result = Identification()
    image = Image.open(io.BytesIO(data))
    readings = [r for r in watermark.decode_image(image) if r.found]
    if readings:
        best = readings[0]
        result.watermark = {"key": best.key, "confidence": round(best.confidence, 3), "decoded_at": best.size}
    result.phash = fingerprint.phash(image)
    if ledger_path is None:
        return result
    from otel_aiaudit.ledger.store import Ledger

    ledger = Ledger(ledger_path, readonly=True)
    try:
        for reading in readings:
            hits = ledger.find_images(watermark=reading.key, watermark_bits=WATERMARK_MAX_BITS)
            if hits:
                result.match = hits[0]
                result.watermark = {
                    "key": reading.key,
                    "confidence": round(reading.confidence, 3),
                    "decoded_at": reading.size,
                }
                return result
        result.candidates = ledger.find_images(phash=result.phash, phash_distance=fingerprint.MAX_DISTANCE)
    finally:
        ledger.close()
    return result
