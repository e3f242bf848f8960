"""verify-image's ledger lookups: the banded index finds exactly what a scan of every image row finds,
files from before the index still answer, and retention takes an image's entries with its data."""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from otel_aiaudit.ledger.retention import apply_retention
from otel_aiaudit.ledger.store import Ledger, _band_probes
from otel_aiaudit.policy.config import Retention
from otel_aiaudit.telemetry.audit_log import build_records

from .records import FULL, generation

WATERMARK_BITS, PHASH_BITS = 2, 10  # the bounds verify-image looks up with


def flip(value: str, bits: int, rng: random.Random) -> str:
    """`value` with `bits` of its bits flipped at random places."""
    width = 4 * len(value)
    out = int(value, 16)
    for b in rng.sample(range(width), bits):
        out ^= 1 << b
    return f"{out:0{len(value)}x}"


def add_generation(ledger: Ledger, images: list[tuple[str, str]], at: float | None = None) -> str:
    gen = generation(images=len(images), at=at)
    for image, (key, phash) in zip(gen.images, images, strict=True):
        image.watermark, image.phash = key, phash
    ledger.append(build_records(gen, FULL, "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"))
    return gen.id


def scanned(ledger: Ledger, monkeypatch: pytest.MonkeyPatch, **asked: Any) -> list[dict[str, Any]]:
    """find_images as a scan of every image row (what a file without the index gets)."""
    with monkeypatch.context() as m:
        m.setattr(Ledger, "_image_keys_from", lambda self, c: None)
        return ledger.find_images(**asked)


def fill(ledger: Ledger, rng: random.Random, generations: int) -> list[tuple[str, str]]:
    """Generations of 1-3 images with random keys, some of them near copies of earlier ones."""
    stored: list[tuple[str, str]] = []
    for _ in range(generations):
        images = []
        for _ in range(rng.randint(1, 3)):
            if stored and rng.random() < 0.4:
                key, phash = rng.choice(stored)
                images.append((flip(key, rng.randint(0, 3), rng), flip(phash, rng.randint(0, 12), rng)))
            else:
                images.append((f"{rng.getrandbits(48):012x}", f"{rng.getrandbits(64):016x}"))
        if rng.random() < 0.2:
            images[0] = ("skipped:too_small", images[0][1])
        stored += [i for i in images if not i[0].startswith("skipped")]
        add_generation(ledger, images)
    return stored


def queries(stored: list[tuple[str, str]], rng: random.Random) -> list[dict[str, Any]]:
    asked = []
    for key, phash in rng.sample(stored, 25):
        asked.append({"watermark": flip(key, rng.randint(0, 3), rng), "watermark_bits": WATERMARK_BITS})
        asked.append({"phash": flip(phash, rng.randint(0, 12), rng), "phash_distance": PHASH_BITS})
    asked.append({"watermark": f"{rng.getrandbits(48):012x}", "watermark_bits": WATERMARK_BITS})
    asked.append({"phash": f"{rng.getrandbits(64):016x}", "phash_distance": PHASH_BITS})
    return asked


def test_the_index_finds_what_the_scan_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    ledger = Ledger(tmp_path / "ledger.db")
    stored = fill(ledger, rng, 120)
    found_any = 0
    for asked in queries(stored, rng):
        indexed = ledger.find_images(**asked)
        assert indexed == scanned(ledger, monkeypatch, **asked), asked
        found_any += bool(indexed)
    assert found_any > 30  # the near copies are found, not only compared as empty lists


def test_every_stored_value_within_the_bound_is_found_by_the_probes() -> None:
    rng = random.Random(6)
    for digits, limit in ((12, WATERMARK_BITS), (16, PHASH_BITS), (16, 13), (10, 3)):
        for _ in range(300):
            value = f"{rng.getrandbits(4 * digits):0{digits}x}"
            near = flip(value, rng.randint(0, limit), rng)
            probes = _band_probes(value, limit)
            assert probes is not None
            bands = [near[i : i + 4] for i in range(0, digits, 4)]
            assert any(band in probed for band, probed in zip(bands, probes, strict=True))
    assert [len(p) for p in _band_probes("0" * 16, PHASH_BITS) or []] == [137] * 4
    assert [len(p) for p in _band_probes("0" * 12, WATERMARK_BITS) or []] == [1] * 3


def test_a_file_from_before_the_index_still_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    path = tmp_path / "ledger.db"
    ledger = Ledger(path)
    old = fill(ledger, rng, 40)
    ledger.close()
    # What an earlier version left: no index table, no triggers, no coverage mark.
    raw = sqlite3.connect(path, isolation_level=None)
    for name in ("image_keys_insert", "image_keys_redact", "image_keys_delete"):
        raw.execute(f"DROP TRIGGER {name}")
    raw.execute("DROP TABLE image_keys")
    raw.execute("DELETE FROM meta WHERE key = 'image_keys_from'")
    raw.close()

    reader = Ledger(path, readonly=True)
    for asked in queries(old, rng):
        assert reader.find_images(**asked) == scanned(reader, monkeypatch, **asked)
    reader.close()

    ledger = Ledger(path)  # opened for writing: the index is added, covering what is appended next
    new = fill(ledger, rng, 40)
    head = ledger.head()[0]
    tables = {r[0] for r in ledger.conn().execute("SELECT name FROM sqlite_master")}
    assert {"image_keys", "image_keys_insert"} <= tables
    assert ledger.get_meta(ledger.conn(), "image_keys_from") < head
    covered = {r[0] for r in ledger.conn().execute("SELECT DISTINCT seq FROM image_keys")}
    assert covered and min(covered) >= ledger.get_meta(ledger.conn(), "image_keys_from")
    for asked in queries(old + new, rng):
        assert ledger.find_images(**asked) == scanned(ledger, monkeypatch, **asked)
    key, phash = old[0]
    assert ledger.find_images(watermark=key, watermark_bits=0)  # an old image, found by the scan part


def test_retention_takes_the_entries_with_the_image_data(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger.db")
    now = time.time()
    old_gen = add_generation(ledger, [("a1b2c3d4e5f6", "0123456789abcdef")], at=now - 200 * 86_400)
    new_gen = add_generation(ledger, [("a1b2c3d4e5f7", "0123456789abcdee")], at=now)
    both = ledger.find_images(watermark="a1b2c3d4e5f6", watermark_bits=2)
    assert [f["generation_id"] for f in both] == [old_gen, new_gen]
    apply_retention(ledger, Retention(prompts=365, images=180, logs=730), apply=True, now=now)
    assert [f["generation_id"] for f in ledger.find_images(watermark="a1b2c3d4e5f6", watermark_bits=2)] == [new_gen]
    assert [f["generation_id"] for f in ledger.find_images(phash="0123456789abcdef", phash_distance=10)] == [new_gen]
    stale = ledger.conn().execute(
        "SELECT COUNT(*) FROM image_keys k JOIN records r ON r.seq = k.seq WHERE r.sensitive IS NULL"
    ).fetchone()[0]
    assert stale == 0


def test_an_old_file_that_may_only_be_read_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    ledger = Ledger(path)
    add_generation(ledger, [("a1b2c3d4e5f6", "0123456789abcdef")])
    ledger.close()
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("DROP TABLE image_keys")
    raw.close()
    readonly = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    Ledger._ensure_schema(readonly)  # what opening it for writing does first: no error, no table
    assert not readonly.execute("SELECT 1 FROM sqlite_master WHERE name = 'image_keys'").fetchone()
    readonly.close()
