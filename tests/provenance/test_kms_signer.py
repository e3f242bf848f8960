"""Signing through a function (a KMS or HSM that keeps the key): the documented example, run as written."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from otel_aiaudit.errors import ConfigurationError
from otel_aiaudit.provenance import Provenance, ProvenanceInfo
from otel_aiaudit.provenance.certs import DevCertPaths
from otel_aiaudit.provenance.verify import verify_bytes
from otel_aiaudit.settings import Settings
from tests.servers.tsa_server import tsa_server

DOCS = Path(__file__).resolve().parents[2] / "docs" / "c2pa.md"


def documented_module() -> str:
    """The Python block after the `kms-example` marker in docs/c2pa.md."""
    found = re.search(r"<!-- kms-example -->\s*```python\n(.*?)```", DOCS.read_text(), re.S)
    assert found, "docs/c2pa.md lost its KMS example"
    return found.group(1)


@pytest.fixture()
def kms_module(tmp_path: Path, dev_certs: DevCertPaths, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    (tmp_path / "c2pa_kms_doc.py").write_text(documented_module())
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("KMS_STAND_IN_KEY", str(dev_certs.key))
    yield "c2pa_kms_doc:sign"
    sys.modules.pop("c2pa_kms_doc", None)


def kms_env(dev_certs: DevCertPaths, signer: str, **extra: str) -> dict[str, str]:
    # No OTEL_AIAUDIT_C2PA_KEY: the key is only reachable through the function.
    return {"OTEL_AIAUDIT_C2PA": "on", "OTEL_AIAUDIT_C2PA_CERT": str(dev_certs.chain),
            "OTEL_AIAUDIT_C2PA_SIGNER": signer, **extra}


def test_documented_kms_function_signs_and_the_image_verifies(
    kms_module: str, dev_certs: DevCertPaths, info: ProvenanceInfo, images: dict[str, bytes], trust_pem: str
) -> None:
    prov = Provenance(Settings.from_env(kms_env(dev_certs, kms_module)))
    for mime in ("image/png", "image/jpeg"):
        result = prov.sign(images[mime], None, info)
        assert result.status == "c2pa", result.status
        report = verify_bytes(result.data, trust_pem=trust_pem)
        assert report.state == "trusted"
        assert report.generation_id == info.generation_id
        assert report.signature["issuer"] == "Acme Audit"


def test_kms_function_with_a_timestamp_authority(
    kms_module: str, dev_certs: DevCertPaths, info: ProvenanceInfo, images: dict[str, bytes]
) -> None:
    with tsa_server() as tsa:
        prov = Provenance(Settings.from_env(kms_env(dev_certs, kms_module, OTEL_AIAUDIT_C2PA_TSA_URL=tsa.url)))
        result = prov.sign(images["image/png"], None, info)
    assert result.status == "c2pa"
    assert json.loads(result.manifest_json)["timestamp"] == "rfc3161"
    assert verify_bytes(result.data).timestamp is not None


def test_callable_passed_in_code_with_raw_ecdsa_signatures(
    dev_certs: DevCertPaths, info: ProvenanceInfo, images: dict[str, bytes], trust_pem: str
) -> None:
    key: Any = serialization.load_pem_private_key(dev_certs.key.read_bytes(), password=None)
    calls: list[int] = []

    def raw_signer(data: bytes) -> bytes:  # some HSMs return r|s, not DER
        from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

        calls.append(len(data))
        r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")

    # What instrument(c2pa_signer=raw_signer) passes on: a keyword override of the setting.
    settings = Settings.from_env({}, c2pa=True, c2pa_cert=str(dev_certs.chain), c2pa_signer=raw_signer)
    result = Provenance(settings).sign(images["image/png"], None, info)
    assert result.status == "c2pa" and calls
    assert verify_bytes(result.data, trust_pem=trust_pem).state == "trusted"


def test_failing_kms_call_leaves_the_image_unsigned_and_says_why(
    dev_certs: DevCertPaths, info: ProvenanceInfo, images: dict[str, bytes], caplog: pytest.LogCaptureFixture
) -> None:
    def unavailable(data: bytes) -> bytes:
        raise RuntimeError("KMS throttled the request")

    settings = Settings(c2pa=True, c2pa_cert=str(dev_certs.chain), c2pa_signer=unavailable)
    result = Provenance(settings).sign(images["image/png"], None, info)
    assert result.data is None and result.status == "error:signature"
    assert any("KMS throttled the request" in r.getMessage() for r in caplog.records)


def test_signer_that_cannot_be_imported(dev_certs: DevCertPaths, info: ProvenanceInfo, images) -> None:
    prov = Provenance(Settings.from_env(kms_env(dev_certs, "no_such_package.kms:sign")))
    assert prov.sign(images["image/png"], None, info).status == "error:signer_unresolvable"


@pytest.mark.parametrize("value", ["c2pa_kms", "c2pa_kms:", "c2pa kms:sign", "pkg/mod:sign"])
def test_signer_setting_is_parsed_strictly(value: str) -> None:
    with pytest.raises(ConfigurationError, match="OTEL_AIAUDIT_C2PA_SIGNER=.*package.module:function"):
        Settings.from_env({"OTEL_AIAUDIT_C2PA_SIGNER": value})
