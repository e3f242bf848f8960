"""Term lexicons and the Aho-Corasick index every term rule shares.

One index holds the terms of every rule (content categories, allow-listed phrases, public figures,
realism cues, artists), each tagged with what it means; a prompt is normalised once and scanned
once per script:

* the word automaton holds terms of space-separated scripts (Latin and the rest) and accepts a
  match only on word boundaries, so "therapist", "class" and "Scunthorpe" stay clean;
* the Thai automaton holds Thai terms and scans the prompt with its spaces removed, because Thai
  is written without spaces between words (a space, zero-width space or dot inside a Thai word is
  also an evasion).

Indexes are cached by their inputs, so every engine built from the same policy shares one.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import ahocorasick

from .normalize import term_variants

LANGUAGES = ("en", "th")

# Tag kinds. A tag is (kind, category): ("content", "violence"), ("allow", ""), ("artist", "").
CONTENT = "content"
ALLOW = "allow"
PERSON = "person"  # a real, named person (deepfake needs one of these plus a cue)
CUE = "cue"  # photo, realistic, face swap ...
ARTIST = "artist"

Tag = tuple[str, str]


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def has_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _is_word_char(ch: str) -> bool:
    """Whether `ch` continues a word (so a term next to it is only part of a longer word).

    Thai letters do not: mixed prompts often glue an English word to Thai text ("ภาพgore").
    """
    if ch in _ASCII_WORD:
        return True
    return not ch.isascii() and ch.isalnum() and not _is_thai(ch)


# --- lexicon files -------------------------------------------------------------------------------


def parse_lines(text: str) -> list[str]:
    """Terms from a lexicon file: one per line, `#` starts a comment, blank lines ignored."""
    terms = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            terms.append(line)
    return terms


@functools.lru_cache(maxsize=64)
def shipped(name: str) -> tuple[str, ...]:
    """Terms of a shipped lexicon, e.g. `shipped("en/violence.txt")`; missing file: no terms."""
    resource = resources.files(__package__).joinpath("lexicons")
    for part in name.split("/"):
        resource = resource.joinpath(part)
    if not resource.is_file():
        return ()
    return tuple(parse_lines(resource.read_text(encoding="utf-8")))


def shipped_all(stem: str) -> tuple[str, ...]:
    """A lexicon across every shipped language, e.g. `shipped_all("violence")`."""
    terms: list[str] = []
    for lang in LANGUAGES:
        terms.extend(shipped(f"{lang}/{stem}.txt"))
    return tuple(terms)


def read_term_file(path: str | Path) -> tuple[str, ...]:
    return tuple(parse_lines(Path(path).read_text(encoding="utf-8")))


# --- the index -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermMatch:
    kind: str
    category: str
    start: int  # offsets in the normalised text (or the Thai stream), never in the raw prompt
    end: int
    thai: bool


class TermIndex:
    """Two Aho-Corasick automata over tagged terms; `scan()` returns the matches in one pass each."""

    def __init__(self, entries: Iterable[tuple[str, Tag]]) -> None:
        self.tags: list[Tag] = []
        tag_ids: dict[Tag, int] = {}
        word: dict[str, set[int]] = {}
        thai: dict[str, set[int]] = {}
        for term, tag in entries:
            tag_id = tag_ids.get(tag)
            if tag_id is None:
                tag_id = tag_ids[tag] = len(self.tags)
                self.tags.append(tag)
            for key in term_variants(term):
                if has_thai(key):
                    key = key.replace(" ", "")
                    thai.setdefault(key, set()).add(tag_id)
                else:
                    word.setdefault(key, set()).add(tag_id)
        self.size = len(word) + len(thai)
        # One word of every word-automaton key (its longest, the likeliest to be rare): a boundary
        # match covers whole tokens, so an ASCII text none of whose tokens is in this set cannot
        # match and skips the automaton (a big automaton costs cache misses on every character).
        # Allow-listed phrases and realism cues are left out: they matter only next to another
        # match (a content term, or a person for a deepfake).
        minor_ids = {i for i, tag in enumerate(self.tags) if tag[0] in (ALLOW, CUE)}
        self._probe_words = frozenset(
            max(reversed(key.split(" ")), key=len) for key, ids in word.items() if not ids <= minor_ids
        )
        self._word = self._automaton(word)
        self._thai = self._automaton(thai)

    @staticmethod
    def _automaton(keys: dict[str, set[int]]) -> ahocorasick.Automaton | None:
        if not keys:
            return None
        automaton = ahocorasick.Automaton()
        for key, ids in keys.items():
            # The value carries the key length (to find the start) and every tag of that key.
            automaton.add_word(key, (len(key), tuple(sorted(ids))))
        automaton.make_automaton()
        return automaton

    def scan(self, normalized: str) -> list[TermMatch]:
        """Matches in `normalized` (the output of `normalize()`), allow-listed spans removed."""
        found: list[TermMatch] = []
        if self._word is not None and not (
            normalized.isascii() and self._probe_words.isdisjoint(normalized.split(" "))
        ):
            last = len(normalized) - 1
            for end, (length, ids) in self._word.iter(normalized):
                start = end - length + 1
                if start > 0 and _is_word_char(normalized[start - 1]):
                    continue
                if end < last and _is_word_char(normalized[end + 1]):
                    continue
                for tag_id in ids:
                    kind, category = self.tags[tag_id]
                    found.append(TermMatch(kind, category, start, end + 1, False))
        if self._thai is not None and not normalized.isascii() and has_thai(normalized):
            stream = normalized.replace(" ", "")
            for end, (length, ids) in self._thai.iter(stream):
                for tag_id in ids:
                    kind, category = self.tags[tag_id]
                    found.append(TermMatch(kind, category, end - length + 1, end + 1, True))
        if found and any(m.kind == ALLOW for m in found):
            found = _drop_allowed(found)
        return found


def _drop_allowed(found: list[TermMatch]) -> list[TermMatch]:
    """Remove every match that overlaps an allow-listed phrase in the same stream."""
    allowed = [(m.thai, m.start, m.end) for m in found if m.kind == ALLOW]
    kept = []
    for m in found:
        if m.kind == ALLOW:
            continue
        if any(thai == m.thai and m.start < end and start < m.end for thai, start, end in allowed):
            continue
        kept.append(m)
    return kept


@functools.lru_cache(maxsize=16)
def cached_index(entries: tuple[tuple[str, Tag], ...]) -> TermIndex:
    """One index per distinct set of entries (engines built from the same policy share it)."""
    return TermIndex(entries)
