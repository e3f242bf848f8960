"""Signing credentials: load a certificate chain and key for C2PA, and make a local development CA.

C2PA validators are strict about the signing certificate (c2pa-rs certificate profile): the leaf must
be an X.509 v3 end-entity certificate (CA=false) with KeyUsage digitalSignature, an extended key usage
C2PA accepts (emailProtection is the one default validators take; documentSigning is not accepted by
them yet), and both subject and authority key identifiers. The key must be PKCS#8 PEM and its curve
must match the signing algorithm, so the algorithm is derived from the key instead of configured.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT_FILE = "root-ca.pem"

# A C2PA signing certificate signs and does nothing else.
SIGNING_KEY_USAGE = x509.KeyUsage(
    digital_signature=True,
    content_commitment=False,
    key_encipherment=False,
    data_encipherment=False,
    key_agreement=False,
    key_cert_sign=False,
    crl_sign=False,
    encipher_only=False,
    decipher_only=False,
)
CHAIN_FILE = "signer-chain.pem"
KEY_FILE = "signer-key.pem"


class CredentialError(ValueError):
    """The configured certificate or key cannot be used for C2PA signing. `reason` is a short slug."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class SigningCredentials:
    chain_pem: str  # leaf first, then intermediates
    key_pem: str | None  # PKCS#8; None when a signing function (KMS, HSM) holds the key
    alg: str  # c2pa algorithm name: es256, es384, es512, ps256, ed25519
    subject_org: str | None
    not_after: dt.datetime


def _read_pem(value: str, what: str) -> bytes:
    """Settings may hold a path or (for secrets passed in the environment) the PEM text itself."""
    if value.lstrip().startswith("-----BEGIN"):
        return value.encode()
    path = Path(value).expanduser()
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CredentialError(f"{what}_unreadable", f"cannot read C2PA {what} {path}: {exc}") from exc


def _alg_for_key(key: object) -> str:
    """The algorithm for a public key (the leaf's, also when only a signing function holds the key)."""
    if isinstance(key, ec.EllipticCurvePublicKey):
        algs = {"secp256r1": "es256", "secp384r1": "es384", "secp521r1": "es512"}
        if key.curve.name not in algs:
            raise CredentialError("unsupported_key", f"EC curve {key.curve.name} is not allowed by C2PA")
        return algs[key.curve.name]
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < 2048:
            raise CredentialError("unsupported_key", "RSA keys for C2PA must have at least 2048 bits")
        return "ps256"
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "ed25519"
    raise CredentialError("unsupported_key", f"unsupported key type {type(key).__name__}")


def load_credentials(cert: str, key: str | None) -> SigningCredentials:
    """Read and check a PEM chain and private key; raise CredentialError with a short reason.

    `key` None: the key stays in a KMS or HSM behind a signing function, so only the chain is read.
    """
    chain_raw = _read_pem(cert, "certificate")
    try:
        chain = x509.load_pem_x509_certificates(chain_raw)
    except ValueError as exc:
        raise CredentialError("bad_certificate", f"C2PA certificate is not a PEM certificate: {exc}") from exc
    leaf = chain[0]
    now = dt.datetime.now(dt.timezone.utc)
    if leaf.not_valid_after_utc <= now:
        raise CredentialError(
            "certificate_expired", f"C2PA certificate expired at {leaf.not_valid_after_utc}"
        )
    alg = _alg_for_key(leaf.public_key())
    chain_pem = "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in chain)
    orgs = leaf.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    subject_org = str(orgs[0].value) if orgs else None
    if key is None:
        return SigningCredentials(chain_pem, None, alg, subject_org, leaf.not_valid_after_utc)
    key_raw = _read_pem(key, "key")
    try:
        private_key = serialization.load_pem_private_key(key_raw, password=None)
    except (ValueError, TypeError) as exc:
        raise CredentialError("bad_key", f"C2PA key is not an unencrypted PEM private key: {exc}") from exc
    leaf_public = leaf.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    key_public = private_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    if leaf_public != key_public:
        raise CredentialError(
            "key_mismatch", "C2PA key does not belong to the first certificate of the chain"
        )
    # c2pa-rs only takes PKCS#8; convert SEC1 / PKCS#1 keys here rather than fail at the first image.
    pkcs8 = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return SigningCredentials(
        chain_pem=chain_pem,
        key_pem=pkcs8,
        alg=alg,
        subject_org=subject_org,
        not_after=leaf.not_valid_after_utc,
    )


@dataclass(frozen=True)
class DevCertPaths:
    root: Path
    chain: Path
    key: Path


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def make_root_ca(
    name: x509.Name, not_before: dt.datetime, not_after: dt.datetime
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate, x509.SubjectKeyIdentifier]:
    """A self-signed root CA (P-256) that may only issue end-entity certificates: its key, its
    certificate and its key identifier (for the issued certificates' authority key identifier)."""
    key = ec.generate_private_key(ec.SECP256R1())
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert, ski


def make_dev_certificates(
    out_dir: str | os.PathLike[str],
    organisation: str = "otel-aiaudit development",
    days: int = 365,
) -> DevCertPaths:
    """Create a local root CA and a C2PA signing certificate issued by it (ES256, P-256).

    For trying the feature out only: readers trust these images only when given root-ca.pem. The root
    key is not kept, so nothing else can be issued from this CA.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5)  # tolerate small clock skew

    root_name = _name(f"{organisation} C2PA root", organisation)
    root_key, root, root_ski = make_root_ca(root_name, now, now + dt.timedelta(days=max(days, 1) * 10))

    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name(f"{organisation} C2PA signer", organisation))
        .issuer_name(root_name)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=max(days, 1)))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            SIGNING_KEY_USAGE,
            critical=True,
        )
        # emailProtection: the EKU that default C2PA validators accept (documentSigning is rejected).
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(leaf_key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(root_ski), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )

    paths = DevCertPaths(root=out / ROOT_FILE, chain=out / CHAIN_FILE, key=out / KEY_FILE)
    paths.root.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    paths.chain.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_bytes = leaf_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # Create the key file private from the start instead of chmod-ing after writing it.
    fd = os.open(paths.key, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key_bytes)
    os.chmod(paths.key, 0o600)
    return paths
