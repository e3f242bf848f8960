"""The ISA-L and libspng read of a returned PNG gives Pillow's pixels, so marks and fingerprints do not
depend on it."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from otel_aiaudit.provenance import fingerprint, watermark
from otel_aiaudit.provenance.pixels import DECODER, fast_png_pixels


def png(mode: str, size: tuple[int, int] = (320, 256), **info) -> bytes:
    rng = np.random.default_rng(7)
    channels = {"RGB": 3, "RGBA": 4, "L": 1, "P": 1}[mode]
    shape = (size[1], size[0]) if channels == 1 else (size[1], size[0], channels)
    image = Image.fromarray(rng.integers(0, 256, shape, dtype=np.uint8), mode if mode != "P" else "L")
    if mode == "P":
        image = image.convert("P")
    out = io.BytesIO()
    image.save(out, "PNG", **info)
    return out.getvalue()


def test_the_decoder_is_installed() -> None:
    assert DECODER == "ISA-L + libspng"


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_same_pixels_as_pillow(mode: str) -> None:
    data = png(mode)
    pixels = fast_png_pixels(data, Image.open(io.BytesIO(data)))
    assert pixels is not None
    assert np.array_equal(pixels, np.asarray(Image.open(io.BytesIO(data))))


@pytest.mark.parametrize("mode", ["L", "P"])
def test_other_modes_are_left_to_pillow(mode: str) -> None:
    data = png(mode)
    assert fast_png_pixels(data, Image.open(io.BytesIO(data))) is None


def test_a_colour_key_is_left_to_pillow() -> None:
    data = png("RGB", transparency=(0, 0, 0))
    assert fast_png_pixels(data, Image.open(io.BytesIO(data))) is None


def test_marked_bytes_and_fingerprint_do_not_depend_on_the_decoder() -> None:
    data = png("RGB", (512, 512))
    key = watermark.derive_key("gen", 0)
    fast = fast_png_pixels(data, Image.open(io.BytesIO(data)))
    assert fast is not None
    by_pillow = watermark.embed_image(Image.open(io.BytesIO(data)), "image/png", key)
    by_spng = watermark.embed_image(Image.open(io.BytesIO(data)), "image/png", key, fast)
    assert by_spng == by_pillow
    assert fingerprint.phash(Image.fromarray(fast)) == fingerprint.phash(Image.open(io.BytesIO(data)))


def test_image_data_in_many_chunks_reads_the_same() -> None:
    # Pillow writes its image data in 64 KiB chunks, which are one deflate stream together.
    rng = np.random.default_rng(3)
    image = Image.fromarray(rng.integers(0, 256, (700, 500, 3), dtype=np.uint8))
    for options in ({}, {"optimize": True}):
        out = io.BytesIO()
        image.save(out, "PNG", **options)
        data = out.getvalue()
        assert data.count(b"IDAT") > 1
        assert np.array_equal(fast_png_pixels(data, Image.open(io.BytesIO(data))), np.asarray(image))


def test_a_corrupt_image_stream_is_reported_by_the_decoder() -> None:
    data = bytearray(png("RGB"))
    start = data.index(b"IDAT") + 4
    data[start : start + 40] = bytes(40)  # the zlib header and the first deflate block destroyed
    with pytest.raises(Exception):  # noqa: B017, PT011 - libspng's own error, whatever its class
        fast_png_pixels(bytes(data), Image.open(io.BytesIO(bytes(data))))
