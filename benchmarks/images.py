"""The test image the provenance benchmarks share: colour, smooth areas and fine texture, like a
generated image. Colour matters: the watermark lives in the U (blue-yellow) chroma channel, which a
greyscale image leaves flat, so a grey test image would measure a case real outputs never are."""

from __future__ import annotations

from PIL import Image, ImageFilter, ImageOps


def generated_like(size: int = 1024) -> Image.Image:
    """A size x size RGB image: a blurred fractal in three colours, blended with per-channel noise."""
    base = Image.effect_mandelbrot((size, size), (-2.0, -1.2, 0.8, 1.2), 120).filter(ImageFilter.GaussianBlur(3))
    colour = ImageOps.colorize(base, black="#1b1464", white="#ffd27f", mid="#c2185b")
    noise = Image.merge(
        "RGB", [Image.effect_noise((size, size), 24).filter(ImageFilter.GaussianBlur(0.6)) for _ in range(3)]
    )
    return Image.blend(colour, noise, 0.35)
