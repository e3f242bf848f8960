"""C2PA content credentials for returned images: the auditor's one entry point.

`Provenance.sign` embeds a signed manifest in image bytes; `Provenance.sidecar` describes (and, when
the user opts in, fetches and signs) images the provider returned only as URLs. Neither ever raises:
provenance must not break the user's call, so every failure becomes a status the span and the image
record carry.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import logging
import threading
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from otel_aiaudit.provenance.certs import CredentialError, load_credentials
from otel_aiaudit.provenance.fetch import FetchError, fetch_image
from otel_aiaudit.provenance.formats import PNG, SUPPORTED, sniff_mime
from otel_aiaudit.provenance.manifest import ASSERTION_LABEL, ProvenanceInfo, build_manifest, soft_binding
from otel_aiaudit.settings import Settings

if TYPE_CHECKING:
    from otel_aiaudit.provenance.signer import ManifestSigner, Upstream

__all__ = ["ASSERTION_LABEL", "Provenance", "ProvenanceInfo", "SignResult"]

log = logging.getLogger("otel_aiaudit.provenance")


@dataclass
class SignResult:
    data: bytes | None  # signed bytes (None for a sidecar or on failure)
    status: str  # "c2pa" | "skipped:url" | "skipped:<why>" | "error:<why>"
    manifest_json: str | None = None  # for the image record: what was (or would be) signed, and how
    manifest_bytes: int | None = None  # bytes the manifest added (or the detached store's size)
    watermark: str | None = None  # the key embedded in the pixels, or "skipped:<why>" / "error:<why>"
    phash: str | None = None  # perceptual fingerprint of the returned pixels (16 hex digits)


def error_slug(exc: BaseException) -> str:
    """A short, stable reason for span attributes: the c2pa error kind (`signature`, `verify`, ...)."""
    name = type(exc).__name__.lstrip("_")
    if name.startswith("C2pa") and name != "C2paError":
        name = name[len("C2pa") :]
    return name.lower() or "unknown"


class _Unavailable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Provenance:
    """Signs images with the configured identity. One instance per instrumentation; thread-safe."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.enabled: bool = bool(settings.c2pa)
        self.fetch_urls: bool = bool(settings.c2pa_fetch_urls)
        self.watermark: bool = bool(settings.watermark)
        self._lock = threading.Lock()
        self._signer: ManifestSigner | None = None
        self._load_error: str | None = None
        self._logged: set[str] = set()

    # -- signer -------------------------------------------------------------------------------

    def _warn_once(self, reason: str, message: str) -> None:
        if reason not in self._logged:
            self._logged.add(reason)
            log.warning("C2PA: %s (images are returned unsigned)", message)

    def _get_signer(self) -> ManifestSigner:
        """Load credentials and the native library on first use; a failure is remembered, not retried."""
        if self._signer is not None:
            return self._signer
        with self._lock:
            if self._signer is not None:
                return self._signer
            if self._load_error is not None:
                raise _Unavailable(self._load_error)
            try:
                self._signer = self._load()
            except _Unavailable as exc:
                self._load_error = exc.reason
                raise
            return self._signer

    def _load(self) -> ManifestSigner:
        cert, key = self.settings.c2pa_cert, self.settings.c2pa_key
        callback = self.settings.c2pa_signer  # a KMS or HSM signs: no key file
        if not cert or not (key or callback):
            self._warn_once(
                "no_certificate",
                "OTEL_AIAUDIT_C2PA_CERT and OTEL_AIAUDIT_C2PA_KEY (or OTEL_AIAUDIT_C2PA_SIGNER) must be set",
            )
            raise _Unavailable("no_certificate")
        try:
            credentials = load_credentials(cert, None if callback else key)
        except CredentialError as exc:
            self._warn_once(exc.reason, str(exc))
            raise _Unavailable(exc.reason) from exc
        try:
            from otel_aiaudit.provenance.signer import ManifestSigner
        except ImportError as exc:  # c2pa-python not installed, or its native library will not load
            self._warn_once("c2pa_unavailable", f"c2pa-python cannot be loaded: {exc}")
            raise _Unavailable("c2pa_unavailable") from exc
        try:
            return ManifestSigner(credentials, tsa_url=self.settings.c2pa_tsa_url, callback=callback)
        except Exception as exc:  # noqa: BLE001 - any native error means no signing, never a failed call
            reason = f"signer_{error_slug(exc)}"
            self._warn_once(reason, f"the signer could not be created: {exc}")
            raise _Unavailable(reason) from exc

    # -- helpers ------------------------------------------------------------------------------

    def _complete(self, info: ProvenanceInfo) -> ProvenanceInfo:
        """Fill what the auditor did not know: organisation from settings, then the certificate."""
        if info.organisation is None:
            org = self.settings.organisation
            if org is None and self._signer is not None:
                org = self._signer.credentials.subject_org
            info = replace(info, organisation=org)
        if not info.created_at:
            info = replace(info, created_at=time.time())
        return info

    def _record(self, manifest: dict[str, Any], **extra: Any) -> str:
        url = extra.get("url")
        if isinstance(url, str) and url.startswith("data:"):
            extra["url"] = url.split(",", 1)[0] + ","  # the image itself does not belong in the record
        doc: dict[str, Any] = {"label": ASSERTION_LABEL, "definition": manifest}
        if self._signer is not None:
            doc["signer"] = {
                "alg": self._signer.credentials.alg,
                "issuer": self._signer.credentials.subject_org,
            }
        doc.update(extra)
        return json.dumps(doc, separators=(",", ":"), sort_keys=True)

    @staticmethod
    def _parent(upstream: Upstream | None) -> dict[str, Any] | None:
        if upstream is None:
            return None
        return {"label": upstream.label, "issuer": upstream.issuer, "state": upstream.state}

    # -- public -------------------------------------------------------------------------------

    def sign(self, data: bytes, mime_type: str | None, info: ProvenanceInfo, index: int = 0) -> SignResult:
        """Watermark `data` (image `index` of its generation) and embed a manifest in it.

        Never raises: failures come back as `error:<why>` with data=None."""
        if not self.enabled:
            return SignResult(data=None, status="skipped:disabled")
        try:
            return self._sign(data, info, index)
        except Exception as exc:  # noqa: BLE001 - provenance must never break the user's call
            reason = error_slug(exc)
            self._warn_once(f"sign_{reason}", f"signing failed: {exc}")
            return SignResult(data=None, status=f"error:{reason}")

    def _mark(self, data: bytes, mime: str, key: str) -> tuple[bytes, str, str | None]:
        """(bytes to sign, watermark field, phash). The pixels are decoded once for both; a failure of
        either leaves the image as it came (signing it matters more than marking it)."""
        try:
            from PIL import Image

            from otel_aiaudit.provenance import fingerprint, watermark
            from otel_aiaudit.provenance.pixels import fast_png_pixels
        except ImportError as exc:
            self._warn_once("watermark_unavailable", f"watermarking needs numpy and imagehash: {exc}")
            return data, "skipped:unavailable", None
        try:
            image = Image.open(io.BytesIO(data))
            pixels = fast_png_pixels(data, image)
            if pixels is None:
                image.load()
                phash = fingerprint.phash(image)
            else:
                phash = fingerprint.phash(Image.fromarray(pixels))
        except Exception as exc:  # noqa: BLE001 - an image Pillow cannot read is still signed
            return data, f"error:{error_slug(exc)}", None
        if not self.watermark:
            return data, "skipped:disabled", phash
        try:
            return watermark.embed_image(image, mime, key, pixels), key, phash
        except watermark.Unmarkable as exc:
            return data, f"skipped:{exc.reason}", phash
        except Exception as exc:  # noqa: BLE001 - marking must never cost the signature
            self._warn_once(f"watermark_{error_slug(exc)}", f"watermarking failed: {exc}")
            return data, f"error:{error_slug(exc)}", phash

    def _sign(self, data: bytes, info: ProvenanceInfo, index: int) -> SignResult:
        if not isinstance(data, (bytes, bytearray, memoryview)) or len(data) == 0:
            return SignResult(data=None, status="skipped:no_bytes")
        data = bytes(data)
        # The bytes decide the format: a declared type that disagrees would make c2pa misplace the store.
        mime = sniff_mime(data)
        if mime is None:
            return SignResult(data=None, status="skipped:unsupported_format")
        try:
            signer = self._get_signer()
        except _Unavailable as exc:
            return SignResult(data=None, status=f"error:{exc.reason}")
        if time.time() >= signer.credentials.not_after.timestamp():
            # Without a timestamp authority an image signed now would read as invalid at once.
            self._warn_once(
                "certificate_expired", f"the signing certificate expired at {signer.credentials.not_after}"
            )
            return SignResult(data=None, status="error:certificate_expired")
        info = self._complete(info)
        upstream = signer.upstream(data, mime)
        from otel_aiaudit.provenance.watermark import ALG, ALG_PARAMS, derive_key  # numpy, on first image

        key = derive_key(info.generation_id, index, self.settings.hash_key)
        # Marking re-encodes the pixels and drops a provider's manifest from the file; an image that
        # arrived signed is then signed with the provider's original as its parent ingredient, so
        # the provider's credentials stay in the chain and the edit (the mark) is stated.
        original = data
        data, mark, phash = self._mark(data, mime, key)
        binding = soft_binding(ALG, key, ALG_PARAMS) if mark == key else None
        manifest = build_manifest(info, mime, has_parent=upstream is not None, binding=binding)
        parent = original if upstream is not None and data is not original else None
        signed = signer.sign_embedded(data, mime, manifest, has_parent=upstream is not None, parent=parent)
        return SignResult(
            data=signed,
            status=signer.status,
            manifest_json=self._record(
                manifest,
                embedded=True,
                format=mime,
                parent=self._parent(upstream),
                timestamp=signer.timestamp,
            ),
            manifest_bytes=len(signed) - len(data),
            watermark=mark,
            phash=phash,
        )

    def sidecar(self, url: str, mime_type: str | None, info: ProvenanceInfo) -> SignResult:
        """Provenance for an image returned only as a URL, kept with the image record.

        By default nothing is fetched: the result is `skipped:url` with the manifest we would sign, so the
        record still ties the URL to its generation. With OTEL_AIAUDIT_C2PA_FETCH_URLS on, the image is
        fetched and a detached manifest store bound to those bytes is signed (status `c2pa`, data None);
        the app's own download is not changed.
        """
        if not self.enabled:
            return SignResult(data=None, status="skipped:disabled")
        try:
            return self._sidecar(url, mime_type, info)
        except Exception as exc:  # noqa: BLE001 - provenance must never break the user's call
            reason = error_slug(exc)
            self._warn_once(f"sidecar_{reason}", f"sidecar signing failed: {exc}")
            return SignResult(data=None, status=f"error:{reason}")

    def _sidecar(self, url: str, mime_type: str | None, info: ProvenanceInfo) -> SignResult:
        info = self._complete(info)
        declared = mime_type if mime_type in SUPPORTED else PNG
        if not self.fetch_urls:
            manifest = build_manifest(info, declared, has_parent=False)
            return SignResult(
                data=None,
                status="skipped:url",
                manifest_json=self._record(manifest, embedded=False, signed=False, url=url),
            )
        try:
            signer = self._get_signer()
        except _Unavailable as exc:
            return SignResult(data=None, status=f"error:{exc.reason}")
        try:
            data = fetch_image(url)
        except FetchError as exc:
            self._warn_once(exc.reason, str(exc))
            manifest = build_manifest(info, declared, has_parent=False)
            return SignResult(
                data=None,
                status=f"error:{exc.reason}",
                manifest_json=self._record(manifest, embedded=False, signed=False, url=url),
            )
        mime = sniff_mime(data)
        if mime is None:
            return SignResult(data=None, status="skipped:unsupported_format")
        upstream = signer.upstream(data, mime)
        manifest = build_manifest(info, mime, has_parent=upstream is not None)
        store = signer.sign_detached(data, mime, manifest, has_parent=upstream is not None)
        return SignResult(
            data=None,
            status=signer.status,
            manifest_json=self._record(
                manifest,
                embedded=False,
                signed=True,
                url=url,
                format=mime,
                parent=self._parent(upstream),
                image_sha256=hashlib.sha256(data).hexdigest(),
                timestamp=signer.timestamp,
                # The detached store itself, so `aiaudit verify-image FILE --sidecar` can check a download.
                store_base64=base64.b64encode(store).decode(),
            ),
            manifest_bytes=len(store),
        )
