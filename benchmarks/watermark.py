"""How well the watermark and the fingerprint survive what happens to images after they leave us.

Run: .venv/bin/python benchmarks/watermark.py [--size 1024]

A generated-like 1024x1024 image is marked (as Provenance.sign does) for 48-bit and 32-bit keys, then
re-saved, re-compressed, resized and cropped. For each copy the table shows whether `verify-image`'s
decoder (the image as it is, then scaled back to the provider sizes its aspect ratio allows) reads the
key: exactly, within the 2 bits the ledger lookup tolerates (verify.WATERMARK_MAX_BITS), or not; the
agreement of its best reading; and the pHash distance to the original (candidates are listed up to 10).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.images import generated_like  # noqa: E402
from otel_aiaudit.provenance import fingerprint, watermark  # noqa: E402
from otel_aiaudit.provenance.verify import WATERMARK_MAX_BITS  # noqa: E402


def saved(image: Image.Image, fmt: str, **options: object) -> Image.Image:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return Image.open(io.BytesIO(out.getvalue()))


def scaled(image: Image.Image, factor: float) -> Image.Image:
    w, h = image.size
    return image.resize((round(w * factor), round(h * factor)), Image.Resampling.LANCZOS)


def cropped(image: Image.Image, share: float) -> Image.Image:
    """The centre, `share` of each side cut away (half on each edge)."""
    w, h = image.size
    dx, dy = round(w * share / 2), round(h * share / 2)
    return image.crop((dx, dy, w - dx, h - dy))


ATTACKS: dict[str, Callable[[Image.Image], Image.Image]] = {
    "none (marked PNG)": lambda im: im,
    "PNG re-save": lambda im: saved(im, "PNG"),
    "JPEG quality 95": lambda im: saved(im, "JPEG", quality=95),
    "JPEG quality 90": lambda im: saved(im, "JPEG", quality=90),
    "JPEG quality 80": lambda im: saved(im, "JPEG", quality=80),
    "JPEG quality 70": lambda im: saved(im, "JPEG", quality=70),
    "resize 75 %": lambda im: scaled(im, 0.75),
    "resize 50 %": lambda im: scaled(im, 0.5),
    "crop 10 %": lambda im: cropped(im, 0.10),
}


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return 10 * np.log10(255**2 / mse)


def outcome(copy: Image.Image, key: str, bits: int) -> tuple[str, float]:
    readings = watermark.decode_image(copy, bits)
    if not readings:
        return "too small", 0.0
    best = min((int(r.key, 16) ^ int(key, 16)).bit_count() for r in readings)
    agreement = readings[0].confidence
    if best == 0:
        return "yes", agreement
    if best <= WATERMARK_MAX_BITS:
        return f"yes ({best} bit off)", agreement
    return f"no ({best} bits off)", agreement


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1024)
    args = parser.parse_args()

    original = generated_like(args.size)
    pixels = np.asarray(original)
    reference = fingerprint.phash(original)
    marked = {}
    for bits in (48, 32):
        key = watermark.derive_key("benchmark", 0, bits=bits)
        marked[bits] = (key, Image.fromarray(watermark.embed_array(pixels, key)))
    print(f"{args.size}x{args.size} generated-like image")
    for bits, (_, image) in marked.items():
        print(f"PSNR of the marked image, {bits}-bit key: {psnr(pixels, np.asarray(image)):.1f} dB")
    print()
    header = "| copy | 48-bit key decodes | agreement | 32-bit key decodes | agreement | pHash distance |"
    print(header)
    print("|---|---|---|---|---|---|")
    for name, attack in ATTACKS.items():
        cells = [name]
        distance = None
        for bits, (key, image) in marked.items():
            copy = attack(image)
            result, agreement = outcome(copy, key, bits)
            cells += [result, f"{agreement:.2f}"]
            if distance is None:
                distance = fingerprint.distance(reference, fingerprint.phash(copy))
        cells.append(f"{distance}/64")
        print("| " + " | ".join(cells) + " |")
    unmarked = watermark.decode_image(original)[0]
    print(f"\nunmarked original: best agreement {unmarked.confidence:.2f} (claimed above {watermark.MIN_CONFIDENCE})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
