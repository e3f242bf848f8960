"""Content filter: violence, explicit, hate_speech and deepfake, from lexicons and extra terms.

The terms live in the shared `TermIndex` (see terms.py); this module says which terms a policy
wants indexed and turns the index's matches into hits. A deepfake is a realistic depiction of a
real, named person: it needs both a public figure's name and a realism cue (photo, realistic,
face swap...) in the same prompt, so "a cartoon of Elon Musk" and "a photo of a lighthouse" are
clean while "photorealistic Elon Musk" is not.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..generation import Hit
from .config import ContentFilter
from .terms import ALLOW, CONTENT, CUE, PERSON, Tag, TermMatch, read_term_file, shipped, shipped_all

CATEGORIES = ("violence", "explicit", "hate_speech", "deepfake")
# The content filter's `action` as the action of each hit.
HIT_ACTION = {"block": "block", "block_and_alert": "block", "warn": "warn"}


def content_entries(cfg: ContentFilter, base_dir: Path | None = None) -> Iterator[tuple[str, Tag]]:
    """Every (term, tag) the content filter needs indexed. Raises OSError for a missing term file."""
    wanted = set(cfg.blocked_categories)
    for category in ("violence", "explicit", "hate_speech"):
        if category in wanted:
            for term in shipped_all(category):
                yield term, (CONTENT, category)
    if "deepfake" in wanted:
        for term in shipped("public_figures.txt"):
            yield term, (PERSON, "")
        for term in shipped_all("deepfake_cues"):
            yield term, (CUE, "")
    for category, terms in cfg.extra_terms.items():
        # Extra deepfake terms are further real people to protect (a cue is still required).
        tag: Tag = (PERSON, "") if category == "deepfake" else (CONTENT, category)
        for term in terms:
            yield term, tag
    for category, files in cfg.lexicon_files.items():
        tag = (PERSON, "") if category == "deepfake" else (CONTENT, category)
        for name in files:
            path = Path(name)
            if base_dir is not None and not path.is_absolute():
                path = base_dir / path
            for term in read_term_file(path):
                yield term, tag
    for term in shipped_all("allow"):
        yield term, (ALLOW, "")
    for term in cfg.allow_terms:
        yield term, (ALLOW, "")


def content_hits(cfg: ContentFilter, matches: list[TermMatch]) -> list[Hit]:
    """One hit per category with matches (only categories the policy lists)."""
    counts: dict[str, int] = {}
    persons = cues = 0
    for m in matches:
        if m.kind == CONTENT:
            counts[m.category] = counts.get(m.category, 0) + 1
        elif m.kind == PERSON:
            persons += 1
        elif m.kind == CUE:
            cues += 1
    action = HIT_ACTION[cfg.action]
    hits = []
    for category in CATEGORIES:
        if category not in cfg.blocked_categories:
            continue
        if category == "deepfake":
            if persons and cues:
                hits.append(
                    Hit(
                        "content",
                        "deepfake",
                        action,
                        f"realistic depiction of a real person ({persons} name, {cues} realism cue)"
                        if persons == 1 and cues == 1
                        else f"realistic depiction of a real person ({persons} names, {cues} realism cues)",
                    )
                )
            continue
        n = counts.get(category, 0)
        if n:
            hits.append(
                Hit(
                    "content",
                    category,
                    action,
                    f"matched {n} term{'s' if n > 1 else ''} in category {category}",
                )
            )
    return hits
