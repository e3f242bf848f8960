"""What the generated benign sets (build_*_benign.py) share: the record shape and the writer."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path


def benign(trap: str, lang: str, number: int, prompt: str) -> dict:
    """One benign record of a generated set (`trap` names the set; the training script reads it)."""
    return {
        "id": f"{trap}-{lang}-{number:04d}",
        "prompt": prompt[0].upper() + prompt[1:],
        "labels": [],
        "kind": "benign",
        "evasion": None,
        "trap": trap,
        "lang": lang,
    }


def filled(trap: str, sets: Iterable[tuple[str, Sequence[str], Sequence[str]]]) -> list[dict]:
    """Benign records of every scene filled with every filler, for each (lang, fillers, scenes)
    set; a scene marks where the filler goes with "{}"."""
    out: list[dict] = []
    for lang, fillers, scenes in sets:
        for filler in fillers:
            for scene in scenes:
                out.append(benign(trap, lang, len(out) + 1, scene.format(filler)))
    return out


def write(path: Path, records: list[dict]) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(lines)} prompts)")
