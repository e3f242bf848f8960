"""`aiaudit c2pa dev-cert` and `aiaudit verify-image`, run through the real typer app."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from otel_aiaudit.cli.main import app
from otel_aiaudit.provenance import Provenance, ProvenanceInfo
from otel_aiaudit.settings import Settings

runner = CliRunner()


def _signed_with_fresh_dev_cert(tmp_path: Path, info: ProvenanceInfo, png: bytes) -> tuple[Path, Path]:
    out = tmp_path / "creds"
    result = runner.invoke(app, ["c2pa", "dev-cert", "--out", str(out), "--org", "Cli Org"])
    assert result.exit_code == 0, result.output
    assert "OTEL_AIAUDIT_C2PA_CERT=" in result.output and "production" in result.output
    prov = Provenance(
        Settings(c2pa=True, c2pa_cert=str(out / "signer-chain.pem"), c2pa_key=str(out / "signer-key.pem"))
    )
    signed = prov.sign(png, None, info)
    assert signed.status == "c2pa"
    image = tmp_path / "generated.png"
    image.write_bytes(signed.data)
    return image, out / "root-ca.pem"


def test_dev_cert_then_verify_trusted(tmp_path: Path, info: ProvenanceInfo, images: dict[str, bytes]) -> None:
    image, root = _signed_with_fresh_dev_cert(tmp_path, info, images["image/png"])
    result = runner.invoke(app, ["verify-image", str(image), "--trust", str(root), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["state"] == "trusted"
    assert doc["signature"]["issuer"] == "Cli Org"
    assert doc["assertion"]["generation_id"] == info.generation_id
    assert doc["actions"][0]["action"] == "c2pa.created"
    assert doc["ledger"].startswith("no ledger")  # the ledger module is optional; nothing to match here
    assert doc["records"] == []

    text = runner.invoke(app, ["verify-image", str(image), "--trust", str(root)])
    assert text.exit_code == 0
    assert (
        "trusted" in text.output
        and info.generation_id in text.output
        and "trainedAlgorithmicMedia" in text.output
    )


def test_verify_without_trust_is_valid(
    tmp_path: Path, info: ProvenanceInfo, images: dict[str, bytes]
) -> None:
    image, _ = _signed_with_fresh_dev_cert(tmp_path, info, images["image/png"])
    result = runner.invoke(app, ["verify-image", str(image), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["state"] == "valid"


def test_verify_tampered_exits_1(tmp_path: Path, info: ProvenanceInfo, images: dict[str, bytes]) -> None:
    image, root = _signed_with_fresh_dev_cert(tmp_path, info, images["image/png"])
    data = bytearray(image.read_bytes())
    data[-30] ^= 0x01  # inside the last IDAT chunk (PNG stores the manifest before the image data)
    image.write_bytes(bytes(data))
    result = runner.invoke(app, ["verify-image", str(image), "--trust", str(root)])
    assert result.exit_code == 1
    assert "invalid" in result.output and "assertion.dataHash.mismatch" in result.output


def test_verify_unsigned_exits_2(tmp_path: Path, images: dict[str, bytes]) -> None:
    plain = tmp_path / "plain.jpg"
    plain.write_bytes(images["image/jpeg"])
    result = runner.invoke(app, ["verify-image", str(plain)])
    assert result.exit_code == 2
    assert "no content credentials" in result.output


def test_dev_cert_refuses_to_overwrite_a_key(tmp_path: Path) -> None:
    assert runner.invoke(app, ["c2pa", "dev-cert", "--out", str(tmp_path)]).exit_code == 0
    again = runner.invoke(app, ["c2pa", "dev-cert", "--out", str(tmp_path)])
    assert again.exit_code != 0 and "--force" in again.output
    assert runner.invoke(app, ["c2pa", "dev-cert", "--out", str(tmp_path), "--force"]).exit_code == 0


def test_verify_with_sidecar_record(
    tmp_path: Path, dev_certs, info: ProvenanceInfo, images: dict[str, bytes]
) -> None:
    import base64

    url = "data:image/webp;base64," + base64.b64encode(images["image/webp"]).decode()
    prov = Provenance(
        Settings(c2pa=True, c2pa_cert=str(dev_certs.chain), c2pa_key=str(dev_certs.key), c2pa_fetch_urls=True)
    )
    record = tmp_path / "record.json"
    record.write_text(prov.sidecar(url, None, info).manifest_json)
    download = tmp_path / "download.webp"
    download.write_bytes(images["image/webp"])
    result = runner.invoke(
        app,
        ["verify-image", str(download), "--sidecar", str(record), "--trust", str(dev_certs.root), "--json"],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["state"] == "trusted"
