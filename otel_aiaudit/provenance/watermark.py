"""An imperceptible watermark that carries a per-generation key in the pixels themselves.

Content credentials live in metadata, and metadata is the first thing a re-save, a CDN or a screenshot
drops. The watermark survives that: `aiaudit verify-image` decodes the key from a stripped copy and
finds the generation in the ledger.

The scheme is invisible-watermark's `dwtDctSvd` with its defaults (the U chroma channel, one Haar DWT
level, 4x4 blocks of the approximation band, quantisation step 36 on each block's largest singular
value, bit `i mod n` in block `i` row by row), so marks written here decode with that library and the
other way round (tests check both). The library loops over blocks in Python (~0.6 s for 1024x1024) and
imports torch for another of its methods; the same arithmetic in whole-array numpy takes ~4 ms on a
slow 2-core VM, which is what lets every signed image be marked. Three identities keep it short:
the DCT of a block is orthogonal, so it leaves the singular values alone; changing only the largest
singular value of a block is a rank-one update along its top singular vectors; and U is linear in
R, G and B, so the Haar step can sum pixels before any colour arithmetic.
"""

from __future__ import annotations

import hashlib
import hmac
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

# 48 bits: a random 48-bit pattern matches one of a million ledger keys with odds of ~4e-9, where 32
# bits would give 1 in 4300, and 1024x1024 still spreads each bit over 341 blocks (see
# benchmarks/watermark.py for the robustness of both sizes).
PAYLOAD_BITS = 48
# The C2PA soft-binding algorithm name. Not on the C2PA soft-binding algorithm list, so it is named in
# our own reverse-DNS namespace; the parameters make it reproducible with invisible-watermark.
ALG = "org.otel-aiaudit.watermark.dwtDctSvd"
ALG_PARAMS = "invisible-watermark dwtDctSvd: channel U, scale 36, block 4, 48-bit key, bit i mod 48 in block i"
# Without OTEL_AIAUDIT_HASH_KEY keys are still unique per generation, but anyone can derive them.
DEFAULT_KEY_DOMAIN = b"otel-aiaudit watermark key v1"
# invisible-watermark refuses anything under 256x256 pixels: too few blocks to outvote noise.
MIN_PIXELS = 256 * 256
MIN_SIDE = 64

_SCALE = 36.0
_BLOCK = 4
# RGB -> U of ITU-R BT.601 as OpenCV's 8-bit COLOR_BGR2YUV computes it (the library's colour space).
_KR, _KG, _KB, _KU = 0.299, 0.587, 0.114, 0.492
# Moving U by d with Y and V held still moves blue by d/0.492 and green against it; red stays.
_DB = 1.0 / _KU
_DG = -_KB / _KG * _DB
# Mean agreement between a bit's blocks below which nothing is claimed: unmarked photographs score
# ~0.05 at 1024x1024 (votes split at random), marked copies ~1 (benchmarks/watermark.py). Flat areas
# vote alike whether marked or not, so agreement only rules readings out; the ledger confirms them.
MIN_CONFIDENCE = 0.25
# Sizes providers return; a resized copy is scaled back to one with its aspect ratio before decoding.
COMMON_SIDES = (256, 512, 768, 1024, 1152, 1536, 1792, 2048)


