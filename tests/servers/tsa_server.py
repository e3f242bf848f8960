"""A loopback RFC 3161 time-stamp authority: TimeStampReq in, signed TimeStampResp out, over HTTP.

It answers `application/timestamp-query` POSTs the way a production TSA does: the token is a CMS
SignedData over a TSTInfo that echoes the request's message imprint and nonce, signed by a TSA
certificate with the (critical) timeStamping extended key usage and carrying the ESS
signing-certificate-v2 attribute that binds the signer to its certificate. Keys and certificates
are made here with `cryptography`; the ASN.1 is built with asn1crypto.

`mode` makes it misbehave for the failure tests: "garbage" (bytes that are not a TimeStampResp),
"rejection" (a well-formed reply with status `rejection`), "http_error" (HTTP 500).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from dataclasses import dataclass

from asn1crypto import algos, cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from otel_aiaudit.loopback.server import Handler, LoopbackServer, Recorded, Reply
from otel_aiaudit.provenance.certs import make_root_ca

QUERY_TYPE = "application/timestamp-query"
REPLY_TYPE = "application/timestamp-reply"
POLICY_OID = "1.3.6.1.4.1.99999.3161.1"  # a private-arc policy id: this TSA's only policy


@dataclass(frozen=True)
class TsaIdentity:
    root_pem: str  # the anchor a reader must trust for the timestamp to count as trusted
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Loopback Time"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def make_tsa_identity(days: int = 3650) -> TsaIdentity:
    """A TSA root CA and a TSA certificate issued by it (ECDSA P-256, timeStamping EKU, critical)."""
    now = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5)
    root_name = _name("Loopback TSA root")
    root_key, root, root_ski = make_root_ca(root_name, now, now + dt.timedelta(days=days))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("Loopback TSA"))
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
        # RFC 3161 section 2.3: the TSA certificate has exactly this EKU, marked critical.
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(root_ski), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    return TsaIdentity(root.public_bytes(serialization.Encoding.PEM).decode(), cert, key)


class TimeStampAuthority:
    """Builds signed TimeStampResp messages for TimeStampReq messages."""

    def __init__(self, identity: TsaIdentity) -> None:
        self.identity = identity
        self._cert_der = identity.cert.public_bytes(serialization.Encoding.DER)
        self._asn1_cert = asn1_x509.Certificate.load(self._cert_der)
        self._serials = itertools.count(1)
        self.issued: list[dt.datetime] = []  # genTime of every token, for tests to compare with

    def respond(self, request_der: bytes) -> bytes:
        request = tsp.TimeStampReq.load(request_der)
        _ = request.native  # parse it all now: a malformed request is refused, not half answered
        gen_time = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        tst_info = tsp.TSTInfo(
            {
                "version": "v1",
                "policy": request["req_policy"].native or POLICY_OID,
                "message_imprint": request["message_imprint"],
                "serial_number": next(self._serials),
                "gen_time": gen_time,
                "accuracy": {"seconds": 1},
                "nonce": request["nonce"].native,
            }
        )
        self.issued.append(gen_time)
        return tsp.TimeStampResp(
            {"status": {"status": "granted"}, "time_stamp_token": self._token(tst_info, request["cert_req"].native)}
        ).dump()

    def _token(self, tst_info: tsp.TSTInfo, with_cert: bool) -> cms.ContentInfo:
        content = tst_info.dump()
        signed_attrs = cms.CMSAttributes(
            [
                cms.CMSAttribute({"type": "content_type", "values": ["tst_info"]}),
                cms.CMSAttribute({"type": "message_digest", "values": [hashlib.sha256(content).digest()]}),
                cms.CMSAttribute(
                    {
                        "type": "signing_certificate_v2",
                        "values": [
                            {
                                "certs": [
                                    {
                                        # sha256 is the default hashAlgorithm, so it is left out.
                                        "cert_hash": hashlib.sha256(self._cert_der).digest(),
                                        "issuer_serial": {
                                            "issuer": [
                                                asn1_x509.GeneralName(
                                                    name="directory_name", value=self._asn1_cert.issuer
                                                )
                                            ],
                                            "serial_number": self._asn1_cert.serial_number,
                                        },
                                    }
                                ]
                            }
                        ],
                    }
                ),
            ]
        )
        # The signature covers the DER of the attributes as a SET (RFC 5652 section 5.4).
        signature = self.identity.key.sign(signed_attrs.dump(), ec.ECDSA(hashes.SHA256()))
        signer_info = cms.SignerInfo(
            {
                "version": "v1",
                "sid": cms.SignerIdentifier(
                    name="issuer_and_serial_number",
                    value={"issuer": self._asn1_cert.issuer, "serial_number": self._asn1_cert.serial_number},
                ),
                "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
                "signed_attrs": signed_attrs,
                "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
                "signature": signature,
            }
        )
        signed_data = cms.SignedData(
            {
                "version": "v3",
                "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
                "encap_content_info": {"content_type": "tst_info", "content": core.ParsableOctetString(content)},
                "certificates": [self._asn1_cert] if with_cert else None,
                "signer_infos": [signer_info],
            }
        )
        return cms.ContentInfo({"content_type": "signed_data", "content": signed_data})


def rejection(fail_info: str) -> bytes:
    """A TimeStampResp refusing the request: PKIStatusInfo alone, as RFC 3161 allows.

    asn1crypto declares timeStampToken mandatory, so the outer SEQUENCE is written by hand.
    """
    status = tsp.PKIStatusInfo({"status": "rejection", "fail_info": {fail_info}}).dump()
    return b"\x30" + bytes([len(status)]) + status  # short-form DER length: the body is < 128 bytes


class TsaHandler(Handler):
    def route(self, rec: Recorded) -> Reply:
        server = self.server
        mode = server.state.get("mode", "ok")
        if mode == "http_error":
            return Reply(500, b"tsa unavailable", "text/plain")
        if mode == "garbage":
            return Reply(200, b"this is not a TimeStampResp", REPLY_TYPE)
        if rec.method != "POST" or not rec.headers.get("content-type", "").startswith(QUERY_TYPE):
            return Reply(415, b"expected a POST of application/timestamp-query", "text/plain")
        if mode == "rejection":
            return Reply(200, rejection("bad_alg"), REPLY_TYPE)
        authority: TimeStampAuthority = server.state["authority"]
        try:
            return Reply(200, authority.respond(rec.body), REPLY_TYPE)
        except ValueError:
            return Reply(200, rejection("bad_data_format"), REPLY_TYPE)


def tsa_server(identity: TsaIdentity | None = None) -> LoopbackServer:
    """A started-on-enter loopback TSA; `server.state["authority"]` holds its TimeStampAuthority."""
    server = LoopbackServer(TsaHandler)
    server.state["authority"] = TimeStampAuthority(identity or make_tsa_identity())
    server.state["mode"] = "ok"
    return server
