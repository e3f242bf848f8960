"""Signing never breaks the call: every failure is a status, and the caller keeps the unsigned image."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from otel_aiaudit.provenance import Provenance, ProvenanceInfo
from otel_aiaudit.provenance.certs import SIGNING_KEY_USAGE, DevCertPaths
from otel_aiaudit.settings import Settings

from .conftest import settings_for


def _self_issued(tmp_path: Path, *, eku: bool, days: float) -> tuple[Path, Path]:
    """A leaf certificate that c2pa refuses (no EKU) or that has expired, with its PKCS#8 key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Broken"),
            x509.NameAttribute(NameOID.COMMON_NAME, "b"),
        ]
    )
    now = dt.datetime.now(dt.timezone.utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=2))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            SIGNING_KEY_USAGE,
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
    )
    if eku:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
    cert = builder.sign(key, hashes.SHA256())
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def test_disabled_does_nothing(info: ProvenanceInfo, images: dict[str, bytes]) -> None:
    prov = Provenance(Settings(c2pa=False))
    assert prov.enabled is False
    result = prov.sign(images["image/png"], "image/png", info)
    assert (result.data, result.status) == (None, "skipped:disabled")


def test_enabled_from_the_environment_twin(dev_certs: DevCertPaths) -> None:
    env = {
        "OTEL_AIAUDIT_C2PA": "on",
        "OTEL_AIAUDIT_C2PA_CERT": str(dev_certs.chain),
        "OTEL_AIAUDIT_C2PA_KEY": "k",
    }
    assert Provenance(Settings.from_env(env)).enabled is True


def test_missing_certificate_is_reported_and_logged_once(
    info: ProvenanceInfo, images: dict[str, bytes], caplog: pytest.LogCaptureFixture
) -> None:
    prov = Provenance(Settings(c2pa=True))
    with caplog.at_level(logging.WARNING, logger="otel_aiaudit.provenance"):
        first = prov.sign(images["image/png"], "image/png", info)
        second = prov.sign(images["image/jpeg"], "image/jpeg", info)
    assert first.status == second.status == "error:no_certificate"
    assert first.data is None
    assert len([r for r in caplog.records if "OTEL_AIAUDIT_C2PA_CERT" in r.getMessage()]) == 1


def test_unreadable_files(tmp_path: Path, info: ProvenanceInfo, images: dict[str, bytes]) -> None:
    prov = Provenance(
        Settings(c2pa=True, c2pa_cert=str(tmp_path / "nope.pem"), c2pa_key=str(tmp_path / "k.pem"))
    )
    assert prov.sign(images["image/png"], None, info).status == "error:certificate_unreadable"


def test_key_of_another_certificate(
    dev_certs: DevCertPaths, upstream_certs: DevCertPaths, info: ProvenanceInfo, images: dict[str, bytes]
) -> None:
    prov = Provenance(Settings(c2pa=True, c2pa_cert=str(dev_certs.chain), c2pa_key=str(upstream_certs.key)))
    assert prov.sign(images["image/png"], None, info).status == "error:key_mismatch"


def test_expired_certificate(tmp_path: Path, info: ProvenanceInfo, images: dict[str, bytes]) -> None:
    cert, key = _self_issued(tmp_path, eku=True, days=-1)
    prov = Provenance(Settings(c2pa=True, c2pa_cert=str(cert), c2pa_key=str(key)))
    assert prov.sign(images["image/png"], None, info).status == "error:certificate_expired"


def test_certificate_c2pa_rejects_fails_at_signing_not_in_the_call(
    tmp_path: Path, info: ProvenanceInfo, images: dict[str, bytes]
) -> None:
    # Loads fine (a real EC key and certificate) but lacks the EKU C2PA requires: c2pa-rs refuses to sign.
    cert, key = _self_issued(tmp_path, eku=False, days=30)
    prov = Provenance(Settings(c2pa=True, c2pa_cert=str(cert), c2pa_key=str(key)))
    result = prov.sign(images["image/png"], None, info)
    assert result.data is None
    assert result.status.startswith("error:")
    assert result.status == "error:signature"


def test_pem_text_in_settings_instead_of_paths(
    dev_certs: DevCertPaths, info: ProvenanceInfo, images: dict[str, bytes]
) -> None:
    prov = Provenance(
        Settings(c2pa=True, c2pa_cert=dev_certs.chain.read_text(), c2pa_key=dev_certs.key.read_text())
    )
    assert prov.sign(images["image/webp"], None, info).status == "c2pa"


def test_sec1_key_is_converted(tmp_path: Path, dev_certs: DevCertPaths, info: ProvenanceInfo, images) -> None:
    key = serialization.load_pem_private_key(dev_certs.key.read_bytes(), password=None)
    sec1 = tmp_path / "sec1.pem"
    sec1.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    assert sec1.read_text().startswith("-----BEGIN EC PRIVATE KEY")
    prov = Provenance(Settings(c2pa=True, c2pa_cert=str(dev_certs.chain), c2pa_key=str(sec1)))
    assert prov.sign(images["image/png"], None, info).status == "c2pa"


@pytest.mark.parametrize(
    "data",
    [b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", b"%PDF-1.7", b"", b"<svg/>"],
    ids=["gif", "pdf", "empty", "svg"],
)
def test_unsupported_formats_are_skipped(provenance: Provenance, info: ProvenanceInfo, data: bytes) -> None:
    result = provenance.sign(data, None, info)
    assert result.data is None
    assert result.status in {"skipped:unsupported_format", "skipped:no_bytes"}


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, b"\xff\xd8\xff\xe0garbage"], ids=["png", "jpeg"]
)
def test_corrupt_image_is_an_error_status_not_an_exception(
    provenance: Provenance, info: ProvenanceInfo, data: bytes
) -> None:
    result = provenance.sign(data, None, info)
    assert result.data is None
    assert result.status.startswith("error:")


def test_non_bytes_input_never_raises(provenance: Provenance, info: ProvenanceInfo) -> None:
    assert provenance.sign("not bytes", None, info).status == "skipped:no_bytes"  # type: ignore[arg-type]
    assert provenance.sign(None, None, info).status == "skipped:no_bytes"  # type: ignore[arg-type]


def test_failed_signer_does_not_block_later_good_instances(
    dev_certs: DevCertPaths, info: ProvenanceInfo, images: dict[str, bytes]
) -> None:
    bad = Provenance(Settings(c2pa=True))
    assert bad.sign(images["image/png"], None, info).status == "error:no_certificate"
    good = Provenance(settings_for(dev_certs))
    assert good.sign(images["image/png"], None, info).status == "c2pa"


def test_certificate_that_expires_while_running(
    tmp_path: Path, info: ProvenanceInfo, images: dict[str, bytes]
) -> None:
    import time

    cert, key = _self_issued(tmp_path, eku=True, days=1.5 / 86400)  # valid for 1.5 more seconds
    prov = Provenance(Settings(c2pa=True, c2pa_cert=str(cert), c2pa_key=str(key)))
    assert prov.sign(images["image/png"], None, info).status == "c2pa"
    time.sleep(1.6)
    assert prov.sign(images["image/png"], None, info).status == "error:certificate_expired"
