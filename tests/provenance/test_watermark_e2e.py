"""End to end: images generated through the real `openai` client carry a watermark, and a copy stripped
of its credentials still leads `aiaudit verify-image` back to its own generation in the ledger."""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageFilter

from otel_aiaudit import audit_context
from otel_aiaudit.loopback.server import Reply
from otel_aiaudit.provenance.certs import DevCertPaths
from otel_aiaudit.provenance.verify import verify_bytes
from otel_aiaudit.provenance.watermark import ALG, derive_key

PROMPT = "a harbour at dusk, oil painting"


def photo_like(size: int, seed: int) -> bytes:
    """A PNG with the texture of a photograph (smoothed noise), unlike the loopback's solid squares."""
    rng = np.random.default_rng(seed)
    noise = Image.fromarray(rng.integers(0, 256, (size // 8, size // 8, 3), dtype=np.uint8), "RGB")
    image = noise.resize((size, size), Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(2))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.fixture()
def ledger(monkeypatch: pytest.MonkeyPatch, dev_certs: DevCertPaths, tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA", "on")
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_CERT", str(dev_certs.chain))
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_KEY", str(dev_certs.key))
    monkeypatch.setenv("OTEL_AIAUDIT_HASH_KEY", "per-org-secret")
    monkeypatch.setenv("OTEL_AIAUDIT_LEDGER", str(path))
    return path


def serve(oai: Any, png: bytes) -> None:
    """The loopback answers every generation with `png` (its own images are 8x8: too small to mark)."""
    payload = {"created": 1, "data": [{"b64_json": base64.b64encode(png).decode()}]}
    oai.override = lambda rec: Reply.of_json(payload) if rec.route.endswith("/images/generations") else None


def generate(openai_client: Any, user: str = "alice") -> bytes:
    with audit_context(user=user, team="marketing"):
        result = openai_client.images.generate(model="gpt-image-1", prompt=PROMPT, size="1024x1024")
    return base64.b64decode(result.data[0].b64_json)


def image_record(telemetry: Any, index: int = -1) -> dict[str, Any]:
    body = telemetry.records("image")[index].body
    return json.loads(body) if isinstance(body, str) else dict(body)


def generation_id(telemetry: Any, index: int = -1) -> str:
    return str(telemetry.finished_spans()[index].attributes["aiaudit.generation.id"])


def stripped(data: bytes, fmt: str, **options: Any) -> bytes:
    """What a re-save does to a file: same pixels (or JPEG's version of them), no metadata."""
    out = io.BytesIO()
    Image.open(io.BytesIO(data)).convert("RGB").save(out, fmt, **options)
    return out.getvalue()


def verify_image(path: Path, ledger: Path) -> tuple[int, dict[str, Any]]:
    aiaudit = Path(sys.executable).with_name("aiaudit")
    out = subprocess.run(
        [str(aiaudit), "verify-image", str(path), "--ledger", str(ledger), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return out.returncode, json.loads(out.stdout)


@pytest.mark.parametrize(("fmt", "options"), [("PNG", {}), ("JPEG", {"quality": 90})], ids=["png", "jpeg90"])
def test_a_stripped_copy_resolves_to_its_generation(
    ledger: Path, instrument: Any, telemetry: Any, oai: Any, openai_client: Any, tmp_path: Path, fmt: str, options: Any
) -> None:
    serve(oai, photo_like(512, seed=1))
    instrument()
    signed = generate(openai_client)
    gen_id = generation_id(telemetry)
    (image,) = image_record(telemetry)["images"]
    assert image["watermark"] == derive_key(gen_id, 0, "per-org-secret")
    assert len(image["phash"]) == 16

    # The manifest names the same key as a soft binding: mark and manifest point at each other.
    report = verify_bytes(signed)
    assert report.state == "valid" and "c2pa.soft-binding" in report.assertion_labels

    copy = tmp_path / f"copy.{fmt.lower()}"
    copy.write_bytes(stripped(signed, fmt, **options))
    assert verify_bytes(copy.read_bytes()).state == "none"  # the credentials are gone
    code, doc = verify_image(copy, ledger)
    assert code == 2  # still "no credentials": the lookup does not stand in for a signature
    found = doc["identified"]
    assert found["match"]["by"] == "watermark"
    assert found["match"]["generation_id"] == gen_id
    assert (found["match"]["user"], found["match"]["team"]) == ("alice", "marketing")
    assert found["match"]["model"] == "gpt-image-1" and found["match"]["decision"] == "allow"
    assert found["watermark"]["key"] == image["watermark"] or found["match"]["distance"] <= 2
    assert {r["type"] for r in doc["records"]} == {"log", "prompt", "image"}
    assert {r["body"].get("generation_id") for r in doc["records"]} == {gen_id}


def test_identical_pixels_from_the_provider_resolve_to_their_own_generations(
    ledger: Path, instrument: Any, telemetry: Any, oai: Any, openai_client: Any, tmp_path: Path
) -> None:
    serve(oai, photo_like(512, seed=2))  # the provider returns the very same bytes twice
    instrument()
    copies = []
    for user in ("alice", "bob"):
        signed = generate(openai_client, user=user)
        copy = tmp_path / f"{user}.png"
        copy.write_bytes(stripped(signed, "PNG"))
        copies.append(copy)
    ids = [generation_id(telemetry, 0), generation_id(telemetry, 1)]
    assert ids[0] != ids[1]

    found = [verify_image(copy, ledger)[1]["identified"]["match"] for copy in copies]
    assert [f["generation_id"] for f in found] == ids
    assert [f["user"] for f in found] == ["alice", "bob"]


def test_without_a_watermark_the_fingerprint_lists_candidates(
    ledger: Path,
    instrument: Any,
    telemetry: Any,
    oai: Any,
    openai_client: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OTEL_AIAUDIT_WATERMARK", "off")
    instrument()
    serve(oai, photo_like(512, seed=3))
    signed = generate(openai_client)
    wanted = generation_id(telemetry)
    assert image_record(telemetry)["images"][0]["watermark"] == "skipped:disabled"
    serve(oai, photo_like(512, seed=4))  # an unrelated image in the same ledger
    generate(openai_client, user="bob")

    copy = tmp_path / "resized.png"
    smaller = Image.open(io.BytesIO(signed)).resize((300, 300), Image.Resampling.LANCZOS)
    smaller.save(copy, "PNG")
    code, doc = verify_image(copy, ledger)
    assert code == 2
    found = doc["identified"]
    assert found["match"] is None  # a fingerprint is similarity, never claimed as the origin
    assert [c["generation_id"] for c in found["candidates"]] == [wanted]
    assert found["candidates"][0]["by"] == "phash" and found["candidates"][0]["distance"] <= 10


def test_an_image_too_small_to_carry_the_mark_is_recorded_as_skipped(
    ledger: Path, instrument: Any, telemetry: Any, openai_client: Any
) -> None:
    instrument()  # the loopback's own 8x8 images
    data = generate(openai_client)
    (image,) = image_record(telemetry)["images"]
    assert image["watermark"] == "skipped:too_small"
    assert image["provenance"] == "c2pa"  # still signed
    assert "c2pa.soft-binding" not in verify_bytes(data).assertion_labels


def test_the_soft_binding_names_the_algorithm_and_the_key(
    ledger: Path, instrument: Any, telemetry: Any, oai: Any, openai_client: Any
) -> None:
    import c2pa

    serve(oai, photo_like(512, seed=5))
    instrument()
    data = generate(openai_client)
    reader = c2pa.Reader("image/png", io.BytesIO(data))
    try:
        store = json.loads(reader.json())
    finally:
        reader.close()
    manifest = store["manifests"][store["active_manifest"]]
    (binding,) = [a["data"] for a in manifest["assertions"] if a["label"] == "c2pa.soft-binding"]
    assert binding["alg"] == ALG
    (block,) = binding["blocks"]
    assert block["value"] == image_record(telemetry)["images"][0]["watermark"]
