"""Reading a returned PNG's pixels with libspng (through imagecodecs) instead of Pillow.

Marking and fingerprinting an image starts by decoding it, and for a 1024x1024 PNG that decode was
the largest part of the cost: Pillow undoes each row's filter byte by byte (~35 ms for a 1.7 MB
colour PNG on the development machine), libspng takes about half. The pixels are the same bytes
either way (PNG is lossless), so fingerprints and marks do not depend on which decoder ran; a
test checks that. Only 8-bit RGB and RGBA PNGs, what image generators return, take this path:
anything else, or an installation without imagecodecs, is decoded by Pillow as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

try:
    import imagecodecs

    DECODER = "libspng" if imagecodecs.SPNG.available else None
except ImportError:  # pragma: no cover - the c2pa extra installs imagecodecs
    imagecodecs = None
    DECODER = None

_CHANNELS = {"RGB": 3, "RGBA": 4}


def fast_png_pixels(data: bytes, image: PILImage) -> np.ndarray | None:
    """The pixels of `data` as a (height, width, channels) uint8 array when `image` (the same bytes
    opened by Pillow, not yet loaded) is an 8-bit RGB or RGBA PNG and libspng is at hand; else None."""
    if DECODER is None or image.format != "PNG" or image.mode not in _CHANNELS:
        return None
    if "transparency" in image.info:  # a tRNS colour key: Pillow turns it into alpha, spng would not
        return None
    pixels = imagecodecs.spng_decode(data)
    expected = (image.size[1], image.size[0], _CHANNELS[image.mode])
    if pixels.dtype != np.uint8 or pixels.shape != expected:
        return None
    return pixels
