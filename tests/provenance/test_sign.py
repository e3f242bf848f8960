"""Signing with the real c2pa-python and reading back with its Reader."""

from __future__ import annotations

import io
import json
import threading

import c2pa
import pytest
from PIL import Image, PngImagePlugin

from otel_aiaudit.provenance import ASSERTION_LABEL, Provenance, ProvenanceInfo
from otel_aiaudit.provenance.certs import DevCertPaths
from otel_aiaudit.provenance.manifest import TRAINED_ALGORITHMIC_MEDIA
from otel_aiaudit.provenance.verify import read_context, verify_bytes

from .conftest import FORMATS, settings_for


@pytest.fixture()
def provenance(dev_certs: DevCertPaths) -> Provenance:
    # The manifest on the provider's bytes as they came: marking re-encodes the pixels, which these
    # byte-level checks would trip over (the watermark has its own tests).
    return Provenance(settings_for(dev_certs, watermark=False))


def read_store(data: bytes, mime: str, trust_pem: str | None) -> tuple[str, dict]:
    reader = c2pa.Reader(mime, io.BytesIO(data), context=read_context(trust_pem))
    try:
        return reader.get_validation_state(), json.loads(reader.json())
    finally:
        reader.close()


def active(store: dict) -> dict:
    return store["manifests"][store["active_manifest"]]


def assertion(manifest: dict, label: str) -> dict:
    found = [a["data"] for a in manifest["assertions"] if a["label"] == label]
    assert len(found) == 1, f"{label} in {[a['label'] for a in manifest['assertions']]}"
    return found[0]


@pytest.mark.parametrize("mime", list(FORMATS))
def test_signed_image_carries_created_action_and_our_assertion(
    provenance: Provenance, info: ProvenanceInfo, images: dict[str, bytes], trust_pem: str, mime: str
) -> None:
    original = images[mime]
    result = provenance.sign(original, None, info)

    assert result.status == "c2pa"
    assert result.data is not None and result.data != original
    assert result.manifest_bytes == len(result.data) - len(original)
    assert 0 < result.manifest_bytes < 10_000  # thumbnails off

    state, store = read_store(result.data, mime, trust_pem)
    assert state == "Trusted"
    manifest = active(store)
    assert [a["label"] for a in manifest["assertions"]] == ["c2pa.actions.v2", ASSERTION_LABEL]
    (action,) = assertion(manifest, "c2pa.actions.v2")["actions"]
    assert action["action"] == "c2pa.created"
    assert action["digitalSourceType"] == TRAINED_ALGORITHMIC_MEDIA
    assert action["softwareAgent"] == {"name": "gpt-image-1"}
    assert action["when"] == "2026-01-01T00:00:00.250Z"
    ours = assertion(manifest, ASSERTION_LABEL)
    assert ours == {
        "generation_id": "0f3c9a1be2d84c7f9d1e2a3b4c5d6e7f",
        "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
        "span_id": "00f067aa0ba902b7",
        "prompt_hash": "hmac-sha256:" + "ab" * 32,
        "user": "alice",
        "team": "marketing",
        "organisation": "Acme Corp",
        "policy_decision": "warn",
        "model": "gpt-image-1",
        "provider": "openai",
        "created_at": "2026-01-01T00:00:00.250Z",
        "generator": "otel-aiaudit/0.1.0",
    }
    assert manifest["claim_generator_info"][0]["name"] == "otel-aiaudit"
    assert manifest["signature_info"]["issuer"] == "Acme Audit"  # the signing certificate's O
    # Still a normal image for every decoder.
    with Image.open(io.BytesIO(result.data)) as img:
        assert img.size == (1024, 1024)
    record = json.loads(result.manifest_json)
    assert record["embedded"] is True and record["format"] == mime and record["parent"] is None


@pytest.mark.parametrize("mime", list(FORMATS))
def test_declared_type_is_overruled_by_the_bytes(
    provenance: Provenance, info: ProvenanceInfo, images: dict[str, bytes], trust_pem: str, mime: str
) -> None:
    # Providers mislabel: b64_json has no type at all, and a "png" label may carry WebP bytes.
    result = provenance.sign(images[mime], "image/png" if mime != "image/png" else "image/jpeg", info)
    assert result.status == "c2pa"
    assert read_store(result.data, mime, trust_pem)[0] == "Trusted"


def test_without_the_root_the_signature_is_valid_but_not_trusted(
    provenance: Provenance, info: ProvenanceInfo, images: dict[str, bytes]
) -> None:
    result = provenance.sign(images["image/png"], "image/png", info)
    report = verify_bytes(result.data)
    assert report.state == "valid"
    assert [f["code"] for f in report.failures] == ["signingCredential.untrusted"]


