"""The one place that drives c2pa-python to sign: a reusable Signer and Context, one Builder per image.

c2pa (a native library) is imported here only, and this module is imported only when the first
image is signed, so instrumenting with C2PA off costs nothing.
"""

from __future__ import annotations

import importlib
import io
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import c2pa

if not hasattr(c2pa, "Builder"):
    # A local c2pa.py earlier on sys.path (a script of that name run from its folder) shadows the package.
    raise ImportError(f"'c2pa' resolves to {getattr(c2pa, '__file__', '?')}, not c2pa-python")

from otel_aiaudit.provenance import png, tsa
from otel_aiaudit.provenance.certs import SigningCredentials

log = logging.getLogger("otel_aiaudit.provenance")

# A function that signs the bytes c2pa hands it and returns the signature (for ECDSA, DER or raw r|s),
# e.g. a call to a KMS or HSM that never lets the private key out.
SignCallback = Callable[[bytes], bytes]

# Thumbnails off: the SDK default embeds a near full-size JPEG (+0.3-0.5 MB, ~20x the signing time).
# Nothing is fetched from the network: no remote manifests, no OCSP. The only request signing may make
# is to the configured time-stamp authority.
SIGN_SETTINGS: dict[str, Any] = {
    "builder": {"thumbnail": {"enabled": False}},
    "verify": {"verify_after_sign": True, "remote_manifest_fetch": False, "ocsp_fetch": False},
}

# The PNG chunk that holds a C2PA manifest store (C2PA specification, "Embedding manifests into PNG").
_PNG_STORE = b"caBX"


@dataclass(frozen=True)
class Upstream:
    """A manifest the image already carried when it reached us."""

    label: str | None
    issuer: str | None
    state: str | None  # trusted | valid | invalid, as judged without our trust anchors


class Unresolvable(ValueError):
    """OTEL_AIAUDIT_C2PA_SIGNER names nothing that can be imported and called."""


def resolve_callback(spec: str | SignCallback) -> SignCallback:
    """The signing function named `package.module:function` (or the callable itself)."""
    if callable(spec):
        return spec
    module_name, _, attr = spec.partition(":")
    try:
        target: Any = importlib.import_module(module_name)
        for part in attr.split("."):
            target = getattr(target, part)
    except (ImportError, AttributeError) as exc:
        raise Unresolvable(f"cannot load the C2PA signing function {spec}: {exc}") from exc
    if not callable(target):
        raise Unresolvable(f"the C2PA signer {spec} is not callable")
    return target


