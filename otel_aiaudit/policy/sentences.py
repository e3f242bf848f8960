"""Where a prompt's sentences begin, in its normalised form.

Normalisation turns punctuation into spaces, so "No guns. Gore everywhere." reads "no guns gore
everywhere", and the "no" of the first sentence would seem to rule out the gore of the second.
A negation does not reach past the end of its sentence: this module finds the sentence ends in
the prompt as written and says where each later sentence starts in the normalised text, for
negation.py to stop at.

The normalised text is worked out again sentence by sentence; when the sentences, normalised
apart and joined with a space, give exactly the text normalised whole, each one's start is known.
When they do not (a word spelled out across a full stop, a label whose list runs on), no start
is given and negation reads the prompt as one sentence, as it would without this module.
"""

from __future__ import annotations

import re

from .normalize import normalize

# A full stop, "!", "?" or ";" (closing quotes or brackets may follow) before a space, or a line
# break. An ellipsis trails off inside the thought ("no guns... just flowers"); it is no end.
_END = re.compile(r"(?<!\.)([.!?;])(?!\.)[\"'\u2019\u201d)\]]*\s+|\s*\n\s*")
# "No. 5", "nos. 3 and 4": a number's abbreviation, where a digit follows.
_NUMBER = re.compile(r"nos?", re.IGNORECASE)
_ABBREVIATIONS = frozenset(
    "dr mr mrs ms mx st jr sr vs etc approx fig figs vol inc ltd co corp mt ft ave est"
    " gen col lt sgt capt prof rev hon".split()
)


def _ends(prompt: str) -> list[tuple[int, int]]:
    """(end of a sentence, start of the next) in `prompt`."""
    out = []
    for match in _END.finditer(prompt):
        if match.group(1) == ".":
            # "Dr. Smith", "e.g. blood", "J. Smith": a single Latin letter or a known abbreviation
            # (a word stops at a Thai vowel mark, so one Thai letter may end a Thai word).
            before = _word_before(prompt, match.start())
            if (len(before) == 1 and before.isascii()) or before.lower() in _ABBREVIATIONS:
                continue
            if _NUMBER.fullmatch(before) and prompt[match.end() : match.end() + 1].isdigit():
                continue
        if match.end() < len(prompt):
            out.append((match.start(), match.end()))
    return out


def _word_before(text: str, end: int) -> str:
    """The word that ends at `end` (letters, digits and underscores, as regex `\\w` reads them),
    when the full stop there may close an abbreviation instead of a sentence. Read backwards from
    the stop, so each full stop costs the length of its word, not of the text before it."""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return text[start:end]


def sentence_starts(prompt: str, normalized: str) -> frozenset[int]:
    """Offsets in `normalized` (the normalised `prompt`) where a sentence other than the first
    begins; empty when the prompt has one sentence or its sentences cannot be placed."""
    ends = _ends(prompt)
    if not ends:
        return frozenset()
    pieces = []
    begin = 0
    for end, start in ends:
        pieces.append(prompt[begin:end])
        begin = start
    pieces.append(prompt[begin:])
    starts = []
    offset = 0
    parts = []
    for piece in pieces:
        text = normalize(piece)
        if not text:
            continue
        if parts:
            offset += 1
            starts.append(offset)
        parts.append(text)
        offset += len(text)
    if " ".join(parts) != normalized:
        return frozenset()
    return frozenset(starts)