@pytest.mark.parametrize("mime", list(FORMATS))
def test_tampered_image_is_invalid(
    provenance: Provenance, info: ProvenanceInfo, images: dict[str, bytes], trust_pem: str, mime: str
) -> None:
    original = images[mime]
    signed = bytearray(provenance.sign(original, mime, info).data)
    # Flip one byte of the pixel data (found by content: the store sits at a format-specific place).
    middle = original[len(original) // 2 : len(original) // 2 + 24]
    at = bytes(signed).find(middle)
    assert at > 0
    signed[at + 8] ^= 0xFF
    report = verify_bytes(bytes(signed), trust_pem=trust_pem)
    assert report.state == "invalid"
    assert "assertion.dataHash.mismatch" in [f["code"] for f in report.failures]
    assert report.generation_id == info.generation_id  # the claim is still readable, just not believed


def test_existing_manifest_is_kept_as_parent_ingredient(
    upstream_certs,
    dev_certs,
    provenance: Provenance,
    info: ProvenanceInfo,
    images: dict[str, bytes],
    trust_pem: str,
) -> None:
    # The provider signs first (as OpenAI does), then our instrumentation signs what the app receives.
    upstream = Provenance(settings_for(upstream_certs))
    upstream_info = ProvenanceInfo(generation_id="upstream-1", model="gpt-image-1", provider="openai")
    from_provider = upstream.sign(images["image/png"], "image/png", upstream_info).data
    upstream_label = read_store(from_provider, "image/png", None)[1]["active_manifest"]

    result = provenance.sign(from_provider, None, info)
    assert result.status == "c2pa"
    state, store = read_store(result.data, "image/png", trust_pem)
    assert state == "Trusted"
    assert len(store["manifests"]) == 2
    manifest = active(store)
    (parent,) = manifest["ingredients"]
    assert parent["relationship"] == "parentOf"
    assert parent["active_manifest"] == upstream_label
    assert store["manifests"][upstream_label]["signature_info"]["issuer"] == "Upstream Provider"
    # c2pa records that our manifest opened the provider's image, and our assertion is still there.
    actions = assertion(manifest, "c2pa.actions.v2")["actions"]
    assert actions[0]["action"] == "c2pa.opened"
    assert assertion(manifest, ASSERTION_LABEL)["generation_id"] == info.generation_id
    # The parent's own created action (with its source type) survives untouched.
    parent_actions = assertion(store["manifests"][upstream_label], "c2pa.actions.v2")["actions"]
    assert parent_actions[0]["digitalSourceType"] == TRAINED_ALGORITHMIC_MEDIA
    record = json.loads(result.manifest_json)
    assert record["parent"] == {"label": upstream_label, "issuer": "Upstream Provider", "state": "valid"}

    report = verify_bytes(result.data, trust_pem=trust_pem)
    assert report.ingredients[0]["issuer"] == "Upstream Provider"

    # With the watermark on (the default), the provider's image is marked too: the mark is stated
    # after c2pa.opened and bound by the soft binding, the pixels carry it, and the parent is the
    # image as the provider signed it, so the provider's credentials stay valid in the chain.
    from otel_aiaudit.provenance.watermark import decode_bytes, derive_key

    marked = Provenance(settings_for(dev_certs)).sign(from_provider, None, info)
    key = derive_key(info.generation_id, 0)
    assert (marked.status, marked.watermark) == ("c2pa", key)
    state, store = read_store(marked.data, "image/png", trust_pem)
    assert state == "Trusted" and len(store["manifests"]) == 2
    manifest = active(store)
    (parent,) = manifest["ingredients"]
    assert (parent["relationship"], parent["active_manifest"]) == ("parentOf", upstream_label)
    actions = assertion(manifest, "c2pa.actions.v2")["actions"]
    assert [a["action"] for a in actions] == ["c2pa.opened", "c2pa.watermarked"]
    assert assertion(manifest, "c2pa.soft-binding")["blocks"][0]["value"] == key
    assert decode_bytes(marked.data)[0].key == key
    assert verify_bytes(marked.data, trust_pem=trust_pem).ingredients[0]["issuer"] == "Upstream Provider"


def test_organisation_falls_back_to_settings_then_certificate(
    dev_certs, info: ProvenanceInfo, images: dict[str, bytes]
) -> None:
    bare = ProvenanceInfo(generation_id="g-org", model="m", provider="p", created_at=1.0)
    from_settings = Provenance(settings_for(dev_certs, organisation="Settings Org"))
    data = from_settings.sign(images["image/png"], None, bare).data
    assert verify_bytes(data).assertion["organisation"] == "Settings Org"
    from_cert = Provenance(settings_for(dev_certs))
    data = from_cert.sign(images["image/png"], None, bare).data
    assert verify_bytes(data).assertion["organisation"] == "Acme Audit"


def test_signer_is_shared_safely_across_threads(
    provenance: Provenance, info: ProvenanceInfo, images: dict[str, bytes], trust_pem: str
) -> None:
    results: list[str] = []
    lock = threading.Lock()

    def work(mime: str) -> None:
        for _ in range(3):
            res = provenance.sign(images[mime], None, info)
            state = verify_bytes(res.data, trust_pem=trust_pem).state if res.data else res.status
            with lock:
                results.append(state)

    threads = [threading.Thread(target=work, args=(m,)) for m in [*FORMATS, "image/png"]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["trusted"] * 12


def test_only_a_png_with_a_store_chunk_is_read_for_an_upstream_manifest(
    upstream_certs, provenance: Provenance, images: dict[str, bytes]
) -> None:
    # A PNG without a caBX chunk has no store: it is not handed to c2pa's reader at all. One that
    # mentions the chunk's name in its text, but has no such chunk, is no exception.
    signer = provenance._get_signer()
    plain = images["image/png"]
    assert signer.upstream(plain, "image/png") is None
    text = Image.open(io.BytesIO(plain))
    out = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_text("comment", "caBX c2pa jumb")
    text.save(out, "PNG", pnginfo=info)
    assert b"caBX" in out.getvalue() and signer.upstream(out.getvalue(), "image/png") is None
    signed = Provenance(settings_for(upstream_certs)).sign(plain, "image/png", ProvenanceInfo(generation_id="u")).data
    found = signer.upstream(signed, "image/png")
    assert found is not None and found.issuer == "Upstream Provider"