class ManifestSigner:
    """Signs image bytes with one identity. Thread-safe: Signer and Context are shared, Builders are not.

    The private key is either PEM in `credentials` or behind `callback` (a KMS or HSM). With `tsa_url`,
    each signature carries an RFC 3161 timestamp; when the TSA fails the image is signed without one
    and `timestamp` (per thread, for the signing just done) says why.
    """

    def __init__(
        self,
        credentials: SigningCredentials,
        tsa_url: str | None = None,
        callback: str | SignCallback | None = None,
        tsa_retry_after: float = tsa.DEFAULT_RETRY_AFTER_S,
    ) -> None:
        self.credentials = credentials
        self.tsa_url = tsa_url
        self._local = threading.local()
        self._callback = resolve_callback(callback) if callback is not None else None
        if self._callback is None and credentials.key_pem is None:
            raise Unresolvable("C2PA signing needs a private key or a signing function")
        self._plain = self._make_signer(None)
        # A second signer that asks the TSA; the plain one signs when the TSA is failing.
        self._stamped = self._make_signer(tsa_url) if tsa_url else None
        self._gate = tsa.TsaGate(tsa_retry_after)
        self._context = c2pa.Context.from_dict(SIGN_SETTINGS)

    def _make_signer(self, tsa_url: str | None) -> Any:
        creds = self.credentials
        if self._callback is None:
            assert creds.key_pem is not None
            info = c2pa.C2paSignerInfo(creds.alg, creds.chain_pem.encode(), creds.key_pem.encode(), tsa_url)
            return c2pa.Signer.from_info(info)
        alg = c2pa.C2paSigningAlg[creds.alg.upper()]
        return c2pa.Signer.from_callback(self._call_signer, alg, creds.chain_pem, tsa_url)

    def _call_signer(self, data: bytes) -> bytes:
        # c2pa turns an exception here into a bare "-1"; keep the reason so the error says it.
        assert self._callback is not None
        try:
            return bytes(self._callback(data))
        except Exception as exc:
            self._local.callback_error = exc
            raise

    @property
    def timestamp(self) -> str:
        """This thread's last signing: `rfc3161`, `none` (no TSA configured) or `failed:<why>`."""
        return getattr(self._local, "timestamp", tsa.NOT_CONFIGURED)

    @property
    def status(self) -> str:
        """The provenance status of this thread's last signing: `c2pa`, or `c2pa:no_timestamp` when the
        configured TSA failed (signed, but its validity will be judged at reading time, not signing time)."""
        return "c2pa:no_timestamp" if self.timestamp.startswith("failed:") else "c2pa"

    def _sign(self, mime_type: str, builder_for: Callable[[], Any], src: bytes, dst: io.BytesIO) -> bytes:
        """Sign with a timestamp when a TSA is configured and answering, else without one."""
        self._local.callback_error = None
        if self._stamped is None:
            self._local.timestamp = tsa.NOT_CONFIGURED
            return self._sign_with(self._plain, mime_type, builder_for(), src, dst)
        if not self._gate.should_try():
            self._local.timestamp = f"failed:{tsa.COOLDOWN}"
            return self._sign_with(self._plain, mime_type, builder_for(), src, dst)
        try:
            manifest = self._sign_with(self._stamped, mime_type, builder_for(), src, dst)
        except c2pa.C2paError as exc:
            if self._local.callback_error is not None:  # the key, not the TSA, failed
                raise
            # Signing again without the TSA tells a TSA failure (this succeeds) from any other (it fails
            # the same way and raises). The output stream may hold a partial write: start it afresh.
            dst.seek(0)
            dst.truncate()
            manifest = self._sign_with(self._plain, mime_type, builder_for(), src, dst)
            self._gate.failed()
            why = tsa.failure_reason(str(exc))
            log.warning("C2PA: time-stamp authority failed (%s); signed without a timestamp: %s", why, exc)
            self._local.timestamp = f"failed:{why}"
            return manifest
        self._gate.succeeded()
        self._local.timestamp = tsa.STAMPED
        return manifest

    def _sign_with(self, signer: Any, mime_type: str, builder: Any, src: bytes, dst: io.BytesIO) -> bytes:
        try:
            try:
                return bytes(builder.sign(signer, mime_type, io.BytesIO(src), dst))
            except c2pa.C2paError as exc:
                cause = self._local.callback_error
                if cause is not None:
                    raise type(exc)(f"{exc}: the signing function failed: {cause!r}") from cause
                raise
        finally:
            builder.close()

    def upstream(self, data: bytes, mime_type: str) -> Upstream | None:
        """The manifest already embedded in `data`, or None. An unreadable store counts as none."""
        if mime_type == "image/png" and not any(kind == _PNG_STORE for kind, _ in png.chunks(data)):
            # What a generated PNG almost always is: no store. A walk over the chunk headers says so
            # in microseconds, where c2pa's reader pulls the whole file through Python (~0.5-0.9 ms
            # for 1.7 MB).
            return None
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

    def _builder(
        self, manifest: dict[str, Any], has_parent: bool, parent: bytes | None = None, mime_type: str = ""
    ) -> Any:
        builder = c2pa.Builder(manifest, context=self._context)
        if has_parent:
            # EDIT keeps the existing manifest as the parentOf ingredient (CREATE would replace it).
            builder.set_intent(c2pa.C2paBuilderIntent.EDIT)
            if parent is not None:
                # The pixels were changed (watermarked) and re-encoded without the provider's store:
                # the parent is the image as the provider signed it, not the bytes being signed.
                ingredient = {"title": "image as returned by the provider", "relationship": "parentOf"}
                builder.add_ingredient(ingredient, mime_type, io.BytesIO(parent))
        else:
            builder.set_intent(
                c2pa.C2paBuilderIntent.CREATE, c2pa.C2paDigitalSourceType.TRAINED_ALGORITHMIC_MEDIA
            )
        return builder

    def sign_embedded(
        self, data: bytes, mime_type: str, manifest: dict[str, Any], has_parent: bool, parent: bytes | None = None
    ) -> bytes:
        """The image with the manifest store embedded; `parent`: the provider-signed original of
        `data` when `data` is a changed copy of it (see _builder)."""
        out = io.BytesIO()
        self._sign(mime_type, lambda: self._builder(manifest, has_parent, parent, mime_type), data, out)
        return out.getvalue()

    def sign_detached(self, data: bytes, mime_type: str, manifest: dict[str, Any], has_parent: bool) -> bytes:
        """A detached (.c2pa) manifest store bound to `data` by its hash; `data` itself is not changed."""

        def detached() -> Any:
            builder = self._builder(manifest, has_parent)
            builder.set_no_embed()
            return builder

        return self._sign(mime_type, detached, data, io.BytesIO())
