"""Term lexicons and the Aho-Corasick index every term rule shares.

One index holds the terms of every rule (content categories, allow-listed phrases, public figures,
realism cues, artists), each tagged with what it means; a prompt is normalised once and scanned
once per script:

* the word automaton holds terms of space-separated scripts (Latin and the rest) and accepts a
  match only on word boundaries, so "therapist", "class" and "Scunthorpe" stay clean;
* the Thai automaton holds Thai terms and scans the prompt with its spaces removed, because Thai
  is written without spaces between words (a space, zero-width space or dot inside a Thai word is
  also an evasion). A Thai match counts only when it ends on a word boundary found by the
  segmenter (segment.py) or at a removed space, so "หี" is not read inside "หีบ"; allow-listed
  phrases still match anywhere (they only ever remove hits);
* long Latin words not found exactly are looked up with edit distance (fuzzy.py).

Each match carries its word positions (for rules with a window) and whether it is negated
(negation.py: "no violence"). A match inside a phrase the policy's `allow_terms` lists is kept,
marked `user_allowed`: the minors rule does not let a policy allow anything.

Indexes are cached by their inputs, so every engine built from the same policy shares one.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Collection, Container, Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

import ahocorasick

from . import segment
from .fuzzy import FuzzyIndex
from .negation import negated, thai_negator
from .normalize import LEET_PRIMARY, LEET_SECONDARY, english_words, normalize, term_variants, warm_word_splitter

LANGUAGES = ("en", "th")

# Tag kinds. A tag is (kind, category): ("content", "violence"), ("allow", ""), ("artist", "").
CONTENT = "content"
ALLOW = "allow"
PERSON = "person"  # a real, named person (deepfake needs one of these plus a cue)
CUE = "cue"  # photo, realistic, face swap ...
LIKENESS = "likeness"  # statue of, wax figure of, bobblehead ...: a made object, not the person
SUBJECT = "subject"  # a listed term a clinical or campaign context clears (a body part, "domestic violence")
CLINICAL = "clinical"  # anatomy diagram, urology clinic, sex education, awareness campaign ...
ARTIST = "artist"
PART = "part"  # a word of a composition rule (rules.py): ("part", "<rule>/<group>")
USER = "user"  # category of an allow tag from the policy's allow_terms: ("allow", "user")

# Kinds looked up with edit distance: listed content terms and real people's names. Realism cues
# and rule words are everyday words ("photo", "school"): a misspelling of one is another word
# ("candied" is one edit from "candid"; "photographers" from "photographed"). A cue of one word
# of fourteen letters or more is the exception: the compounds only ever written as cues
# ("photorealistic", "hyperrealistic") have no word one edit away, and their misspellings
# ("photoreelistic", "hyperrealistik") are the evasion.
_FUZZY_KINDS = frozenset({CONTENT, PERSON})
_FUZZY_CUE_LETTERS = 14

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


@functools.lru_cache(maxsize=1)
def fuzzy_guard() -> frozenset[str]:
    """Common English words never read as a misspelling of a listed term (lexicons/en/fuzzy_guard.txt)."""
    return frozenset(normalize(w) for w in shipped("en/fuzzy_guard.txt"))


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
    first: int = 0  # word positions (Thai words as segmented) of the first and last word matched
    last: int = 0
    negated: bool = False
    user_allowed: bool = False  # inside a phrase of the policy's allow_terms
    # Not compared: the same span found exactly in one reading of a prompt and by edit distance
    # in another ("k1ll" read two ways) is one match.
    fuzzy: bool = field(default=False, compare=False)


class TermIndex:
    """Two Aho-Corasick automata over tagged terms; `scan()` returns the matches in one pass each."""

    def __init__(self, entries: Iterable[tuple[str, Tag]], quiet: Iterable[Tag] = ()) -> None:
        """`quiet`: tags that never make a hit alone (a rule's later groups, see rules.py), left
        out of the probe words like allow-listed phrases and realism cues."""
        self.tags: list[Tag] = []
        tag_ids: dict[Tag, int] = {}
        word: dict[str, set[int]] = {}
        thai: dict[str, set[int]] = {}
        # Fuzzy keys are the terms as written (normalised), not their squeezed or joined variants:
        # "stabed" and "serialkiller" would put "stayed" and "serializer" one or two edits away.
        spelled: dict[str, set[int]] = {}
        guard = fuzzy_guard()
        for term, tag in entries:
            tag_id = tag_ids.get(tag)
            if tag_id is None:
                tag_id = tag_ids[tag] = len(self.tags)
                self.tags.append(tag)
            written = normalize(term)
            if tag[0] in _FUZZY_KINDS or (
                tag[0] == CUE and len(written) >= _FUZZY_CUE_LETTERS and written.isalpha() and written.isascii()
            ):
                spelled.setdefault(written, set()).add(tag_id)
            # "troon" squeezed is "tron", "noodes" is "nodes": everyday words, not the term.
            for key in term_variants(term, guard):
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
        quiet = set(quiet)
        minor_ids = {
            i for i, tag in enumerate(self.tags) if tag[0] in (ALLOW, CUE, LIKENESS, SUBJECT, CLINICAL) or tag in quiet
        }
        self._probe_words = frozenset(
            _probe_word(key) for key, ids in word.items() if not ids <= minor_ids
        )
        # Words a prompt may cut in two to hide ("po-rn", "Mes/si", "s|ex"): every word of three
        # letters or more of a key that can make a hit alone or with a cue.
        self._joinable = frozenset(
            w for key, ids in word.items() if not ids <= minor_ids for w in key.split(" ") if len(w) >= 3
        )
        self._word = self._automaton(word)
        self._thai = self._automaton(thai)
        known = {w for key in word for w in key.split(" ")} | set(fuzzy_guard())
        name_ids = frozenset(i for i, tag in enumerate(self.tags) if tag[0] == PERSON)
        # The splitter's vocabulary (for misspelt two-word names) is loaded only with English
        # terms: an ASCII fuzzy key always has its word-automaton key, so none means no name.
        english: Container[str] = frozenset()
        if self._word is not None:
            warm_word_splitter()
            english = english_words()
        self._fuzzy = FuzzyIndex(spelled.items(), known, name_ids, english)
        if self._thai is not None:
            segment.warm()

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

    def joined(self, text: str) -> str | None:
        """`text` (a raw prompt) with each word cut by separators joined ("po-rn", "pe|nis",
        "na.ked", "Swi_ft", "Ne/tan/ya/hu"), where the joined word is a word of a listed term;
        None when there is none. Most such cuts are words joined ("close-up", "and/or",
        "photo.png"), which this look-up leaves as they are."""
        if not _CUT_PROBE.search(text):
            return None
        changed = False

        def join(match: re.Match[str]) -> str:
            nonlocal changed
            pieces = _CUT.split(match.group())
            word = "".join(pieces)
            lowered = word.lower()
            if not _LETTER.search(lowered):
                return match.group()  # numbers: "2024-05-01", "3-4"
            if (lowered if lowered.isascii() else normalize(word)) not in self._joinable and not (
                # Leet digits are read later, in the joined text's own variants: here the word
                # only has to spell a listed word once they are letters ("m4ss4cr3").
                lowered.isascii()
                and not lowered.isalpha()
                and (
                    lowered.translate(LEET_PRIMARY) in self._joinable
                    or lowered.translate(LEET_SECONDARY) in self._joinable
                )
            ):
                return match.group()
            # Words that make a listed term apart ("self-harm") are read so already, and the
            # clinical contexts that clear them know them apart.
            if self._word is not None and self._word.exists(" ".join(pieces).lower()):
                return match.group()
            changed = True
            return word

        text = _CUT_WORD.sub(join, text)
        return text if changed else None

    def scan(self, normalized: str) -> list[TermMatch]:
        """Matches in `normalized` (the output of `normalize()`), allow-listed spans removed."""
        tokens = normalized.split(" ")
        distinct = set(tokens)
        # Fuzzy first: a misspelt name is no probe word, but its realism cue must still be found.
        found: list[TermMatch] = self._fuzzy_matches(tokens, distinct) if self._fuzzy else []
        if self._word is not None and (
            found or not normalized.isascii() or not self._probe_words.isdisjoint(distinct)
        ):
            last = len(normalized) - 1
            for end, (length, ids) in self._word.iter(normalized):
                start = end - length + 1
                if start > 0 and _is_word_char(normalized[start - 1]):
                    continue
                # An allowed phrase also covers its plural ("nude lipsticks", "naked mole rats");
                # every other term ends on a word boundary.
                inside = end < last and _is_word_char(normalized[end + 1])
                if inside and not _plural_ending(normalized, end + 1):
                    continue
                for tag_id in ids:
                    kind, category = self.tags[tag_id]
                    if not inside or kind == ALLOW:
                        found.append(TermMatch(kind, category, start, end + 1, False))
        thai: _ThaiStream | None = None
        if self._reads_thai(normalized):
            assert self._thai is not None
            thai = _ThaiStream(normalized)
            for end, (length, ids) in self._thai.iter(thai.text):
                start = end - length + 1
                # The end must fall on a boundary: a term that stops inside a longer word is a
                # different word ("หี" in "หีบ", "ตัดคอ" in "ตัดคอเสื้อ"). The start need not: Thai
                # compounds put the term last ("ภาพลามก", "สื่อลามก" are segmented as one word).
                # A short term, though, must start a word or follow a word of its own: "ลาว" in
                # "หลาว" (a spear) is not Lao. Longer terms are spared the check, because the
                # segmenter's own slips would cost them ("ถูกราดน้ำมัน" is read "ถู|กราด|น้ำมัน").
                whole = (
                    end + 1 in thai.bounds
                    and not thai.cuts_a_run(start, end)
                    and (length > _SHORT_THAI or segment.word_start(thai.text, start, thai.bounds))
                )
                for tag_id in ids:
                    kind, category = self.tags[tag_id]
                    if whole or kind == ALLOW:
                        found.append(TermMatch(kind, category, start, end + 1, True))
        if not found:
            return found
        if any(m.kind == ALLOW for m in found):
            found = _drop_allowed(found, thai)
            if not found:
                return found
        return _place(found, _Layout(normalized, thai))

    def in_sentences(self, normalized: str, matches: list[TermMatch], opens: Collection[int]) -> list[TermMatch]:
        """`matches`, those `scan(normalized)` returned, placed again with a sentence beginning at
        each of `opens` (sentences.py): the same terms at the same offsets, only their negation
        can change. No automaton runs again."""
        thai = _ThaiStream(normalized) if self._reads_thai(normalized) else None
        return _place(matches, _Layout(normalized, thai, opens))

    def _reads_thai(self, normalized: str) -> bool:
        """Whether a scan of `normalized` reads it as Thai too (then its layout segments Thai words)."""
        return self._thai is not None and not normalized.isascii() and has_thai(normalized)

    def _fuzzy_matches(self, tokens: list[str], distinct: set[str]) -> list[TermMatch]:
        hits = self._fuzzy.find(tokens, distinct)
        if not hits:
            return []
        starts = _starts(tokens)
        out = []
        for first, last, ids in hits:
            start, end = starts[first], starts[last] + len(tokens[last])
            for tag_id in ids:
                kind, category = self.tags[tag_id]
                out.append(TermMatch(kind, category, start, end, False, fuzzy=True))
        return out


# Words in most image prompts. A phrase's probe word is its longest word not in this set: a
# phrase such as "sex photo" or "racist poster" must not make every prompt with "photo" or
# "poster" take the full scan.
_COMMON_PROMPT_WORDS = frozenset(
    """
    photo photos photograph picture pictures image images style styled portrait poster posters cartoon
    illustration painting drawing sketch art artwork scene shot shots close view light lighting
    background realistic detailed white black red blue green yellow dark bright young old girl girls
    boy boys man men woman women people person child children kid kids baby face faces hand hands body
    street market city room house home school night day camera lens cinematic dramatic high quality
    with from into onto over under behind front next near while their there where what this that
    them they his her him she wearing holding standing sitting looking walking large small little
    big full half side top bottom water fire sky sun moon tree trees forest mountain beach sea river
    road car cars window door wall floor table bed chair food dog cat animal animals family friends
    group crowd team film movie video still studio model fashion color colour colors colours soft
    warm cold vintage modern classic digital print cover book comic meme sign banner text words
    the and for are was were has had its our you your not but all any can one two some very just
    """.split()
)


def _probe_word(key: str) -> str:
    """The word of an index key that a prompt must contain for the key to match: its longest
    word outside the common prompt words (the likeliest to be rare), else its longest."""
    words = list(reversed(key.split(" ")))
    # Words of one or two letters ("a", "of") are in nearly every prompt: never a probe.
    rare = [w for w in words if len(w) > 2 and w not in _COMMON_PROMPT_WORDS]
    return max(rare or words, key=len)


def _starts(tokens: Sequence[str]) -> list[int]:
    """Offsets of space-separated `tokens` in the text they were split from."""
    starts, pos = [], 0
    for token in tokens:
        starts.append(pos)
        pos += len(token) + 1
    return starts


# Thai terms of this many characters or fewer must start a word (see `TermIndex.scan`).
_SHORT_THAI = 3


class _ThaiStream:
    """The text with its spaces removed (Thai terms match across them), the offset in the text of
    each stream character, and the word boundaries of the stream."""

    def __init__(self, normalized: str) -> None:
        self.text = normalized.replace(" ", "")
        where = [i for i, ch in enumerate(normalized) if ch != " "]
        self.where = where
        # A space stood before stream position k when the text skips an offset there.
        removed = {k for k in range(1, len(where)) if where[k] != where[k - 1] + 1}
        self.spaced = frozenset(removed)
        self.bounds = segment.boundaries(self.text) | removed

    def cuts_a_run(self, start: int, end: int) -> bool:
        """Whether a match over stream positions start..end starts or stops inside a run of digits
        or Latin letters the segmenter split ("อายุ 2" or "5 ปี" in "อายุ 25 ปี": a woman of 25 is
        no child of 2 or 5)."""
        return self._joined(end, end + 1) or self._joined(start - 1, start)

    def _joined(self, left: int, right: int) -> bool:
        """Whether stream positions left and right are digits or Latin letters side by side."""
        text = self.text
        if left < 0 or right >= len(text) or self.where[right] != self.where[left] + 1:
            return False
        a, b = text[left], text[right]
        return a.isascii() and b.isascii() and a.isalnum() and b.isalnum()


_THAI_NO, _THAI_NO_READ = "โน", "ไม่มี"


class _Layout:
    """The words of a normalised text, Thai runs split into segmented words, with their offsets."""

    def __init__(self, normalized: str, thai: _ThaiStream | None, opens: Collection[int] = ()) -> None:
        """`opens`: offsets in `normalized` where a sentence begins (sentences.py)."""
        self.thai = thai
        tokens: list[str] = []
        starts: list[int] = []
        pos = 0
        for word in normalized.split(" "):
            if thai is not None and has_thai(word):
                for piece_start, piece in _pieces(word):
                    # English "no" written in Thai opening a phrase ("โนเลือด โนศพ") reads as the
                    # negator; inside a phrase it is a syllable of another word ("คริสเตียโน").
                    tokens.append(_THAI_NO_READ if piece == _THAI_NO and piece_start == 0 else piece)
                    starts.append(pos + piece_start)
            else:
                tokens.append(word)
                starts.append(pos)
            pos += len(word) + 1
        self.tokens = tokens
        self.starts = starts
        # Token indices where a sentence begins: a negation reaches no further back than them.
        self.opens = [k for k, start in enumerate(starts) if start in opens] if opens else []

    def sentence_start(self, k: int) -> int:
        """The index of the first token of the sentence that holds token k."""
        at = bisect.bisect_right(self.opens, k)
        return self.opens[at - 1] if at else 0

    def ends_phrase(self, k: int) -> bool:
        """Whether a space or the end of the text follows token k."""
        return k + 1 >= len(self.tokens) or self.starts[k + 1] > self.starts[k] + len(self.tokens[k])

    def words(self, m: TermMatch) -> tuple[int, int]:
        start, end = _span(m, self.thai)
        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_right(self.starts, end - 1) - 1
        return max(first, 0), max(last, 0)


def _pieces(word: str) -> list[tuple[int, str]]:
    """A space-free word as Thai words (segmented) and runs of other characters."""
    out: list[tuple[int, str]] = []
    for match in _SCRIPT_RUNS.finditer(word):
        i = match.start()
        if match.group(1) is None:
            out.append((i, match.group()))
            continue
        for piece in segment.words(match.group()):
            out.append((i, piece))
            i += len(piece)
    return out


# A word cut by hyphens, slashes, pipes, dots, underscores or like separators (one kind or
# several); pieces of letters, or of letters and leet digits ("m4ss-4cr3", "s7.4b.b1ng").
_CUT = re.compile(r"[-/|\\+~^._]")
_CUT_PROBE = re.compile(rf"[^\W_]{_CUT.pattern}[^\W_]")
_CUT_WORD = re.compile(rf"(?<![^\W_])[^\W_]+(?:{_CUT.pattern}[^\W_]+)+(?![^\W_])")
_LETTER = re.compile(r"[^\W\d_]")
_SCRIPT_RUNS = re.compile("([\u0e00-\u0e7f]+)|[^\u0e00-\u0e7f]+")


def _place(found: list[TermMatch], layout: _Layout) -> list[TermMatch]:
    """Give each match its word positions and its negation."""
    placed = [(m, *layout.words(m)) for m in found]
    # Each token inside a listed term, mapped to the last token of the longest such term that ends
    # a phrase (a space or the end follows it), or to itself: negation.py reads a Thai negator
    # inside such a term as the term's own word ("ไม่ใช่คน ผลักเรือ", not human: push the boats),
    # and one that runs on into the next word as a negator still ("ไม่ใช่คนเปลือย", not a nude).
    listed: dict[int, int] = {}
    for m, first, last in placed:
        # A realism cue written with its own negator says "a photo" ("ไม่ใช่ภาพวาด", not a
        # drawing): that negator is the cue's word too and negates no name after it.
        own_negator = m.kind == CUE and any(thai_negator(t) for t in layout.tokens[first : last + 1])
        if m.kind in (CONTENT, PART) or own_negator:
            end = last if layout.ends_phrase(last) else first
            for i in range(first, last + 1):
                listed[i] = max(listed.get(i, i), end)
    starts = {first for m, first, _ in placed if m.kind in (CONTENT, PART)}
    out = []
    for m, first, last in placed:
        # "not allowed" refuses a depiction, never a group, a slur or a minor ("muslims not allowed").
        refusable = m.kind == CONTENT and m.category not in ("hate_speech", "minors")
        shuts_out = m.kind == CONTENT and m.category == "hate_speech"
        neg = m.kind not in (ALLOW, ARTIST) and negated(
            layout.tokens,
            first,
            last,
            listed,
            starts,
            refusable,
            shuts_out,
            layout.sentence_start(first),
            hate=m.category == "hate_speech",
        )
        out.append(replace(m, first=first, last=last, negated=neg))
    return out


def _plural_ending(text: str, at: int) -> bool:
    """Whether the word going on at `at` ends there in "s" or "es"."""
    for ending in ("s", "es"):
        stop = at + len(ending)
        if text.startswith(ending, at) and (stop >= len(text) or not _is_word_char(text[stop])):
            return True
    return False


def _takes_in(m_start: int, m_end: int, start: int, end: int) -> bool:
    """Whether m_start..m_end spans all of start..end and more."""
    return m_start <= start and end <= m_end and m_end - m_start > end - start


def _drop_allowed(found: list[TermMatch], thai: _ThaiStream | None) -> list[TermMatch]:
    """Remove every match that overlaps a shipped allow-listed phrase; mark those that overlap one
    of the policy's `allow_terms` (only the minors rule still reads them).

    Spans are compared in the normalised text, whichever stream matched them, so an allowed phrase
    that mixes Thai and English ("ลิปสติกโทน nude", matched in the Thai stream) covers its English
    word too (matched in the word stream). A listed term that takes in the whole allowed phrase and
    more is the longer, exact reading and stays: "tiger woods" is the golfer though "tiger wood" (a
    timber) is allowed with its plural. So does a Thai term that the writer's space parts from the
    start of an allowed phrase and that reads on past its end (see `_parted_from`)."""
    shipped = [(a, _span(a, thai)) for a in found if a.kind == ALLOW and a.category != USER]
    user = [_span(a, thai) for a in found if a.kind == ALLOW and a.category == USER]
    kept = []
    for m in found:
        if m.kind == ALLOW:
            continue
        m_start, m_end = _span(m, thai)
        if any(
            m_start < end
            and start < m_end
            and not _takes_in(m_start, m_end, start, end)
            and not _parted_from(m, a, thai)
            for a, (start, end) in shipped
        ):
            continue
        if any(m_start < end and start < m_end for start, end in user):
            m = replace(m, user_allowed=True)
        kept.append(m)
    return kept


def _parted_from(m: TermMatch, allowed: TermMatch, thai: _ThaiStream | None) -> bool:
    """Whether Thai match `m` starts after a space inside the Thai `allowed` phrase and runs on past
    its end. The Thai stream drops spaces, so "งานแต่งงาน ศพเกลื่อน" (a wedding, corpses strewn)
    holds "งานศพ" (a funeral, allowed) across the space; the writer's space says the words part
    there, and "ศพเกลื่อน" is read."""
    return (
        thai is not None
        and m.thai
        and allowed.thai
        and allowed.start < m.start < allowed.end < m.end
        and m.start in thai.spaced
    )


def _span(m: TermMatch, thai: _ThaiStream | None) -> tuple[int, int]:
    """`m`'s start and end in the normalised text (a Thai-stream match counts without spaces)."""
    if m.thai:
        assert thai is not None  # a Thai-stream match comes with its stream
        return thai.where[m.start], thai.where[m.end - 1] + 1
    return m.start, m.end


@functools.lru_cache(maxsize=16)
def cached_index(entries: tuple[tuple[str, Tag], ...], quiet: frozenset[Tag] = frozenset()) -> TermIndex:
    """One index per distinct set of entries (engines built from the same policy share it)."""
    return TermIndex(entries, quiet)
