"""`verify-image` trust options: a C2PA trust list (PEM bundle), one root, an allowed list, EKU config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from otel_aiaudit.cli.main import app
from otel_aiaudit.provenance import Provenance, ProvenanceInfo
from otel_aiaudit.provenance.certs import DevCertPaths

runner = CliRunner()


@pytest.fixture(scope="module")
def signed_png(tmp_path_factory: pytest.TempPathFactory, dev_certs: DevCertPaths) -> Path:
    from .conftest import make_image, settings_for

    result = Provenance(settings_for(dev_certs)).sign(
        make_image("image/png", 256), None, ProvenanceInfo(generation_id="trust-test")
    )
    path = tmp_path_factory.mktemp("trust") / "signed.png"
    path.write_bytes(result.data)
    return path


def verify(*args: str) -> tuple[int, dict]:
    result = runner.invoke(app, ["verify-image", *args, "--json"])
    return result.exit_code, json.loads(result.output) if result.output.startswith("{") else {"out": result.output}


def bundle(tmp_path: Path, *pems: str) -> Path:
    path = tmp_path / "C2PA-TRUST-LIST.pem"
    path.write_text("\n".join(pems))
    return path


def test_trust_list_bundle_with_our_root(
    tmp_path: Path, signed_png: Path, dev_certs: DevCertPaths, upstream_certs: DevCertPaths
) -> None:
    # A list of several anchors, ours among them, as the official list is.
    trust_list = bundle(tmp_path, upstream_certs.root.read_text(), dev_certs.root.read_text())
    code, doc = verify(str(signed_png), "--trust-list", str(trust_list))
    assert code == 0 and doc["state"] == "trusted"
    assert doc["trust"]["signer"] == "trusted" and "system_anchors" in doc["trust"]["detail"]  # c2pa calls it so


def test_trust_list_without_our_root_leaves_the_signer_untrusted(
    tmp_path: Path, signed_png: Path, upstream_certs: DevCertPaths
) -> None:
    code, doc = verify(str(signed_png), "--trust-list", str(bundle(tmp_path, upstream_certs.root.read_text())))
    assert code == 0 and doc["state"] == "valid" and doc["trust"]["signer"] == "untrusted"


def test_single_root_under_both_names(signed_png: Path, dev_certs: DevCertPaths) -> None:
    for option in ("--trust-root", "--trust"):
        code, doc = verify(str(signed_png), option, str(dev_certs.root))
        assert code == 0 and doc["state"] == "trusted" and "user_anchors" in doc["trust"]["detail"]


def test_allowed_list_trusts_one_signing_certificate(
    tmp_path: Path, signed_png: Path, dev_certs: DevCertPaths, upstream_certs: DevCertPaths
) -> None:
    allowed = tmp_path / "allowed.pem"
    allowed.write_text(dev_certs.chain.read_text())
    code, doc = verify(str(signed_png), "--allowed-list", str(allowed))
    assert code == 0 and doc["state"] == "trusted"
    allowed.write_text(upstream_certs.chain.read_text())
    assert verify(str(signed_png), "--allowed-list", str(allowed))[1]["state"] == "valid"


def test_eku_config_with_the_trust_list(tmp_path: Path, signed_png: Path, dev_certs: DevCertPaths) -> None:
    store_cfg = tmp_path / "store.cfg"
    store_cfg.write_text("//id-kp-emailProtection\n1.3.6.1.5.5.7.3.4\n//c2pa-kp-claimSigning\n1.3.6.1.4.1.62558.2.1\n")
    code, doc = verify(
        str(signed_png), "--trust-list", str(dev_certs.root), "--trust-config", str(store_cfg)
    )
    assert code == 0 and doc["state"] == "trusted"


@pytest.mark.parametrize(
    ("option", "content", "says"),
    [
        ("--trust-list", "not a certificate", "--trust-list"),
        ("--trust-root", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "--trust-root"),
        ("--allowed-list", "zz not base64\n", "--allowed-list"),
        ("--trust-config", "emailProtection\n", "--trust-config"),
        ("--tsa-trust-list", "", "--tsa-trust-list"),
    ],
)
def test_bad_trust_file_is_one_line_exit_2(
    tmp_path: Path, signed_png: Path, option: str, content: str, says: str
) -> None:
    bad = tmp_path / "bad.pem"
    bad.write_text(content)
    result = runner.invoke(app, ["verify-image", str(signed_png), option, str(bad)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and says in lines[0], result.output


def test_text_report_names_the_trust_source(signed_png: Path, dev_certs: DevCertPaths) -> None:
    result = runner.invoke(app, ["verify-image", str(signed_png), "--trust-root", str(dev_certs.root)])
    assert result.exit_code == 0
    assert "signer trust: trusted" in result.output and "timestamp: none" in result.output
