"""The one place that drives c2pa-python to sign: a reusable Signer and Context, one Builder per image.

c2pa (a native library) is imported here only, and this module is imported only when the first
image is signed, so instrumenting with C2PA off costs nothing.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

import c2pa

if not hasattr(c2pa, "Builder"):
    # A local c2pa.py earlier on sys.path (a script of that name run from its folder) shadows the package.
    raise ImportError(f"'c2pa' resolves to {getattr(c2pa, '__file__', '?')}, not c2pa-python")

from otel_aiaudit.provenance.certs import SigningCredentials

# Thumbnails off: the SDK default embeds a near full-size JPEG (+0.3-0.5 MB, ~20x the signing time).
# Nothing is fetched from the network: no remote manifests, no OCSP, no timestamp authority.
SIGN_SETTINGS: dict[str, Any] = {
    "builder": {"thumbnail": {"enabled": False}},
    "verify": {"verify_after_sign": True, "remote_manifest_fetch": False, "ocsp_fetch": False},
}


@dataclass(frozen=True)
class Upstream:
    """A manifest the image already carried when it reached us."""

    label: str | None
    issuer: str | None
    state: str | None  # trusted | valid | invalid, as judged without our trust anchors


class ManifestSigner:
    """Signs image bytes with one identity. Thread-safe: Signer and Context are shared, Builders are not."""

    def __init__(self, credentials: SigningCredentials) -> None:
        self.credentials = credentials
        info = c2pa.C2paSignerInfo(
            credentials.alg, credentials.chain_pem.encode(), credentials.key_pem.encode(), None
        )
        self._signer = c2pa.Signer.from_info(info)
        self._context = c2pa.Context.from_dict(SIGN_SETTINGS)

    def upstream(self, data: bytes, mime_type: str) -> Upstream | None:
        """The manifest already embedded in `data`, or None. An unreadable store counts as none."""
        try:
            reader = c2pa.Reader.try_create(mime_type, io.BytesIO(data), None, self._context)
        except c2pa.C2paError:
            return None  # broken or remote-only store: nothing we can keep as a parent
        if reader is None:
            return None
        try:
            store = json.loads(reader.json())
            label = store.get("active_manifest")
            active = store.get("manifests", {}).get(label, {})
            state = reader.get_validation_state()
            return Upstream(
                label=label,
                issuer=(active.get("signature_info") or {}).get("issuer"),
                state=state.lower() if state else None,
            )
        finally:
            reader.close()

    def _builder(self, manifest: dict[str, Any], has_parent: bool) -> Any:
        builder = c2pa.Builder(manifest, context=self._context)
        if has_parent:
            # EDIT keeps the existing manifest as the parentOf ingredient (CREATE would replace it).
            builder.set_intent(c2pa.C2paBuilderIntent.EDIT)
        else:
            builder.set_intent(
                c2pa.C2paBuilderIntent.CREATE, c2pa.C2paDigitalSourceType.TRAINED_ALGORITHMIC_MEDIA
            )
        return builder

    def sign_embedded(self, data: bytes, mime_type: str, manifest: dict[str, Any], has_parent: bool) -> bytes:
        """The image with the manifest store embedded."""
        builder = self._builder(manifest, has_parent)
        try:
            out = io.BytesIO()
            builder.sign(self._signer, mime_type, io.BytesIO(data), out)
            return out.getvalue()
        finally:
            builder.close()

    def sign_detached(self, data: bytes, mime_type: str, manifest: dict[str, Any], has_parent: bool) -> bytes:
        """A detached (.c2pa) manifest store bound to `data` by its hash; `data` itself is not changed."""
        builder = self._builder(manifest, has_parent)
        try:
            builder.set_no_embed()
            store = builder.sign(self._signer, mime_type, io.BytesIO(data), io.BytesIO())
            return bytes(store)
        finally:
            builder.close()
