"""The PNG writer of marked images: any decoder reads back the exact pixels, and the colour chunks stay."""

from __future__ import annotations

import io
import zlib

import numpy as np
import pytest
from PIL import Image, ImageCms

from otel_aiaudit.provenance import png, watermark

from .test_watermark_e2e import photo_like


def pixels(size: int, channels: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (size, size + 3, channels), dtype=np.uint8)


@pytest.mark.parametrize("channels, mode", [(3, "RGB"), (4, "RGBA")])
def test_pixels_come_back_exactly(channels: int, mode: str) -> None:
    original = pixels(61, channels, seed=channels)
    read = Image.open(io.BytesIO(png.encode(original)))
    assert read.mode == mode and read.size == (64, 61)
    assert np.array_equal(np.asarray(read), original)


def test_bands_make_the_same_file_as_the_whole_array() -> None:
    original = pixels(64, 3, seed=1)
    bands = [original[:10], original[10:11], original[11:64]]
    assert png.encode(bands) == png.encode(original)


def test_colour_chunks_are_kept() -> None:
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    chromaticity = (0.3127, 0.329, 0.64, 0.33, 0.3, 0.6, 0.15, 0.06)
    read = Image.open(io.BytesIO(png.encode(pixels(8, 3, 2), {"icc_profile": icc, "gamma": 0.45455})))
    assert read.info["icc_profile"] == icc and read.info["gamma"] == 0.45455
    read = Image.open(io.BytesIO(png.encode(pixels(8, 3, 2), {"srgb": 0, "chromaticity": chromaticity})))
    assert read.info["srgb"] == 0 and read.info["chromaticity"] == chromaticity


def test_the_c2pa_extra_deflates_with_isal() -> None:
    # isal is in the c2pa extra: without it every marked PNG costs ~30 ms more (zlib).
    assert png.DEFLATE == "isal"


def test_zlib_writes_the_same_pixels(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(png, "_deflater", zlib)
    original = pixels(40, 4, seed=3)
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(png.encode(original)))), original)


def test_bad_pixels_are_refused() -> None:
    with pytest.raises(ValueError):
        png.encode(np.zeros((8, 8, 2), dtype=np.uint8))
    with pytest.raises(ValueError):
        png.encode(np.zeros((8, 8, 3), dtype=np.uint16))
    with pytest.raises(ValueError):
        png.encode([np.zeros((8, 8, 3), dtype=np.uint8), np.zeros((8, 9, 3), dtype=np.uint8)])


def test_a_marked_png_stays_a_png_of_its_own_mode_and_size() -> None:
    source = Image.open(io.BytesIO(photo_like(512, seed=11)))
    key = watermark.derive_key("gen-1", 0)
    marked = Image.open(io.BytesIO(watermark.embed_image(source, "image/png", key)))
    assert (marked.format, marked.mode, marked.size) == ("PNG", "RGB", (512, 512))
    assert np.array_equal(np.asarray(marked), watermark.embed_array(np.asarray(source), key))


def test_chunks_are_listed_in_order_up_to_the_end() -> None:
    data = png.encode(pixels(8, 3, 4), {"gamma": 0.45455})
    assert [kind for kind, _ in png.chunks(data)] == [b"IHDR", b"gAMA", b"IDAT"]
    ((_, header),) = [(k, b) for k, b in png.chunks(data) if k == b"IHDR"]
    assert png.chunk(b"IHDR", bytes(header)) in data  # the body is the chunk's, checksum and all
    # Bytes after IEND are not chunks; a chunk cut short by the end of the file is not listed.
    assert [kind for kind, _ in png.chunks(data + b"trailing")] == [b"IHDR", b"gAMA", b"IDAT"]
    assert [kind for kind, _ in png.chunks(data[: data.index(b"IDAT") + 20])] == [b"IHDR", b"gAMA"]


def test_checksums_are_the_ones_zlib_computes() -> None:
    # The written file carries ISA-L's CRC-32 and Adler-32; readers check them against zlib's.
    data = png.encode(pixels(30, 4, 5))
    at, checked = len(png.SIGNATURE), 0
    while at < len(data):
        size = int.from_bytes(data[at : at + 4], "big")
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + size]
        assert data[at + 8 + size : at + 12 + size] == zlib.crc32(body, zlib.crc32(kind)).to_bytes(4, "big")
        at, checked = at + 12 + size, checked + 1
    assert checked == 3  # IHDR, IDAT, IEND
    (idat,) = [bytes(body) for kind, body in png.chunks(data) if kind == b"IDAT"]
    assert zlib.adler32(zlib.decompress(idat)).to_bytes(4, "big") == idat[-4:]
