"""Copyright: prompts that name a living artist ("in the style of Greg Rutkowski").

The shipped list (lexicons/artists.txt) is extended by `copyright.extra_artists`; names in
`copyright.allow_artists` (an artist who licensed their style, say) are never flagged.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..generation import Hit
from .config import CopyrightConfig
from .normalize import normalize
from .terms import ARTIST, Tag, TermMatch, shipped


def copyright_entries(cfg: CopyrightConfig) -> Iterator[tuple[str, Tag]]:
    allowed = {normalize(name) for name in cfg.allow_artists}
    for name in (*shipped("artists.txt"), *cfg.extra_artists):
        if normalize(name) not in allowed:
            yield name, (ARTIST, "")


def copyright_hits(cfg: CopyrightConfig, matches: list[TermMatch]) -> list[Hit]:
    n = sum(1 for m in matches if m.kind == ARTIST)
    if not n:
        return []
    detail = f"names {n} living artist{'s' if n > 1 else ''} (style imitation)"
    return [Hit("copyright", "artist", cfg.action, detail)]
