"""The loopback OpenAI server, optionally answering every image request with one large PNG.

    python benchmarks/loopback_png.py [--png-bytes 1000000]   # prints the server's URL, serves until stdin closes

The large image is random pixels stored with fast deflate, so the PNG stays about as large as its
raw pixels (random data does not compress): the plugin then hashes and the client decodes a
realistic payload instead of a few hundred bytes of solid colour.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import struct
import sys
import zlib

# Run from anywhere: the repository root replaces this folder on the path (benchmarks/c2pa.py would
# otherwise shadow the c2pa package).
sys.path[0] = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def random_png(nbytes: int, seed: int = 0) -> bytes:
    """A valid RGB PNG of random pixels, about `nbytes` long."""
    side = max(1, math.isqrt(nbytes // 3))
    rng = random.Random(seed)
    raw = b"".join(b"\x00" + rng.randbytes(side * 3) for _ in range(side))  # filter byte 0 per row
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(raw, 1)) + _chunk(b"IEND", b"")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--png-bytes", type=int, default=0, help="0: the server's own small image")
    args = parser.parse_args()

    from otel_aiaudit.loopback import openai as loopback

    if args.png_bytes:
        png = random_png(args.png_bytes)
        loopback.solid_png = lambda *_args, **_kwargs: png  # type: ignore[assignment]
    server = loopback.start_openai_server()
    print(server.url, flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main()
