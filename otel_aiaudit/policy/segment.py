"""Thai word segmentation, so a Thai term matches whole words and not a piece of a longer one.

Thai is written without spaces between words, so substring matching reads "หี" inside "หีบ" (a box)
and "ตัดคอ" inside "ตัดคอเสื้อ" (cutting a collar). The Thai stream is segmented with PyThaiNLP's
dictionary-based `newmm` engine, whose dictionary ships inside the package: nothing is downloaded,
at import or at run time. It is imported on first use only, so ASCII prompts (and processes that
never see Thai) pay nothing; `warm()` loads the dictionary when an index with Thai terms is built,
so the first Thai prompt does not pay the second it takes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable


@functools.lru_cache(maxsize=1)
def _tokenizer() -> Callable[[str], list[str]]:
    from pythainlp.tokenize import word_tokenize

    def tokenize(text: str) -> list[str]:
        return word_tokenize(text, engine="newmm", keep_whitespace=False)

    return tokenize


def warm() -> None:
    """Load the segmentation dictionary now (the first call takes about a second)."""
    _tokenizer()("ทดสอบ")
    _dictionary()


@functools.lru_cache(maxsize=4096)
def words(run: str) -> tuple[str, ...]:
    """The words of a run of Thai text (cached: prompts repeat their phrases)."""
    return tuple(_tokenizer()(run))


@functools.lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


@functools.lru_cache(maxsize=4096)
def is_words(text: str) -> bool:
    """Whether `text` is one dictionary word or splits into dictionary words only ("ภาพ",
    "สื่อ"; not the lone "ห" that "หลาว" leaves in front of "ลาว")."""
    dictionary = _dictionary()
    return text in dictionary or all(word in dictionary for word in words(text))


def word_start(stream: str, start: int, bounds: frozenset[int]) -> bool:
    """Whether a match at `start` begins a word, or ends a compound whose head is a word of its
    own: "ลามก" in "ภาพลามก" (one word to the segmenter) counts, "ลาว" in "หลาว" (a spear) does not."""
    if start in bounds:
        return True
    head = start - 1
    while head not in bounds:
        head -= 1
    return is_words(stream[head:start])


def boundaries(stream: str) -> frozenset[int]:
    """Offsets in `stream` where a word starts or ends.

    Every non-Thai character is a boundary on both sides (an English word glued to Thai text is
    its own word), and each maximal Thai run is split into words by the segmenter.
    """
    found = {0, len(stream)}
    for match in _RUNS.finditer(stream):
        i, j = match.span()
        if match.group(1) is None:  # not Thai: every character stands alone
            found.update(range(i, j + 1))
            continue
        pos = i
        for word in words(stream[i:j]):
            found.add(pos)
            pos += len(word)
        found.add(j)
    return frozenset(found)


# Runs of Thai (group 1) and of anything else.
_RUNS = re.compile("([\u0e00-\u0e7f]+)|[^\u0e00-\u0e7f]+")
