"""Reading a returned PNG's pixels with ISA-L and libspng (through imagecodecs) instead of Pillow.

Marking and fingerprinting an image starts by decoding it, and for a 1024x1024 PNG that decode was
the largest part of the cost: Pillow takes ~35 ms for a 1.7 MB colour PNG on the development
machine, libspng ~17 ms, of which ~15 ms is zlib inflating the image data. ISA-L (the `isal`
package, already used to write marked PNGs) inflates the same stream in ~5 ms, so the image data is
inflated here and handed to libspng as a PNG whose data is stored uncompressed: libspng then only
undoes the row filters. The pixels are the same bytes whichever way they are read (PNG is
lossless), so fingerprints and marks do not depend on the decoder; a test checks that. Only 8-bit
RGB and RGBA PNGs, what image generators return, take this path: anything else, or an installation
without imagecodecs, is decoded by Pillow as before.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

import numpy as np

from . import png

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

try:  # ISA-L's inflate: ~3x zlib's speed
    from isal import isal_zlib as _inflater
except ImportError:  # pragma: no cover - the c2pa extra installs isal
    _inflater = None

try:
    import imagecodecs

    DECODER = ("ISA-L + libspng" if _inflater is not None else "libspng") if imagecodecs.SPNG.available else None
except ImportError:  # pragma: no cover - the c2pa extra installs imagecodecs
    imagecodecs = None
    DECODER = None

_CHANNELS = {"RGB": 3, "RGBA": 4}
_STORED_BLOCK = 65535  # the most a stored deflate block holds


def fast_png_pixels(data: bytes, image: PILImage) -> np.ndarray | None:
    """The pixels of `data` as a (height, width, channels) uint8 array when `image` (the same bytes
    opened by Pillow, not yet loaded) is an 8-bit RGB or RGBA PNG and libspng is at hand; else None."""
    if DECODER is None or image.format != "PNG" or image.mode not in _CHANNELS:
        return None
    if "transparency" in image.info:  # a tRNS colour key: Pillow turns it into alpha, spng would not
        return None
    pixels = imagecodecs.spng_decode(_stored(data) if _inflater is not None else data)
    expected = (image.size[1], image.size[0], _CHANNELS[image.mode])
    if pixels.dtype != np.uint8 or pixels.shape != expected:
        return None
    return pixels


def _stored(data: bytes) -> bytes:
    """`data` (a PNG) reduced to its header and image data, the data inflated by ISA-L and stored
    again without compression, which libspng reads at the speed of a copy. A stream that is not
    well formed is returned as it came, for libspng to report."""
    header = None
    compressed = []
    for kind, body in png.chunks(data):
        if kind == b"IHDR":
            header = png.chunk(b"IHDR", bytes(body))
        elif kind == b"IDAT":
            compressed.append(body)
    if header is None or not compressed:
        return data
    try:
        raw = memoryview(_inflater.decompress(b"".join(compressed)))
    except Exception:  # noqa: BLE001 - a corrupt stream: libspng reads the original and says why
        return data
    # A zlib stream of stored deflate blocks written around slices of `raw`: the pixels are copied
    # once, into the file, and the checksums are the only other pass over them.
    stream: list[bytes | memoryview] = [b"\x78\x01"]
    for start in range(0, len(raw), _STORED_BLOCK):
        block = raw[start : start + _STORED_BLOCK]
        last = start + _STORED_BLOCK >= len(raw)
        stream += [struct.pack("<BHH", last, len(block), 0xFFFF ^ len(block)), block]
    stream.append(struct.pack(">I", png.adler32(raw)))
    return b"".join([png.SIGNATURE, header, *png.chunk_around(b"IDAT", stream), png.END])
