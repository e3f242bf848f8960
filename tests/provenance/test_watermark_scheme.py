"""The watermark on its own: keys, compatibility with invisible-watermark, and what it survives."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from otel_aiaudit.provenance import watermark

from .test_watermark_e2e import photo_like


def rgb(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def test_keys_are_per_generation_and_image_and_depend_on_the_hash_key() -> None:
    a = watermark.derive_key("gen-1", 0, "secret")
    assert len(a) == watermark.PAYLOAD_BITS // 4
    assert a != watermark.derive_key("gen-1", 1, "secret")
    assert a != watermark.derive_key("gen-2", 0, "secret")
    assert a != watermark.derive_key("gen-1", 0, None)
    assert a == watermark.derive_key("gen-1", 0, "secret")


def test_marks_are_invisible_and_decode() -> None:
    original = rgb(photo_like(512, seed=7))
    key = watermark.derive_key("gen-1", 0)
    marked = watermark.embed_array(original, key)
    mse = np.mean((marked.astype(float) - original) ** 2)
    assert 10 * np.log10(255**2 / mse) > 38  # PSNR in dB
    found = watermark.decode_array(marked)
    assert found.key == key and found.found
    assert not watermark.decode_array(original).found  # an unmarked photo shows no agreement


def test_the_mark_is_invisible_watermarks_dwtDctSvd() -> None:
    import imwatermark  # installed by scripts/test.sh (the suite's command), never skipped
    original = rgb(photo_like(512, seed=8))
    key = watermark.derive_key("gen-1", 0)
    ours = watermark.embed_array(original, key)
    # The library works on BGR arrays.
    decoded = imwatermark.WatermarkDecoder("bytes", 48).decode(np.ascontiguousarray(ours[..., ::-1]), "dwtDctSvd")
    assert decoded.hex() == key
    encoder = imwatermark.WatermarkEncoder()
    encoder.set_watermark("bytes", bytes.fromhex(key))
    theirs = encoder.encode(np.ascontiguousarray(original[..., ::-1]), "dwtDctSvd")[..., ::-1]
    assert watermark.decode_array(np.ascontiguousarray(theirs)).key == key


def test_a_resized_copy_is_scaled_back_before_decoding() -> None:
    key = watermark.derive_key("gen-1", 0)
    marked = Image.fromarray(watermark.embed_array(rgb(photo_like(1024, seed=9)), key))
    readings = watermark.decode_image(marked.resize((768, 768), Image.Resampling.LANCZOS))
    assert key in [r.key for r in readings if r.found]


def test_small_images_cannot_carry_it() -> None:
    assert not watermark.can_carry(255, 255)
    assert not watermark.can_carry(4096, 16)
    assert watermark.can_carry(256, 256)
    with pytest.raises(watermark.Unmarkable, match="too_small"):
        watermark.embed_bytes(photo_like(128, seed=1), "image/png", "00" * 6)
    assert watermark.decode_bytes(photo_like(128, seed=1)) == []


def test_transparency_survives_marking() -> None:
    image = Image.open(io.BytesIO(photo_like(512, seed=10))).convert("RGBA")
    image.putalpha(Image.linear_gradient("L").resize((512, 512)))
    out = io.BytesIO()
    image.save(out, "PNG")
    key = watermark.derive_key("gen-1", 0)
    marked = Image.open(io.BytesIO(watermark.embed_bytes(out.getvalue(), "image/png", key)))
    assert marked.mode == "RGBA"
    assert np.array_equal(np.asarray(marked.getchannel("A")), np.asarray(image.getchannel("A")))
    assert watermark.decode_image(marked)[0].key == key


def test_the_mark_is_the_same_whatever_the_band_height() -> None:
    # An odd size: the blocks cover 992 x 1000 of 997 x 1001 pixels, the rest goes through unchanged.
    original = np.ascontiguousarray(np.tile(rgb(photo_like(512, seed=12)), (2, 2, 1))[:997, :1001])
    key = watermark.derive_key("gen-1", 0)
    marked = [
        np.concatenate(list(watermark.mark_bands(watermark.array_bands(original, rows), key)))
        for rows in (8, 64, 100, 4096)
    ]
    assert all(np.array_equal(marked[0], other) for other in marked[1:])
    assert np.array_equal(marked[0][992:], original[992:]) and np.array_equal(marked[0][:, 1000:], original[:, 1000:])
    assert watermark.decode_array(marked[0]).key == key
    from_pillow = watermark.image_bands(Image.fromarray(original), rows=24)
    assert np.array_equal(np.concatenate(list(watermark.mark_bands(from_pillow, key))), marked[0])
    with pytest.raises(ValueError, match="multiple of 8"):
        list(watermark.mark_bands([original[:12], original[12:]], key))
