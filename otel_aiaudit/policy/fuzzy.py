"""Misspelled terms and names: "masacre", "decapitaded", "Elon Muks", "Taylor Swfit".

Only long words are read as misspellings, because short words sit one letter away from many
ordinary ones: a term or name needs six letters or more; the edit distance allowed is 1, or 2 from
ten letters (optimal string alignment: a swapped pair of letters counts as one edit). Guards
against false positives:

* a prompt word that is itself a word of some indexed term (any kind, allow-listed phrases
  included) or a common English word of `lexicons/en/fuzzy_guard.txt` ("exotic" is not "erotic",
  "bandage" is not "bondage") is taken as spelled right;
* the first letter must match: people misspell the middle and the end of a word far more than its
  first letter, and the neighbours that differ there are mostly other words ("laughter" and
  "slaughter", "setback" and "wetback");
* words made of digits or mixed letters and digits are left to the exact matcher;
* an allow-listed phrase still wins (fuzzy matches go through the same allow-list step).

A content phrase ("white supremacist", "school shooting") may have one word of eight letters or
more misspelt when its other words stand around it exactly ("white supremicist", "school
shootng"): short everyday words make other phrases with one edit ("white power", "pool of blood").

Names of several words are matched word by word: words of three letters or fewer must be
exact, longer words may be one edit off (two from ten letters) and the whole within the budget of
its length; one of the first or last word must be spelled right (that word finds the candidates
cheaply, and the first letters of the prompt's words around it, which a misspelling keeps, narrow
them to the few worth comparing), and a name read with an "s" added at its end is a plural or a
verb ("Tim cooks"). A name of two words and ten letters or more may have both words misspelt,
one edit each ("Jastin Beiber", "Donal Trunp"): each such word of the prompt that is no known
word is looked up among the first and last words of those names, and two neighbours that
misspell the two words of one name are compared as a whole as above, unless both are English
words (a thousand pairs of frequent words sit that close to a name: "Santa Maria" to Sanna
Marin, "tailor shift" to Taylor Swift). Shorter names are left out because their budget is one
edit in all.

Speed: one set difference in C drops every prompt word already known to be clean (or a listed
word), so a prompt of familiar words costs a few microseconds. A new long word finds its
candidates by the pigeonhole principle: each term is cut into 2k+1 parts (k its edit budget); k
edits, a swapped pair touching two neighbouring parts, leave at least one part intact, at most k
places from where it was. So a few dictionary look-ups give the few terms worth comparing, and
rapidfuzz compares them. A word's result is kept (cleared past `_CACHE_LIMIT` words).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Container, Iterable, Sequence
from typing import Generic, TypeVar

from rapidfuzz.distance import OSA

MIN_LETTERS = 6
# A word of a content phrase may be misspelt from this length, the phrase's other words exact.
PHRASE_WORD_LETTERS = 8
_CACHE_LIMIT = 200_000

_Found = TypeVar("_Found")


def budget(letters: int) -> int:
    """Edits allowed for a term of `letters` letters."""
    if letters >= 10:
        return 2
    return 1 if letters >= MIN_LETTERS else 0


class _Memo(Generic[_Found]):
    """What a look-up found for each prompt word, bounded. Words with nothing to report stay in
    `settled`, a set, so that one set difference drops them all from a prompt's words; the others
    keep their result in `found`. Past _CACHE_LIMIT words both start again from `base`."""

    __slots__ = ("base", "found", "settled")

    def __init__(self, base: frozenset[str]) -> None:
        self.base = base
        self.settled: set[str] = set(base)
        self.found: dict[str, _Found] = {}

    def remember(self, word: str, result: _Found | None) -> None:
        if len(self.settled) + len(self.found) > _CACHE_LIMIT:
            self.settled = set(self.base)
            self.found.clear()
        if result is None:
            self.settled.add(word)
        else:
            self.found[word] = result


class FuzzyIndex:
    """Candidates by first letter and length; `find()` returns (first word, last word, tag ids)."""

    def __init__(
        self,
        keys: Iterable[tuple[str, Sequence[int]]],
        known: Iterable[str],
        names: frozenset[int] = frozenset(),
        english: Container[str] = frozenset(),
    ) -> None:
        """`keys`: (normalised term, tag ids); multi-word keys are kept only when one of their tags
        is in `names` (people's names: "elon musk"). A multi-word content phrase is mostly short
        everyday words ("white power", "pool of blood"), where one edit makes another phrase.
        `english`: real words, two of which side by side are never read as a name with both
        words misspelt."""
        # (term length, part number, first letter, part text) -> terms: see _spans(). The first
        # letter is in the key because a candidate must share it anyway.
        self._parts: dict[tuple[int, int, str, str], list[str]] = {}
        self._single_tags: dict[str, tuple[int, ...]] = {}
        # Names of several words, by anchor word and then by word count and the first letter of
        # each word: a window of the prompt differs from a name only in words that share their
        # first letter (see _close), so its initials find the few names worth comparing among the
        # thousands that share an anchor ("the ..." offices, "president ...").
        self._multi: dict[str, dict[tuple[int, str], list[tuple[tuple[str, ...], tuple[int, ...]]]]] = {}
        # Long words of content phrases ("supremacist" of "white supremacist"): a misspelling of
        # one counts when the phrase's other words stand around it exactly ("white supremicist").
        self._phrase_parts: dict[tuple[int, int, str, str], list[str]] = {}
        self._phrases: dict[str, list[tuple[tuple[str, ...], int, tuple[int, ...]]]] = {}
        # Two-word names that may have both words misspelt: each word by its name and place in it.
        self._pair_parts: dict[tuple[int, int, str, str], list[str]] = {}
        self._pair_words: dict[str, list[tuple[int, int]]] = {}
        self._pair_names: list[tuple[tuple[str, ...], tuple[int, ...]]] = []
        self._english = english
        for key, ids in keys:
            if not key.isascii():
                continue  # Thai and other scripts: exact matching only
            words = tuple(key.split(" "))
            letters = sum(len(w) for w in words)
            if letters < MIN_LETTERS or not all(w.isalpha() for w in words):
                continue
            tags = tuple(sorted(ids))
            if len(words) == 1:
                _index_parts(self._parts, key)
                self._single_tags[key] = tags
            elif names.intersection(tags):
                entry = (words, tags)
                # Anchors of three letters or more: "al", "xi" would send every prompt with a
                # two-letter word through the comparison.
                initials = "".join(w[0] for w in words)
                for anchor in {words[0], words[-1]}:
                    if len(anchor) >= 3:
                        self._multi.setdefault(anchor, {}).setdefault((len(words), initials), []).append(entry)
                # One edit in each word needs a budget of two, so ten letters; words of three
                # letters or fewer must be exact, which makes them anchors or leaves no match.
                if len(words) == 2 and letters >= 10 and min(len(w) for w in words) > 3:
                    for place, word in enumerate(words):
                        if word not in self._pair_words:
                            _index_parts(self._pair_parts, word, _name_word_budget(len(word)))
                        self._pair_words.setdefault(word, []).append((len(self._pair_names), place))
                    self._pair_names.append(entry)
            else:
                for position, word in enumerate(words):
                    if len(word) >= PHRASE_WORD_LETTERS:
                        if word not in self._phrases:
                            _index_parts(self._phrase_parts, word)
                        self._phrases.setdefault(word, []).append((words, position, tags))
        self._anchors = frozenset(self._multi)
        self._lengths = {anchor: tuple(sorted({n for n, _ in names})) for anchor, names in self._multi.items()}
        self._known = frozenset(known)
        # Words with nothing to do start settled: known words, but not anchors (a word of a name),
        # so one set difference finds both kinds of work.
        self._singles: _Memo[tuple[tuple[int, ...], str | None]] = _Memo(self._known - self._anchors)
        # The same for the words of two-word names: known words are never read as their
        # misspellings, so they start settled.
        self._pairs: _Memo[tuple[tuple[int, int], ...]] = _Memo(self._known)

    def __bool__(self) -> bool:
        return bool(self._parts or self._multi or self._phrases)

    @staticmethod
    def _candidates(
        word: str, parts: dict[tuple[int, int, str, str], list[str]], allowed_for: Callable[[int], int]
    ) -> set[str]:
        """Indexed words (of `parts`, filed with `allowed_for(length)` edits) that may be within
        their budget of `word`: the pigeonhole look-up, before any comparison."""
        n = len(word)
        candidates: set[str] = set()
        for length in range(n - 2, n + 3):
            allowed = allowed_for(length)
            if not allowed or abs(length - n) > allowed:
                continue
            for i, text in _probe_parts(word, length, allowed):
                found = parts.get((length, i, word[0], text))
                if found:
                    candidates.update(found)
        return candidates

    # --- single words ----------------------------------------------------------------------

    @staticmethod
    def _closest(word: str, parts: dict[tuple[int, int, str, str], list[str]]) -> str | None:
        """The indexed word (of `parts`) within the edit budget of `word`, the closest first."""
        n = len(word)
        if n < MIN_LETTERS or not word.isalpha() or not word.isascii():
            return None
        best: tuple[int, str] | None = None
        for term in FuzzyIndex._candidates(word, parts, budget):
            # The shorter of the two decides: "mutation" is not two edits from "mutilation".
            allowed = budget(min(len(term), n))
            edits = OSA.distance(word, term, score_cutoff=allowed)
            if edits <= allowed and (best is None or (edits, term) < best):
                best = (edits, term)
        return best[1] if best is not None else None

    def _lookup(self, word: str) -> tuple[tuple[int, ...], str | None]:
        """(tags of the single term `word` misspells, the phrase word it misspells)."""
        found = self._singles.found.get(word)
        if found is not None:
            return found
        term = self._closest(word, self._parts) if self._parts else None
        tags = self._single_tags[term] if term is not None else ()
        phrase_word = self._closest(word, self._phrase_parts) if self._phrase_parts else None
        self._singles.remember(word, (tags, phrase_word) if tags or phrase_word else None)
        return tags, phrase_word

    def _pair_lookup(self, word: str) -> tuple[tuple[int, int], ...]:
        """(name number, place) of each word of a two-word name that `word` misspells."""
        found = self._pairs.found.get(word)
        if found is not None:
            return found
        near: tuple[tuple[int, int], ...] = ()
        if len(word) >= 3 and word.isalpha() and word.isascii():
            meant = []
            for term in self._candidates(word, self._pair_parts, _name_word_budget):
                allowed = _name_word_budget(len(term))
                if 0 < OSA.distance(word, term, score_cutoff=allowed) <= allowed:
                    meant.extend(self._pair_words[term])
            near = tuple(meant)
        self._pairs.remember(word, near or None)
        return near

    def _pair_matches(self, tokens: Sequence[str], near: set[str]) -> list[tuple[int, int, tuple[int, ...]]]:
        """Two-word names both of whose words `tokens` misspell, side by side."""
        out = []
        for i in range(len(tokens) - 1):
            first, last = tokens[i], tokens[i + 1]
            if first not in near or last not in near or (first in self._english and last in self._english):
                continue
            firsts = {number for number, place in self._pairs.found[first] if place == 0}
            for number, place in self._pairs.found[last]:
                if place == 1 and number in firsts:
                    words, tags = self._pair_names[number]
                    if self._close((first, last), words):
                        out.append((i, i + 1, tags))
        return out

    # --- multi-word terms ------------------------------------------------------------------

    @staticmethod
    def _close(window: Sequence[str], words: tuple[str, ...]) -> bool:
        total = 0
        for got, want in zip(window, words, strict=True):
            if got == want:
                continue
            if len(want) <= 3 or got[:1] != want[:1]:
                return False
            allowed = _name_word_budget(len(want))
            edits = OSA.distance(got, want, score_cutoff=allowed)
            if edits > allowed:
                return False
            total += edits
        if total == 0 or total > budget(sum(len(w) for w in words)):
            return False
        # "tim cooks", "trumps": a plural or a verb, not a misspelt name.
        return window[-1] != words[-1] + "s" or list(window[:-1]) != list(words[:-1])

    def _multi_matches(self, tokens: Sequence[str], anchors: set[str]) -> list[tuple[int, int, tuple[int, ...]]]:
        out = []
        seen: set[tuple[int, int, tuple[int, ...]]] = set()
        for i, token in enumerate(tokens):
            if token not in anchors:
                continue
            names = self._multi[token]
            for n in self._lengths[token]:
                # The anchor is the first word (window starts here) or the last (window ends here).
                for start in {i, i - n + 1}:
                    if start < 0 or start + n > len(tokens):
                        continue
                    window = tokens[start : start + n]
                    for words, tags in names.get((n, "".join(w[:1] for w in window)), ()):
                        key = (start, start + n - 1, tags)
                        if key not in seen and self._close(window, words):
                            seen.add(key)
                            out.append(key)
        return out

    # --- the scan --------------------------------------------------------------------------

    def find(self, tokens: Sequence[str], distinct: set[str] | None = None) -> list[tuple[int, int, tuple[int, ...]]]:
        """Fuzzy matches among `tokens` (the words of a normalised text; `distinct`: the same as a
        set, when the caller has it) as (first, last, tag ids)."""
        if distinct is None:
            distinct = set(tokens)
        out: list[tuple[int, int, tuple[int, ...]]] = []
        if self._pair_names:
            # Most words are settled here too: one set difference, and nothing more to do.
            near = {w for w in distinct - self._pairs.settled if self._pair_lookup(w)}
            if len(near) >= 2:
                out.extend(self._pair_matches(tokens, near))
        fresh = distinct - self._singles.settled
        if not fresh:
            return out
        anchors = self._anchors.intersection(fresh)
        # Anchors are words of listed names, spelled right: never looked up as misspellings.
        looked = {w: self._lookup(w) for w in fresh if w not in anchors}
        hits = {w: tags for w, (tags, _) in looked.items() if tags}
        if hits:
            out.extend((i, i, hits[t]) for i, t in enumerate(tokens) if t in hits)
        phrase_words = {w: pw for w, (_, pw) in looked.items() if pw}
        if phrase_words:
            out.extend(self._phrase_matches(tokens, phrase_words))
        if anchors:
            out.extend(self._multi_matches(tokens, anchors))
        return out

    def _phrase_matches(
        self, tokens: Sequence[str], phrase_words: dict[str, str]
    ) -> list[tuple[int, int, tuple[int, ...]]]:
        out = []
        for i, token in enumerate(tokens):
            meant = phrase_words.get(token)
            if meant is None:
                continue
            for words, position, tags in self._phrases[meant]:
                start, n = i - position, len(words)
                if start < 0 or start + n > len(tokens):
                    continue
                window = tokens[start : start + n]
                if all(got == want for k, (got, want) in enumerate(zip(window, words, strict=True)) if k != position):
                    out.append((start, start + n - 1, tags))
        return out


def _name_word_budget(letters: int) -> int:
    """Edits allowed in one word of a name (as in _close): one, two from ten letters."""
    return budget(max(letters, MIN_LETTERS))


def _index_parts(parts: dict[tuple[int, int, str, str], list[str]], word: str, allowed: int | None = None) -> None:
    """File `word` under its 2k+1 parts (see _spans), where _probe_parts looks a misspelling up;
    k is `allowed`, the word's own budget when not given."""
    for i, (start, end) in enumerate(_spans(len(word), budget(len(word)) if allowed is None else allowed)):
        parts.setdefault((len(word), i, word[0], word[start:end]), []).append(word)


@functools.lru_cache(maxsize=256)
def _spans(length: int, allowed: int) -> tuple[tuple[int, int], ...]:
    """The 2k+1 parts (start, end) a term of `length` letters is cut into for k = `allowed`."""
    count = 2 * allowed + 1
    cuts = [round(i * length / count) for i in range(count + 1)]
    return tuple((cuts[i], cuts[i + 1]) for i in range(count))


def _probe_parts(word: str, length: int, allowed: int) -> list[tuple[int, str]]:
    """The (part number, text) keys under which a term of `length` letters within `allowed` edits
    of `word` must be indexed: the first part at the start of the word, the last at its end, the
    others at their place give or take `allowed`."""
    n = len(word)
    spans = _spans(length, allowed)
    keys = []
    for i, (start, end) in enumerate(spans):
        size = end - start
        if i == 0:
            keys.append((i, word[:size]))
        elif i == len(spans) - 1:
            keys.append((i, word[n - size :]))
        else:
            for shift in range(-allowed, allowed + 1):
                lo = start + shift
                if 0 <= lo and lo + size <= n:
                    keys.append((i, word[lo : lo + size]))
    return keys