def derive_key(generation_id: str, index: int, hash_key: str | None = None, bits: int = PAYLOAD_BITS) -> str:
    """The key of image `index` of a generation: HMAC-SHA256 truncated to `bits`, as hex.

    Per generation and image, never per pixel content: two generations the provider answered with
    identical pixels still carry different keys and so resolve to their own records."""
    secret = hash_key.encode() if hash_key else DEFAULT_KEY_DOMAIN
    digest = hmac.new(secret, f"{generation_id}/{index}".encode(), hashlib.sha256).digest()
    return digest[: bits // 8].hex()


def can_carry(width: int, height: int) -> bool:
    return width * height >= MIN_PIXELS and min(width, height) >= MIN_SIDE


def _bits_of(key: str) -> np.ndarray:
    return np.unpackbits(np.frombuffer(bytes.fromhex(key), dtype=np.uint8)).astype(np.float64)


# U of a 2x2 pixel group, summed and halved as the Haar step does: these weights on the group's summed
# (R, G, B), plus 4 x 128 / 2.
_U_WEIGHTS = np.array([-_KU * _KR, -_KU * _KG, _KU * (1.0 - _KB)], dtype=np.float32) / np.float32(2.0)
_U_OFFSET = np.float32(256.0)


def _grid(height: int, width: int) -> tuple[int, int]:
    """Blocks down and across: each covers 8x8 pixels (4x4 coefficients of the half-size band)."""
    return height // (2 * _BLOCK), width // (2 * _BLOCK)


def _approximation(rgb: np.ndarray, nr: int, nc: int) -> np.ndarray:
    """The Haar approximation band of U over the blocks' pixels: (4 nr) x (4 nc), float32.

    U is linear in R, G and B, so the 2x2 sums come first (in integers) and the colour weights are
    applied at half size: a quarter of the float work of converting every pixel."""
    x = rgb[: 2 * _BLOCK * nr, : 2 * _BLOCK * nc, :3]
    pairs = np.add(x[0::2], x[1::2], dtype=np.uint16)  # two rows summed: (h/2) x w x 3
    pairs = pairs.reshape(_BLOCK * nr, _BLOCK * nc, 6)  # and two pixels side by side: (R G B R G B)
    r, g, b = (pairs[..., i] + pairs[..., i + 3] for i in range(3))
    # Elementwise, not a matrix product: BLAS would start threads, and stall on a busy machine.
    return r * _U_WEIGHTS[0] + g * _U_WEIGHTS[1] + b * _U_WEIGHTS[2] + _U_OFFSET


def _blocks(ca: np.ndarray, nr: int, nc: int) -> np.ndarray:
    """The 4x4 blocks of `ca` as 4 x 4 x N (entry, entry, block; blocks row by row), so the per-block
    arithmetic below runs along long contiguous rows of N blocks instead of N tiny matrices."""
    b = ca.reshape(nr, _BLOCK, nc, _BLOCK).transpose(1, 3, 0, 2)
    return np.ascontiguousarray(b).reshape(_BLOCK, _BLOCK, nr * nc)


def _top_singular(blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Largest singular value (N) and its left and right vectors (4 x N) of every block, by power
    iteration on B^T B.

    U sits around 128, so each block is dominated by its mean and the top singular value stands far
    above the rest; started from the constant vector, four steps reach the working precision (a batched
    full SVD costs ten times more)."""
    gram = np.einsum("ijn,ikn->jkn", blocks, blocks)
    v = np.full((_BLOCK, blocks.shape[2]), 0.5, dtype=blocks.dtype)
    for _ in range(4):
        v = np.einsum("jkn,kn->jn", gram, v)
        v /= np.sqrt(np.einsum("jn,jn->n", v, v))
    bv = np.einsum("ijn,jn->in", blocks, v)
    s = np.sqrt(np.einsum("in,in->n", bv, bv))
    u = bv / np.maximum(s, 1e-12)
    return s, u, v


def _changes(rgb: np.ndarray, bits: np.ndarray, first: int) -> tuple[np.ndarray, np.ndarray]:
    """How far each pixel pair's G and B move (int16, one value per coefficient of the half-size band,
    (4 nr) x (4 nc)) so that the largest singular value of every block of `rgb` lands on its bit; the
    first block is block `first` of the image, counted row by row."""
    nr, nc = _grid(rgb.shape[0], rgb.shape[1])
    s, u, v = _top_singular(_blocks(_approximation(rgb, nr, nc), nr, nc))
    wanted = bits[(first + np.arange(s.shape[0])) % bits.shape[0]]
    target = (np.floor(s / _SCALE) + 0.25 + 0.5 * wanted) * _SCALE
    # The inverse Haar step gives each of a coefficient's four pixels half of its change.
    change = ((target - s) / 2.0).astype(np.float32)
    half = (change * u[:, None, :] * v[None, :, :]).reshape(_BLOCK, _BLOCK, nr, nc)
    half = half.transpose(2, 0, 3, 1).reshape(nr * _BLOCK, nc * _BLOCK)
    # Rounding the change rather than the new value is the same (up to ties): the old value is an integer.
    return np.rint(half * np.float32(_DG)).astype(np.int16), np.rint(half * np.float32(_DB)).astype(np.int16)


def _moved(rgb: np.ndarray, dg: np.ndarray, db: np.ndarray) -> np.ndarray:
    """A copy of `rgb` with G and B moved: both pixels of a pair side by side, and both rows of it, take
    their coefficient's change. R, alpha and the pixels past the last whole block stay as they are."""
    height, width, channels = rgb.shape
    h, w = dg.shape[0] * 2, dg.shape[1] * 2
    out = rgb.copy() if (h, w) != (height, width) else np.empty_like(rgb)
    delta = np.zeros((h // 2, w // 2, 2 * channels), dtype=np.int16)
    for channel, moves in ((1, dg), (2, db)):
        delta[..., channel] = delta[..., channels + channel] = moves
    moved = rgb[:h, :w].astype(np.int16).reshape(h // 2, 2, w * channels)
    moved += delta.reshape(h // 2, 1, w * channels)
    np.clip(moved, 0, 255, out=moved)
    out[:h, :w] = moved.reshape(h, w, channels)
    return out


# Rows marked at a time: a band's temporaries stay in cache instead of costing fresh pages per image.
BAND_ROWS = 64


def mark_bands(bands: Iterable[np.ndarray], key: str) -> Iterator[np.ndarray]:
    """Bands of rows of an image (H x W x 3, or x 4 with alpha, uint8, RGB order), top to bottom, with
    `key` embedded: each is marked as it comes, so no whole-image temporaries are made. Every band but
    the last must be a whole number of blocks high (a multiple of 8 rows); a band with no whole block
    comes back as it is, the others as new arrays."""
    bits = _bits_of(key)
    first = 0
    ragged = False
    for band in bands:
        if ragged:
            raise ValueError(f"only the last band may be a height that is not a multiple of {2 * _BLOCK}")
        ragged = band.shape[0] % (2 * _BLOCK) != 0
        nr, nc = _grid(band.shape[0], band.shape[1])
        if nr and nc:
            band = _moved(band, *_changes(band, bits, first))
            first += nr * nc
        yield band


def array_bands(rgb: np.ndarray, rows: int = BAND_ROWS) -> Iterator[np.ndarray]:
    """`rgb` as bands of `rows` rows (rounded down to whole blocks), top to bottom (views, not copies)."""
    rows = max(2 * _BLOCK, rows - rows % (2 * _BLOCK))
    return (rgb[top : top + rows] for top in range(0, rgb.shape[0], rows))


def embed_array(rgb: np.ndarray, key: str) -> np.ndarray:
    """A copy of `rgb` (H x W x 3, or x 4 with alpha, uint8, RGB order) with `key` embedded."""
    return np.concatenate(list(mark_bands(array_bands(rgb), key)))


@dataclass(frozen=True)
class Decoded:
    key: str
    confidence: float  # 0 (votes split at random: no mark) .. 1 (every block agrees)
    size: tuple[int, int]  # the size the image was decoded at (its own, or the one it was scaled back to)

    @property
    def found(self) -> bool:
        return self.confidence >= MIN_CONFIDENCE


def decode_array(rgb: np.ndarray, bits: int = PAYLOAD_BITS) -> Decoded:
    nr, nc = _grid(rgb.shape[0], rgb.shape[1])
    s, _, _ = _top_singular(_blocks(_approximation(rgb, nr, nc), nr, nc))
    votes = (np.mod(s, _SCALE) > _SCALE / 2).astype(np.float64)
    index = np.arange(s.shape[0]) % bits
    counts = np.bincount(index, minlength=bits)
    mean = np.bincount(index, weights=votes, minlength=bits) / np.maximum(counts, 1)
    key = np.packbits(mean > 0.5).tobytes().hex()
    return Decoded(key, float(np.mean(np.abs(2.0 * mean - 1.0))), (rgb.shape[1], rgb.shape[0]))


def _scale_back_sizes(width: int, height: int) -> list[tuple[int, int]]:
    """Provider sizes with this image's aspect ratio, larger first: where a resized copy came from."""
    sizes = {(w, h) for w in COMMON_SIDES for h in COMMON_SIDES}
    ratio = width / height
    fits = [(w, h) for w, h in sizes if abs(w / h - ratio) <= 0.01 * ratio and (w, h) != (width, height)]
    return sorted(fits, key=lambda wh: -wh[0] * wh[1])


def decode_image(image: PILImage, bits: int = PAYLOAD_BITS) -> list[Decoded]:
    """Keys read from `image` as it is and scaled back to each provider size its aspect ratio allows
    (marks sit on a block grid that resizing moves), best supported first; empty when it is too small.

    All are returned, not just the best: a flat or smooth image reads the same pattern at any size
    with high agreement, so only the ledger can tell which reading is a real key."""
    from PIL import Image

    if not can_carry(*image.size):
        return []
    rgb = image.convert("RGB")
    found = [decode_array(np.asarray(rgb), bits)]
    for size in _scale_back_sizes(*image.size):
        found.append(decode_array(np.asarray(rgb.resize(size, Image.Resampling.BICUBIC)), bits))
    return sorted(found, key=lambda d: -d.confidence)


# -- image files ------------------------------------------------------------------------------------


class Unmarkable(Exception):
    """Why an image is returned without a watermark (`skipped:<reason>` in the image record)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}


def _markable(image: PILImage) -> PILImage:
    """The image in the mode it is marked in: RGB, or RGBA when it has any transparency (the alpha goes
    through untouched). 8-bit RGB and RGBA, what generators return, are taken as they are."""
    if image.mode in ("RGB", "RGBA"):
        return image
    transparent = image.mode in ("LA", "PA", "La") or "transparency" in image.info
    return image.convert("RGBA" if transparent else "RGB")


def image_bands(image: PILImage, rows: int = BAND_ROWS) -> Iterator[np.ndarray]:
    """The pixels of an RGB or RGBA image as bands of `rows` rows (rounded down to whole blocks), top to
    bottom: read band by band, so the whole image is never copied out of Pillow at once."""
    width, height = image.size
    channels = len(image.mode)
    rows = max(2 * _BLOCK, rows - rows % (2 * _BLOCK))
    for top in range(0, height, rows):
        bottom = min(top + rows, height)
        data = image.crop((0, top, width, bottom)).tobytes()
        yield np.frombuffer(data, dtype=np.uint8).reshape(bottom - top, width, channels)


def embed_image(image: PILImage, mime_type: str, key: str, pixels: np.ndarray | None = None) -> bytes:
    """`image` re-encoded in its own format (`mime_type`) with `key` in its pixels; `pixels`, when
    given, are its pixels already decoded (pixels.fast_png_pixels), read instead of Pillow's.

    PNG stays lossless and is written by png.encode (one cheap filter, a fast deflate): the encoder was
    most of the cost of marking. JPEG and WebP are written at quality 95 so the mark is not quantised
    away. Transparency and the colour profile are kept. Raises Unmarkable."""
    from PIL import Image

    from otel_aiaudit.provenance import png

    fmt = _FORMATS.get(mime_type)
    if fmt is None:
        raise Unmarkable("unsupported_format")
    if getattr(image, "n_frames", 1) > 1:
        raise Unmarkable("animated")
    if not can_carry(*image.size):
        raise Unmarkable("too_small")
    bands = array_bands(pixels) if pixels is not None else image_bands(_markable(image))
    marked = mark_bands(bands, key)
    if fmt == "PNG":
        return png.encode(marked, image.info)
    out = io.BytesIO()
    icc = image.info.get("icc_profile")
    options: dict[str, object] = {"icc_profile": icc} if icc else {}
    Image.fromarray(np.concatenate(list(marked))).save(out, fmt, quality=95, **options)
    return out.getvalue()


def embed_bytes(data: bytes, mime_type: str, key: str) -> bytes:
    from PIL import Image

    return embed_image(Image.open(io.BytesIO(data)), mime_type, key)


def decode_bytes(data: bytes, bits: int = PAYLOAD_BITS) -> list[Decoded]:
    from PIL import Image

    return decode_image(Image.open(io.BytesIO(data)), bits)
