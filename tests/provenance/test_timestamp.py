"""RFC 3161 timestamps: c2pa asks a real loopback time-stamp authority, and a failing one never breaks signing."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from typer.testing import CliRunner

from otel_aiaudit.cli.main import app
from otel_aiaudit.loopback.server import LoopbackServer
from otel_aiaudit.provenance import Provenance, ProvenanceInfo
from otel_aiaudit.provenance.certs import DevCertPaths, load_credentials
from otel_aiaudit.provenance.signer import ManifestSigner
from otel_aiaudit.provenance.trust import TrustConfig
from otel_aiaudit.provenance.verify import verify_bytes
from otel_aiaudit.settings import Settings
from tests.servers.tsa_server import QUERY_TYPE, tsa_server

from .conftest import settings_for
from .test_failures import _self_issued

runner = CliRunner()


@pytest.fixture(scope="module")
def tsa() -> Iterator[LoopbackServer]:
    with tsa_server() as server:
        yield server


@pytest.fixture(autouse=True)
def _tsa_answers(tsa: LoopbackServer) -> None:
    tsa.state["mode"] = "ok"
    with tsa.lock:
        tsa.requests.clear()


def tsa_root(tsa: LoopbackServer) -> str:
    return tsa.state["authority"].identity.root_pem


def test_signature_carries_a_trusted_timestamp(
    tsa: LoopbackServer, dev_certs: DevCertPaths, info: ProvenanceInfo, images: dict[str, bytes], trust_pem: str
) -> None:
    prov = Provenance(settings_for(dev_certs, c2pa_tsa_url=f"{tsa.url}/tsa"))
    result = prov.sign(images["image/png"], None, info)

    assert result.status == "c2pa"
    assert json.loads(result.manifest_json)["timestamp"] == "rfc3161"
    (request,) = tsa.requests
    assert request.method == "POST" and request.headers["content-type"] == QUERY_TYPE

    report = verify_bytes(result.data, trust_pem=TrustConfig(roots=trust_pem, tsa_trust_list=tsa_root(tsa)))
    assert report.state == "trusted"
    stamp = report.timestamp
    assert stamp is not None
    issued = tsa.state["authority"].issued[-1]
    assert dt.datetime.fromisoformat(stamp["time"]) == issued
    assert stamp["authority"] == "Loopback Time / Loopback TSA"
    assert (stamp["token"], stamp["tsa_trusted"], stamp["certificate_valid_at_signing"]) == ("valid", True, True)
    assert report.trust["signer"] == "trusted"

    # Without the TSA's anchor the token still checks out, but is not relied on.
    untrusted = verify_bytes(result.data, trust_pem=trust_pem).timestamp
    assert untrusted is not None and untrusted["token"] == "valid" and untrusted["tsa_trusted"] is False


def test_no_tsa_configured_means_no_timestamp(
    provenance: Provenance, info: ProvenanceInfo, images: dict[str, bytes], trust_pem: str
) -> None:
    result = provenance.sign(images["image/png"], None, info)
    assert result.status == "c2pa"
    assert json.loads(result.manifest_json)["timestamp"] == "none"
    report = verify_bytes(result.data, trust_pem=trust_pem)
    assert report.timestamp is None and report.certificate is not None


def test_timestamp_keeps_an_image_valid_after_its_certificate_expired(
    tsa: LoopbackServer, tmp_path: Path, info: ProvenanceInfo, images: dict[str, bytes]
) -> None:
    cert, key = _self_issued(tmp_path, eku=True, days=2 / 86400)  # valid for 2 more seconds
    stamped = Provenance(Settings(c2pa=True, c2pa_cert=str(cert), c2pa_key=str(key), c2pa_tsa_url=tsa.url))
    plain = Provenance(Settings(c2pa=True, c2pa_cert=str(cert), c2pa_key=str(key)))
    with_ts = stamped.sign(images["image/png"], None, info).data
    without_ts = plain.sign(images["image/png"], None, info).data
    assert with_ts is not None and without_ts is not None
    # X.509 times have whole seconds and c2pa compares in whole seconds: wait until well past the end.
    not_after = x509.load_pem_x509_certificate(cert.read_bytes()).not_valid_after_utc.timestamp()
    time.sleep(max(0.0, not_after + 2.2 - time.time()))

    trust = TrustConfig(roots=cert.read_text(), tsa_trust_list=tsa_root(tsa))
    report = verify_bytes(with_ts, trust_pem=trust)
    assert report.state == "trusted"  # judged at the trusted time of signing
    assert report.certificate is not None and report.certificate["expired"] is True
    assert report.timestamp is not None and report.timestamp["certificate_valid_at_signing"] is True

    # Without the TSA's anchor c2pa does not rely on the token and judges the certificate now (expired),
    # but the report still says when it signed and that the certificate was valid then.
    untrusted = verify_bytes(with_ts, trust_pem=TrustConfig(roots=cert.read_text()))
    assert untrusted.state == "invalid"
    assert "signingCredential.expired" in [f["code"] for f in untrusted.failures]
    assert untrusted.timestamp is not None and untrusted.timestamp["tsa_trusted"] is False
    assert untrusted.timestamp["certificate_valid_at_signing"] is True

    no_ts = verify_bytes(without_ts, trust_pem=trust)
    assert no_ts.state == "invalid" and no_ts.timestamp is None

    image, root, tsa_pem = tmp_path / "stamped.png", tmp_path / "root.pem", tmp_path / "tsa.pem"
    image.write_bytes(with_ts)
    root.write_text(cert.read_text())
    tsa_pem.write_text(tsa_root(tsa))
    shown = runner.invoke(
        app, ["verify-image", str(image), "--trust-root", str(root), "--tsa-trust-list", str(tsa_pem)]
    )
    assert shown.exit_code == 0, shown.output
    assert "timestamp: " in shown.output and "Loopback TSA" in shown.output
    assert "trusted TSA" in shown.output and "valid at signing time: yes" in shown.output
    assert "expired" in shown.output

    doc = json.loads(runner.invoke(app, ["verify-image", str(image), "--trust-root", str(root), "--json"]).output)
    assert doc["state"] == "invalid" and doc["timestamp"]["certificate_valid_at_signing"] is True
    assert doc["certificate"]["expired"] is True


@pytest.mark.parametrize(
    ("mode", "why"),
    [("garbage", "bad_response"), ("rejection", "bad_response"), ("http_error", "http_500"), ("down", "unreachable")],
)
def test_failing_tsa_signs_without_a_timestamp_and_records_why(
    tsa: LoopbackServer,
    dev_certs: DevCertPaths,
    info: ProvenanceInfo,
    images: dict[str, bytes],
    trust_pem: str,
    caplog: pytest.LogCaptureFixture,
    mode: str,
    why: str,
) -> None:
    url = "http://127.0.0.1:9/tsa" if mode == "down" else tsa.url  # port 9 (discard): nothing listens
    tsa.state["mode"] = mode
    prov = Provenance(settings_for(dev_certs, c2pa_tsa_url=url))
    result = prov.sign(images["image/png"], None, info)

    assert result.status == "c2pa:no_timestamp"
    assert json.loads(result.manifest_json)["timestamp"] == f"failed:{why}"
    report = verify_bytes(result.data, trust_pem=trust_pem)
    assert report.state == "trusted" and report.timestamp is None
    assert any("time-stamp authority failed" in r.getMessage() for r in caplog.records)


def test_failing_tsa_is_left_alone_for_a_while_then_asked_again(
    tsa: LoopbackServer, dev_certs: DevCertPaths, info: ProvenanceInfo, images: dict[str, bytes]
) -> None:
    from otel_aiaudit.provenance.manifest import build_manifest

    signer = ManifestSigner(
        load_credentials(str(dev_certs.chain), str(dev_certs.key)), tsa_url=tsa.url, tsa_retry_after=0.5
    )
    manifest = build_manifest(info, "image/png", has_parent=False)
    png = images["image/png"]

    tsa.state["mode"] = "http_error"
    signer.sign_embedded(png, "image/png", manifest, has_parent=False)
    assert signer.timestamp == "failed:http_500" and len(tsa.requests) == 1
    tsa.state["mode"] = "ok"
    signer.sign_embedded(png, "image/png", manifest, has_parent=False)
    assert signer.timestamp == "failed:tsa_cooldown" and len(tsa.requests) == 1  # not asked
    time.sleep(0.6)
    signer.sign_embedded(png, "image/png", manifest, has_parent=False)
    assert signer.timestamp == "rfc3161" and signer.status == "c2pa" and len(tsa.requests) == 2


def test_sidecar_stores_are_timestamped_too(
    tsa: LoopbackServer, dev_certs: DevCertPaths, info: ProvenanceInfo, images: dict[str, bytes]
) -> None:
    from otel_aiaudit.provenance.manifest import build_manifest

    signer = ManifestSigner(load_credentials(str(dev_certs.chain), str(dev_certs.key)), tsa_url=tsa.url)
    png = images["image/png"]
    store = signer.sign_detached(png, "image/png", build_manifest(info, "image/png", has_parent=False), False)
    assert signer.timestamp == "rfc3161"
    report = verify_bytes(png, sidecar=store, trust_pem=TrustConfig(tsa_trust_list=tsa_root(tsa)))
    assert report.timestamp is not None and report.timestamp["tsa_trusted"] is True


def test_tsa_url_is_checked_strictly() -> None:
    from otel_aiaudit.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="OTEL_AIAUDIT_C2PA_TSA_URL=ftp://tsa.example"):
        Settings.from_env({"OTEL_AIAUDIT_C2PA_TSA_URL": "ftp://tsa.example"})
    ok = Settings.from_env({"OTEL_AIAUDIT_C2PA_TSA_URL": " https://tsa.example/rfc3161 "})
    assert ok.c2pa_tsa_url == "https://tsa.example/rfc3161"


def test_an_image_generated_through_the_openai_client_carries_a_trusted_timestamp(
    tsa: LoopbackServer,
    dev_certs: DevCertPaths,
    trust_pem: str,
    instrument,  # noqa: ANN001
    telemetry,  # noqa: ANN001
    openai_client,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import base64

    monkeypatch.setenv("OTEL_AIAUDIT_C2PA", "on")
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_CERT", str(dev_certs.chain))
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_KEY", str(dev_certs.key))
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_TSA_URL", f"{tsa.url}/tsa")
    instrument()
    response = openai_client.images.generate(model="gpt-image-1", prompt="a lighthouse at dusk", quality="low")
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.provenance"] == "c2pa"
    assert len(tsa.requests) == 1  # the signature asked the authority for its token
    signed = base64.b64decode(response.data[0].b64_json)
    report = verify_bytes(signed, trust_pem=TrustConfig(roots=trust_pem, tsa_trust_list=tsa_root(tsa)))
    assert report.state == "trusted"
    stamp = report.timestamp
    assert stamp is not None and stamp["token"] == "valid" and stamp["certificate_valid_at_signing"] is True
    assert dt.datetime.fromisoformat(stamp["time"]) == tsa.state["authority"].issued[-1]
