"""The development CA: the certificate profile C2PA validators demand."""

from __future__ import annotations

import stat

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID

from otel_aiaudit.provenance.certs import DevCertPaths, load_credentials, make_dev_certificates


def test_dev_certificates_follow_the_c2pa_profile(dev_certs: DevCertPaths) -> None:
    root = x509.load_pem_x509_certificate(dev_certs.root.read_bytes())
    (leaf,) = x509.load_pem_x509_certificates(dev_certs.chain.read_bytes())

    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    assert root.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign is True

    constraints = leaf.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and constraints.value.ca is False
    usage = leaf.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.digital_signature and not usage.value.key_cert_sign
    eku = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.EMAIL_PROTECTION]
    aki = leaf.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest
    assert leaf.issuer == root.subject
    leaf.verify_directly_issued_by(root)


def test_key_is_private_pkcs8_and_matches(dev_certs: DevCertPaths) -> None:
    assert stat.S_IMODE(dev_certs.key.stat().st_mode) == 0o600
    assert dev_certs.key.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    creds = load_credentials(str(dev_certs.chain), str(dev_certs.key))
    assert creds.alg == "es256"
    assert creds.subject_org == "Acme Audit"
    key = serialization.load_pem_private_key(creds.key_pem.encode(), password=None)
    assert key.key_size == 256


def test_validity_days(tmp_path) -> None:
    paths = make_dev_certificates(tmp_path, organisation="Short", days=3)
    leaf = x509.load_pem_x509_certificate(paths.chain.read_bytes())
    lifetime = leaf.not_valid_after_utc - leaf.not_valid_before_utc
    assert 3 * 86400 <= lifetime.total_seconds() <= 3 * 86400 + 600
