"""One normalisation pass that defeats the usual evasions before term matching.

Both the lexicon terms and the prompt go through the same `normalize()`, so whatever the pass
folds together (letters, look-alikes, stretched runs) is folded the same way on both sides and
matching stays exact. Steps, in order:

1. Unicode compatibility forms and case: NFKC, case folding, then NFKD so accents become separate
   combining marks (full-width, mathematical and circled letters become plain letters here;
   parenthesized letters, which NFKC would bracket one by one, are mapped just before it).
2. One `str.translate` table for non-ASCII text: drops accents (Latin combining diacritics only, so
   Thai vowel and tone marks survive) and every control, format (zero-width, bidi) and surrogate
   code point; maps Cyrillic and Greek look-alikes, and the enclosed letters NFKC leaves alone, to
   the Latin letters they imitate; turns punctuation, symbols and separators of every script into
   spaces. A second, ASCII table does the same for ASCII, keeping the leet symbols `@$!|`.
3. Letters split by a leet symbol (`g|o|r|e`, `n @ k e d`) are joined before the leet step, which
   would otherwise read a separator `|` as the letter l.
4. Leetspeak inside words that mix letters with digits or symbols (`k1ll`, `n@ked`, `pr0n`).
   Digit-only tokens such as `1024` or `2024` are left alone.
5. Stretched letters: every run of three or more of one character becomes a single character;
   lexicon terms with a double letter are indexed both ways ("kill" and "kil"), unless the single
   spelling is a word of its own ("off" and "of"). A prompt with a stretched letter is also read
   with two ("offfff" -> "off"), so that such a term is still found.
6. Letters split by spaces (any separator is a space by now: `k.i.l.l`, `k\ti\tl\tl`, `g 0 r e`)
   are joined back together when three or more single letters or digits follow each other (two
   letters among them, or one among four or more: "9 4 y 5"), with leetspeak read inside the
   joined word. A run that starts with a one-letter word also yields the
   word without it ("a g o r e" gives "agore gore"), and without an "x" after it too
   ("a x O b a m a" gives "obama" among its readings), so no reading is missed; the letter an
   apostrophe leaves ("the man's g e n i t a l s") is glued back to its word first, and words
   spelled out with a wider gap between them ("t h e  E t e r n a l  J e w") are joined word by
   word before the gaps collapse (a leading one-letter word or "x" read both ways there too), and
   a comma or a lone punctuation mark ends a spelled word
   ("g-o-r-e, i.n.t.e.s.t.i.n.e.s", "r*e*f*u*g*e*e*s = p*a*r*a*s*i*t*e*s": two words). Words
   spelled out with no wider gap between them ("E m m a W a t s o n n u d e") join into one run,
   which is also read as the English words it splits into ("emma watson nude"). A Thai letter
   with its vowel and tone marks is one unit ("ร ะ เ บิ ด"), and a symbol between two Thai letters
   ("ระ.เบิด") is dropped before step 2 rather than turned into a space.

`variants()` adds the reading with a right-to-left override undone (the text as displayed), the
reading with a word's chunks joined when underscores cut it in three or more ("ho_mo_sex_u_als"),
and the reading with middle dots, bullets and zero-width characters as spaces, which are dropped
inside words ("Taylor·Swift·and·Travis").
ASCII prompts (the common case) skip step 1 and the non-ASCII table, which keeps a full
evaluation in the tens of microseconds.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Container

# --- step 2: the translate tables --------------------------------------------------------------

# Combining marks that are accents on Latin, Greek and Cyrillic letters. Thai marks (U+0E31,
# U+0E34-U+0E3A, U+0E47-U+0E4E) are deliberately absent: they are part of Thai spelling.
_ACCENT_RANGES = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))

# Invisible characters used to break words apart without changing how they look.
_INVISIBLE_RANGES = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),  # Mongolian variation selectors, vowel separator
    (0x200B, 0x200F),  # zero-width space, joiners, direction marks
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # byte order mark / zero-width no-break space
    (0xFFA0, 0xFFA0),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE007F),  # tag characters
    (0xE0100, 0xE01EF),  # variation selectors supplement
)

# Cyrillic and Greek letters (lower case: the table is applied after case folding) that look like
# Latin letters. Greek final sigma and a few Latin oddities are included because case folding and
# NFKD leave them in place.
_HOMOGLYPHS = {
    # Cyrillic
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "e",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "п": "n",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "ш": "w",
    "ь": "b",
    "ѕ": "s",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "һ": "h",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "ӏ": "l",
    "ɡ": "g",
    "ү": "y",
    "ҽ": "e",
    "ո": "n",
    "ս": "u",
    "օ": "o",
    # Greek
    "α": "a",
    "β": "b",
    "γ": "y",
    "ε": "e",
    "η": "n",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "ω": "w",
    "ς": "s",
    "σ": "o",
    "μ": "u",
    "ϲ": "c",
    "ϳ": "j",
    # Latin look-alikes outside ASCII
    "ı": "i",
    "ȷ": "j",
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ħ": "h",
    "ŀ": "l",
    "ſ": "s",
    "ɑ": "a",
    "ɩ": "i",
    "ʋ": "u",
    "ⅰ": "i",
    "ℓ": "l",
}


# Enclosed letters that NFKC leaves alone (negative circled and squared letters, regional
# indicators): mapped to their plain letter. Taken from the character names, so the table follows
# the Unicode version Python ships.
def _enclosed_letters() -> dict[int, str]:
    table = {}
    for cp in range(0x1F100, 0x1F200):
        ch = chr(cp)
        name = unicodedata.name(ch, "")
        head, _, letter = name.rpartition(" ")
        if head.endswith("LETTER") and len(letter) == 1 and unicodedata.normalize("NFKC", ch) == ch:
            table[cp] = letter.lower()
    return table


class _FoldTable(dict[int, "str | int | None"]):
    """The step 2 table: fixed entries (accents, invisibles, look-alikes, enclosed letters) and,
    for any other non-ASCII code point, a rule by Unicode category computed on first sight.

    Categories rather than lists: control, format and surrogate code points are dropped (they are
    invisible, so they only ever split a word), and punctuation, symbols and separators of every
    script become spaces (so `g★o★r★e` is split letters the join step puts back together). ASCII is
    left to `_ASCII_TABLE`, which keeps the leet symbols. The cache is bounded: past the limit a
    rule is computed each time instead of stored.
    """

    _LIMIT = 50_000

    def __missing__(self, cp: int) -> str | int | None:
        value: str | int | None = cp
        if cp >= 0x80:
            category = unicodedata.category(chr(cp))
            if category in ("Cc", "Cf", "Cs"):
                value = " " if chr(cp).isspace() else None
            elif category[0] in "PSZ":
                value = " "
        if len(self) < self._LIMIT:
            self[cp] = value
        return value


# ASCII punctuation that becomes a space (the leet symbols @ $ ! | are kept for the leet step),
# white-space controls that become a space, and the other controls, which are dropped.
_ASCII_PUNCT = "\"#%&'()*+,-./:;<=>?[\\]^_`{}~\t\n\r\x0b\x0c"
_SYMBOLS = "@$!|"


def _build_tables() -> tuple[_FoldTable, dict[int, str | None], dict[int, str]]:
    """(fold table, ASCII table, leet-symbol table)."""
    fold = _FoldTable()
    for lo, hi in _ACCENT_RANGES + _INVISIBLE_RANGES:
        for cp in range(lo, hi + 1):
            fold[cp] = None
    for src, dst in _HOMOGLYPHS.items():
        fold[ord(src)] = dst
    fold.update(_enclosed_letters())
    ascii_table: dict[int, str | None] = {cp: None for cp in (*range(0x20), 0x7F)}
    ascii_table.update((ord(ch), " ") for ch in _ASCII_PUNCT)
    return fold, ascii_table, {ord(ch): " " for ch in _SYMBOLS}


_FOLD_TABLE, _ASCII_TABLE, _SYMBOL_TABLE = _build_tables()

# --- step 4: leetspeak -------------------------------------------------------------------------

_LEET_COMMON = {
    "0": "o",
    "3": "e",
    "4": "a",
    "5": "s",
    "7": "t",
    "8": "b",
    "9": "g",
    "@": "a",
    "$": "s",
    "!": "i",
}
LEET_PRIMARY = str.maketrans({**_LEET_COMMON, "1": "i", "|": "l"})
# "1" and "|" stand for either i or l; texts that use them are also matched with this reading.
LEET_SECONDARY = str.maketrans({**_LEET_COMMON, "1": "l", "|": "l"})

_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789" + _SYMBOLS)
_LEET_CHAR = re.compile(r"[0-9@$!|]")
_WORD_REST = re.compile(r"[a-z0-9@$!|]*")
_HAS_LETTER = re.compile(r"[a-z]")
_LETTERS = re.compile(r"[a-z]")


def _leet(text: str, table: dict[int, str], ambiguous: list[bool]) -> str:
    """Translate leet characters inside words that also contain a letter.

    Found from the (few) leet characters outward rather than by a word regex over the whole text:
    a benign prompt pays for one character-class scan only. A trailing symbol ("wow!") and more
    than one leading symbol are punctuation, not letters. `ambiguous` is set when a translated word
    of two or more letters used "1" or "|" (read as i here, as l in the second reading).
    """
    parts: list[str] = []
    done = 0  # text[:done] is already in parts
    for match in _LEET_CHAR.finditer(text):
        pos = match.start()
        if pos < done:
            continue
        start = pos
        while start > 0 and text[start - 1] in _WORD_CHARS:
            start -= 1
        end = _WORD_REST.match(text, pos).end()
        word = text[start:end]
        core = word.rstrip(_SYMBOLS)
        stripped = core.lstrip(_SYMBOLS)
        if len(core) - len(stripped) > 1:
            core = stripped
        if _HAS_LETTER.search(core) and _LEET_CHAR.search(core):
            offset = word.index(core)
            parts.append(text[done : start + offset])
            if ("1" in core or "|" in core) and len(_LETTERS.findall(core)) >= 2:
                ambiguous[0] = True
            parts.append(core.translate(table))
            parts.append(text[start + offset + len(core) : end])
            done = end
        else:
            parts.append(text[done:end])
            done = end
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


# --- steps 3 and 6: split letters --------------------------------------------------------------

_RUNS = re.compile(r"(.)\1\1+", re.S)  # spelled so, not \1{2,}: three times faster in sre
# Roman numerals with a tripled letter are words, not stretched letters: "king charles iii" must
# not read "king charles i", and "xxx" stays what it says; so does "kkk", the Klan's initials.
_KEPT_TRIPLES = re.compile(r"\b(?:x{0,2}v?iii|xxx(?:v?i{0,3}|iv|ix)?|kkk)\b")


def _squeeze(text: str, pairs: bool, ambiguous: list[bool]) -> str:
    """Runs of three or more of a letter become one ("nuuude" -> "nude"), or two with `pairs`
    ("offfff" -> "off"), roman numerals aside. A run of letters sets `ambiguous[2]`."""
    keep = r"\1\1" if pairs else r"\1"
    if "iii" in text or "xxx" in text or "kkk" in text:
        parts, last = [], 0
        for m in _KEPT_TRIPLES.finditer(text):
            parts.append(_squeeze_runs(text[last : m.start()], keep, ambiguous))
            parts.append(m.group())
            last = m.end()
        parts.append(_squeeze_runs(text[last:], keep, ambiguous))
        return "".join(parts)
    return _squeeze_runs(text, keep, ambiguous)


# "มือ|ออก" (a hand, out): the vowel "ือ" ends in the letter that begins "ออก", three in a row that
# are two words ("ยื่นมือออกมา"), not one drawn out; a run starting right after that vowel stays.
_THAI_RUNS = re.compile(r"(?!(?<=\u0e37)\u0e2d)(.)\1\1+", re.S)


def _squeeze_runs(text: str, keep: str, ambiguous: list[bool]) -> str:
    runs = _THAI_RUNS if "\u0e37\u0e2d\u0e2d" in text else _RUNS
    if not ambiguous[2] and any(m.group(1).isalpha() for m in runs.finditer(text)):
        ambiguous[2] = True
    return runs.sub(keep, text)


_ANY_RUN = re.compile(r"(.)\1*", re.S)
# One-letter English words: "a g o r e" is also read as "a" followed by "gore".
_ONE_LETTER_WORDS = ("a", "i")
# The letter an apostrophe leaves ("man's", "don't") right before letters split by spaces or
# symbols: glued back to its word, or "the man's g e n i t a l s" would join as "sgenitals" and
# "a man's p*e*n*i*s" as "spenis".
_CLITIC_BEFORE_SPLIT = re.compile(
    r"(?<=[^\W_])['\u2019]([^\W_]) (?=[^\W_](?:\W|_)[^\W_](?:\W|_)[^\W_](?![^\W_]))"
)
# Symbols that decorate a word from inside rather than separate two ("blo*ody", "dis*mem*ber*ment",
# "sla🩸ugh🩸ter"): stars, tildes, carets, hashes, plus and equals signs, bullets and dots, emoji.
# Hyphens, apostrophes, dots and slashes are left to separate words ("x-ray", "rock'n'roll").
# A run of them must have two letters on one side: between single letters ("g*o*r*e") they are
# separators, left to the split-letter join like any other.
_ASCII_INSIDE = re.compile(r"(?<=[a-z]{2})[*~^#+=]+(?=[a-z])|(?<=[a-z])[*~^#+=]+(?=[a-z]{2})")
_SYMBOL_INSIDE = r"(?:[*~^#+=\u2022\u00b7\u2027\u2219\u22c5\u2600-\u27bf]|[\U0001f300-\U0001faff])+"
_SYMBOL_PROBE = re.compile(_SYMBOL_INSIDE)
_INSIDE = re.compile(
    rf"(?<=[^\W\d_]{{2}}){_SYMBOL_INSIDE}(?=[^\W\d_])|(?<=[^\W\d_]){_SYMBOL_INSIDE}(?=[^\W\d_]{{2}})"
)
# Punctuation, symbols, underscores and invisible characters (anything but letters, digits, spaces
# and Thai marks) standing between two Thai letters or marks ("ส_วั_ส_ดิ_กะ").
_THAI_SPLIT = re.compile(r"(?<=[\u0e01-\u0e4e])(?:[^\w\s\u0e00-\u0e7f]|_)+(?=[\u0e01-\u0e4e])")
# Thai typing slips. A space before a vowel or tone mark, which never starts a word: the space
# only parts it from the consonant or the vowel mark it sits on ("ม ุ ส ลิ ม", "ผ ู ้ ห ญิ ง");
# and a tone mark typed after SARA AA, where it never sits ("ฆา่" for "ฆ่า", which renders the
# same on many screens). The probes start with a literal, which the regex engine finds fast
# (about 2 µs each on 500 characters).
_THAI_MARK_AFTER_SPACE_PROBE = re.compile(" [\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
_THAI_MARK_AFTER_SPACE = re.compile(
    r"(?<=[\u0e01-\u0e2e\u0e31\u0e34-\u0e3a]) (?=[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])"
)
_THAI_LATE_TONE_PROBE = re.compile("\u0e32[\u0e48-\u0e4b]")
_THAI_LATE_TONE = re.compile("(?<=[\u0e01-\u0e2e])\u0e32([\u0e48-\u0e4b])(?![\u0e48-\u0e4b])")
# And a vowel or tone mark typed twice or more ("ต่างด้้าว" for "ต่างด้าว"): stacked on itself it
# renders as one on many screens, and Thai never writes it so.
_THAI_DOUBLED_MARK = re.compile(r"([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\1+")


def _thai_typing(text: str) -> str:
    """`text` with the slips mended (the same text when it has none)."""
    if _THAI_MARK_AFTER_SPACE_PROBE.search(text):
        text = _THAI_MARK_AFTER_SPACE.sub("", text)
    if _THAI_LATE_TONE_PROBE.search(text):
        text = _THAI_LATE_TONE.sub("\\1\u0e32", text)
    return _THAI_DOUBLED_MARK.sub("\\1", text)


# Three or more single letters or digits separated by spaces: "k i l l", "g 0 r e" (every other
# separator is a space by now). The literal leading space lets the regex engine skip quickly to
# candidate positions.
# A unit is one letter or digit, with the Thai vowel and tone marks written on it ("ร ะ เ บิ ด"),
# and SARA AM, a vowel typed after its consonant and its marks ("ค น ดำ").
_UNIT = r"[^\W_][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]{0,2}\u0e33?"
_SPLIT_PROBE = re.compile(f" {_UNIT} {_UNIT} {_UNIT} ")
# Where a spelled word ends: a comma, semicolon or colon, or a punctuation mark standing alone
# between spaces ("r*e*f*u*g*e*e*s = p*a*r*a*s*i*t*e*s"). When a text with one has split letters,
# it is read again with each such break marked by `_LIST_BREAK` (non-ASCII), which a run of units
# may hold and `_split_joiner` splits the run at ("g-o-r-e, i.n.t.e.s..." is two words). Only
# then: a non-ASCII mark would cost every prompt with a comma the slower non-ASCII steps. Symbols
# are left out, enclosed letters among them ("⒝⒪⒪⒝⒮" is a word); so is a plain space between two
# spellings, which may be one name ("Y.o.o.n S.u.k-y.e.o.l").
_WORD_END = re.compile(r"[,;:]\s+|\s+[-!\"#$%&'()*+./:;<=>?@\[\\\]^_`{|}~\u2013\u2014]+\s+")
_LIST_BREAK = "\ue000"
_SPLIT_UNITS = re.compile(rf"(?<!\S){_UNIT}(?: (?:{_UNIT}|{_LIST_BREAK})(?!\S)){{2,}}")
_MARKED_PROBE = re.compile(f" {_UNIT}(?: {_LIST_BREAK})? {_UNIT}(?: {_LIST_BREAK})? {_UNIT} ")
# The same with the leet symbols as units too ("n @ k e d"), run only when the text has one.
_SYMBOL_UNITS = re.compile(r"(?<!\S)(?:[^\W_]|[@$!|])(?: (?:[^\W_]|[@$!|])(?!\S)){2,}")
# Letters split by one leet symbol repeated, with no spaces: "g|o|r|e", "k!i!l!l". Read as
# separators, not as leet letters ("glolrle").
_ALTERNATING = re.compile(r"(?<![^\W_])[^\W_]([@$!|])[^\W_](?:\1[^\W_])+(?![^\W_])")


# Words spelled out letter by letter with a wider gap between the words ("t h e  E t e r n a l  J e w",
# "I s l a m  i s  n o t  w e l c o m e"): each word is joined on its own before the gaps are
# collapsed, so the words stay words; joined as one run they would read "theeternaljew", which no
# phrase matches. A run starts only where no single letter and one space stand before it, so a
# long run of single letters is scanned once, not once from each of its letters; a whole word may
# stand before it ("a sign N O   J E W S": "no" is the first spelled word).
_SPACED_WORDS = re.compile(
    r"(?<![^\W_])(?<!(?<![^\W_])[^\W_] )[^\W_](?: [^\W_])*(?: {2,}[^\W_](?: [^\W_])*)+(?![^\W_])"
)


_WIDE_GAP = re.compile(" {2,}")
_LONGEST_SPELLED_WORD = 30  # letters; the longest lexicon words have about twenty

# A word spelled out with hyphens ("g-a-s t-h-e j-e-w-s"): each is joined on its own first, so the
# single spaces between such words stay word breaks; once the hyphens became spaces, the whole
# line would be one run of single letters ("gasthejews"). Once one word of three letters or more
# is spelled so, shorter ones are words too ("K-i-m J-o-n-g U-n"). Hyphens only: dots end
# sentences, and the scan (about 18 µs on 500 characters) runs only on a prompt with four hyphens
# or more.
_HYPHEN_SPELLED = re.compile(r"(?<![^\W_])[^\W_](?:-[^\W_]){2,}(?![^\W_])")
# A hyphen inside a word spelled with dots ("s.e.l.f-h.a.r.m") is that word's own hyphen: left to
# the split-letter join, which reads the whole run ("selfharm"), not joined into "fh".
_HYPHEN_SPELLED_ANY = re.compile(r"(?<![^\W_])(?<![^\W_]\.)[^\W_](?:-[^\W_])+(?![^\W_])(?!\.[^\W_])")


def _joined_without(mark: str) -> Callable[[re.Match[str]], str]:
    """A substitution that joins a spelled or chunked word by dropping `mark` from it."""

    def join(match: re.Match[str]) -> str:
        return match.group().replace(mark, "")

    return join


_join_hyphen_spelled = _joined_without("-")


def _spaced_words_joiner(ambiguous: list[bool], stripped_first: bool) -> Callable[[re.Match[str]], str]:
    def join(match: re.Match[str]) -> str:
        spelled = _WIDE_GAP.split(match.group())
        groups = [group.replace(" ", "") for group in spelled]
        if max(map(len, groups)) < 3:
            return match.group()  # "A  B  C", "x y  z": no word spelled out
        first = spelled[0].split(" ")
        lead = first[0].lower()
        if 4 <= len(first) <= _LONGEST_SPELLED_WORD and (lead in _ONE_LETTER_WORDS or lead == "x"):
            # As in a single run (`_join_units`): a leading "a" or "i" may be a word ("a w h i t e
            # p o w e r") or the name's own letter ("A n d r e w  T a t e"), a leading "x"
            # decoration or the name's own ("X a v i e r"), so the first word is read both ways,
            # an article kept as a word; the other form puts the other reading next to the
            # words that follow. A longer run is no spelled word: a copy would only add text.
            rest = groups[0][1:]
            stripped = rest if lead == "x" else f"{first[0]} {rest}"
            ambiguous[1] = True
            groups[0] = f"{stripped} {groups[0]}" if stripped_first else f"{groups[0]} {stripped}"
        return " ".join(groups)

    return join


def _unalternate(match: re.Match[str]) -> str:
    return match.group().replace(match.group(1), " ")


def _join_units(units: list[str], table: dict[int, str], ambiguous: list[bool], stripped_first: bool) -> str:
    """The readings of one run of split units, space-separated: the units joined, the units
    joined without their leet symbols (which may have been separators: "g | o | r | e"), and each
    of those with a leading one-letter word set apart as a word ("a disease"). Several words for
    one run cost nothing in the matcher and spare guessing which reading was meant. Only the last
    reading stands next to the words that follow, which a phrase may need ("an a-n-t-i...
    caricature" and "a s-w-a-s... flag" each need another one there): a run with a
    one-letter-word reading sets `ambiguous[1]`, and the second form (`stripped_first`) puts the
    other reading last."""
    readings = ["".join(units)]
    if any(u in _SYMBOLS for u in units):
        readings.append("".join(u for u in units if u not in _SYMBOLS))
    if (units[0] in _ONE_LETTER_WORDS or units[0] == "x") and len(units) >= 4:
        # A leading "a" or "i" may be a word; a leading "x" is decoration ("x p o r n x"), and an
        # article may stand before it ("a x O b a m a"): read without both too.
        cuts = (1, 2) if units[1] == "x" and len(units) >= 5 else (1,)
        stripped = [r[cut:] for cut in cuts for r in readings if len(r) >= 3 + cut]
        if cuts == (1,) and units[0] != "x":
            # The article is kept as a word before the rest, so a phrase that needs it still
            # matches ("gay people a d i s e a s e" reads "a disease" as well as "adisease").
            stripped = [f"{units[0]} {r}" for r in stripped]
        if units[cuts[-1] - 1] == units[-1] == "x":  # "x p o r n x"; but "x s e x" ends in its own x
            stripped += [r[:-1] for r in stripped if len(r) >= 4]
        if stripped:
            ambiguous[1] = True
            readings = [*stripped, *readings] if stripped_first else [*readings, *stripped]
    elif units[-1] in _ONE_LETTER_WORDS and len(units) >= 5:
        # A trailing "a" or "i" may be the next word ("k i l l a man", "t.e.r.r.o.r.i.s.m', a
        # veiled woman"): read also without it, the letter kept as a word after it, so the word
        # stands next to what precedes it in one form and next to what follows it in the other.
        trailing = [f"{r[:-1]} {r[-1]}" for r in readings]
        ambiguous[1] = True
        readings = [*trailing, *readings] if stripped_first else [*readings, *trailing]
    out = []
    for reading in dict.fromkeys(readings):
        if _LEET_CHAR.search(reading):
            reading = _leet(reading, table, ambiguous)
        out.append(reading)
    for reading in out[:]:
        words = _run_on_words(reading)
        if len(words) > 1 and (split := " ".join(words)) not in out:
            out.append(split)
    return " ".join(out)


# Words spelled out with the same single gap between words as between letters ("E m m a W a t s o n
# n u d e") join into one run ("emmawatsonnude") that no lexicon line names. A run this long is
# also read as the English words it splits into by word frequency ("emma watson nude"); a run that
# is one word ("therapist", "holocaust") stays whole. The split costs about 13 µs a letter, so a
# run longer than a spelled-out phrase (64 letters) is left as one run.
_RUN_ON_MIN, _RUN_ON_MAX = 8, 64


def _run_on_words(reading: str) -> list[str]:
    if not _RUN_ON_MIN <= len(reading) <= _RUN_ON_MAX or not (reading.isascii() and reading.isalpha()):
        return [reading]
    return _english_splitter()(reading)


@functools.cache
def _english_splitter() -> Callable[[str], list[str]]:
    # Imported when a term index is built (`warm_word_splitter`), not at import: loading its
    # word-frequency model takes a fifth of a second.
    import wordninja

    return wordninja.split


def english_words() -> Container[str]:
    """The splitter's English vocabulary (about 126,000 words and names by frequency): two words
    that are both in it are two words, not a misspelt two-word name ("Santa Maria", "tailor
    shift"; see fuzzy.py). Its own table, not a copy: the model is loaded anyway."""
    import wordninja

    _english_splitter()
    # wordninja keeps its vocabulary as the word-cost table of its default model and offers no
    # other way to it; the table's keys are exactly the words of its shipped word list.
    return wordninja.DEFAULT_LANGUAGE_MODEL._wordcost.keys()


def warm_word_splitter() -> None:
    """Load the English word splitter now, so that a broken install fails at start-up rather than
    on the first spelled-out prompt, and that prompt does not pay for the load."""
    _english_splitter()


def _split_joiner(
    table: dict[int, str], ambiguous: list[bool], symbols: bool, stripped_first: bool = False
) -> Callable[[re.Match[str]], str]:
    def join(match: re.Match[str]) -> str:
        return join_run(match.group())

    def join_run(run: str) -> str:
        units = run.split(" ")
        if _LIST_BREAK in units:
            trailing = ""
            if units[-1] == _LIST_BREAK:
                units, trailing = units[:-1], f" {_LIST_BREAK}"
            words = " ".join(units).split(f" {_LIST_BREAK} ")
            if len(words) > 1 and all(word.count(" ") >= 2 for word in words):
                # Words spelled out, one per list item ("g o r e, b l o o d"): each joined alone.
                return " ".join(join_run(word) for word in words) + trailing
            # Single letters in a list ("k, i, l, l"): one word, as without the commas.
            units = [unit for unit in units if unit != _LIST_BREAK]
            run = " ".join(units)
            if len(units) < 3:
                return run + trailing
            return join_run(run) + trailing
        # A Thai unit is a letter with its marks ("ขี้"), which str.isalpha rejects as a whole.
        letters = sum(u[:1].isalpha() for u in units)
        # "1 2 3", "1 2 a": not a word spelled out. Four units or more with a letter among them
        # are: leet digits stand for the other letters ("9 4 y 5", "8 1 l 3 5").
        if letters < 1 or (letters < 2 and len(units) < 4):
            return run
        if symbols and not any(u in _SYMBOLS for u in units):
            return run  # left to the join after the leet step, which sees it the same
        return _join_units(units, table, ambiguous, stripped_first)

    return join


# Midjourney's "--no" and the "--neg" some front ends take for a negative prompt.
_NO_PARAMETER = re.compile(r"(?<![\w-])--(?:no|neg|negative)(?=\s)")
# Negative-prompt labels, Thai's transliterated "เนกาทีฟ:" among them.
_NEGATIVE_LABEL = re.compile(
    r"\b(?:(?:negatives?|neg|เนกาทีฟ)(?: ?(?:prompts?|พรอมต์|พรอมท์))?"
    r"|undesired(?: content)?|do not include|don'?t include)\s*:",
    re.IGNORECASE,
)
# Labels that end such a list ("DO INCLUDE:", "Tags:" after "Undesired content:"; "ภาพ:", the
# picture, after "เนกาทีฟ:"; a bare "prompt:" after "negative prompt: cartoon, blur |").
_POSITIVE_LABEL = re.compile(
    r"\b(?:positive(?: prompts?)?|prompts?|do include|(?:main )?tags|ภาพ|พรอมต์|พรอมท์)\s*:", re.IGNORECASE
)
# Labels that rule out what follows them up to the end of their sentence ("Exclude: blood, injury,
# weapons, nudity. Subject: ..."; "Unwanted: nudity, blood. Desired: ..."): read as a negative prompt
# closed by a positive one where the sentence ends.
_EXCLUSION_LABEL = re.compile(
    r"\b(?:exclude[ds]?|exclusions?|unwanted|avoid|not wanted|never include|do not show|don'?t show)"
    # "Exclude all of the following:", "Avoid these:".
    r"(?:\s+(?:all|any|of|the|these|those|following|items|things|elements)){0,4}\s*:([^.;|\n]*)",
    re.IGNORECASE,
)
# A word of each such label, checked before the label's regex runs.
_EXCLUSION_WORDS = ("exclu", "wanted", "avoid", "t show", "include")
# A negative weight: Midjourney's "gore::-1" and Stable Diffusion's "(gore:-1.5)" ask for no gore
# ("gore none" once normalised).
_NEGATIVE_WEIGHT = re.compile(r"::?\s*-\s*\d+(?:\.\d+)?")
# Applied before NFKC. Prohibition signs as list markers ("🚫 blood 🚫 weapons", "❌ gore"): each
# reads "no". Parenthesized letters ("⒦⒤⒧⒧ ⒢⒜⒴⒮"): their plain letter, since NFKC would write
# each as "(k)" and the brackets, turned into spaces, would make the gap inside a word as wide as
# the one between words ("killgays").
_BEFORE_NFKC = str.maketrans(
    dict.fromkeys("\U0001f6ab\u274c\u26d4\u2716\u2717\u2718\u274e\U0001f645", " no ")
    | {cp: chr(ord("a") + cp - 0x249C) for cp in range(0x249C, 0x24B6)}
)


def _normalize(
    text: str,
    secondary: bool,
    ambiguous: list[bool],
    stripped_first: bool = False,
    pairs: bool = False,
    marked: bool = False,
) -> str:
    """`ambiguous` is [a word reads two ways in leet, a split run reads two ways, letters were
    squeezed]: set here.
    `pairs`: runs of three or more become two, not one (see `_forms`).
    `marked`: the list breaks are marked (see `_LIST_BREAK`)."""
    original = text
    if "'" in text or "\u2019" in text:
        text = _CLITIC_BEFORE_SPLIT.sub(r"\1 ", text)
    if "  " in text:
        text = _SPACED_WORDS.sub(_spaced_words_joiner(ambiguous, stripped_first), text)
    if text.count("-") >= 4 and _HYPHEN_SPELLED.search(text):
        text = _HYPHEN_SPELLED_ANY.sub(_join_hyphen_spelled, text)
    if ":" in text:
        # "Negative:" with its colon is a label (the colon is gone once normalised): what follows
        # it lists what must not appear, as after "negative prompt:" (negation.py). Most colons are
        # parameters ("--ar 16:9"): the label scan (about 30 µs on 500 characters) runs only when
        # a word of a label is there.
        lowered = text.lower()
        if "neg" in lowered or "undesired" in lowered or "include" in lowered or "เนกา" in lowered:
            text = _NEGATIVE_LABEL.sub(" negative prompt ", text)
            if "negative prompt" in text:
                text = _POSITIVE_LABEL.sub(" positive prompt ", text)
        if any(word in lowered for word in _EXCLUSION_WORDS):
            text = _EXCLUSION_LABEL.sub(r" negative prompt \1 positive prompt ", text)
        if "::" in text or ":-" in text or ": -" in text:
            text = _NEGATIVE_WEIGHT.sub(" none ", text)
    if " & " in text:
        # An ampersand between words reads "and" ("Naked & Famous", a cocktail); inside a word it
        # stays a separator ("n&u&d&e").
        text = text.replace(" & ", " and ")
    if "--no" in text or "--neg" in text:
        # Midjourney's "--no blood, gore" parameter is a negative prompt: what follows it must not
        # appear. Once the dashes are gone it would read as the plain "no", which takes no list.
        text = _NO_PARAMETER.sub(" negative prompt ", text)
    ascii_text = text.isascii()
    if ascii_text:
        text = text.lower()
        if "*" in text or "~" in text or "^" in text or "#" in text or "+" in text or "=" in text:
            text = _ASCII_INSIDE.sub("", text)
    else:
        text = unicodedata.normalize("NFKC", text.translate(_BEFORE_NFKC)).casefold()
        # Thai is written without spaces inside a phrase, so a symbol between two Thai letters
        # ("ตุ๊/ด", "ระ.เบิด") only hides a word: it is removed, not turned into a space; so is a
        # decorating symbol or emoji inside a word of any script ("sla🩸ugh🩸ter", "blo*ody").
        text = _THAI_SPLIT.sub("", text)
        text = _INSIDE.sub("", text)
        text = unicodedata.normalize("NFKD", text).translate(_FOLD_TABLE)
        if "\u0e4d\u0e32" in text:
            # NFKD splits the Thai vowel SARA AM (ำ) into NIKHAHIT + SARA AA; put it back, or word
            # segmentation reads "ทำร้าย" as pieces and negation and rule windows go wrong.
            text = text.replace("\u0e4d\u0e32", "\u0e33")
    text = " ".join(text.translate(_ASCII_TABLE).split())
    table = LEET_SECONDARY if secondary else LEET_PRIMARY
    # Four substring tests: far cheaper than one character-class scan over a long prompt.
    symbols = "|" in text or "@" in text or "$" in text or "!" in text
    if symbols:
        # Before the leet step, which would read a separator "|" or a lone "@" as a letter.
        text = _ALTERNATING.sub(_unalternate, text)
        if _SYMBOL_UNITS.search(text):
            text = _SYMBOL_UNITS.sub(_split_joiner(table, ambiguous, True, stripped_first), text)
    if _LEET_CHAR.search(text):
        text = _leet(text, table, ambiguous)
    if symbols:
        text = " ".join(text.translate(_SYMBOL_TABLE).split())
    if not ascii_text and _SYMBOL_PROBE.search(text):
        # A control character removed or a digit read as a letter since can leave a decorating
        # symbol inside a word ("aa\x1f🢲a", "0a🢲a"): removed now, or reading the result again
        # would give another text. The probe costs a few µs; the removal, several times that.
        text = _INSIDE.sub("", text)
    if not ascii_text:
        # Before the split join, which needs a letter and its marks together.
        text = _thai_typing(text)
    before = text
    if _RUNS.search(text):
        text = _squeeze(text, pairs, ambiguous)
    if (_MARKED_PROBE if marked else _SPLIT_PROBE).search(f" {text} "):
        if not marked and _WORD_END.search(original):
            marks = _WORD_END.sub(f" {_LIST_BREAK} ", original)
            return _normalize(marks, secondary, ambiguous, stripped_first, pairs, marked=True)
        text = _SPLIT_UNITS.sub(_split_joiner(table, ambiguous, False, stripped_first), text)
        if _RUNS.search(text):
            text = _squeeze(text, pairs, ambiguous)
    if marked and _LIST_BREAK in text:
        text = " ".join(text.replace(_LIST_BREAK, " ").split())
    if not ascii_text and text != before:
        mended = _thai_typing(text)
        if mended != text:
            # A join or a squeeze made a slip ("ก า่" joined, "กาาา่" squeezed): mended, the text
            # may read differently to the steps before, so it is normalised again, which keeps
            # normalize idempotent. Each mend removes a space or moves a mark forward: this ends.
            return _normalize(mended, secondary, ambiguous, stripped_first, pairs)
    return text


def normalize(text: str, *, secondary_leet: bool = False) -> str:
    """Return the matching form of `text` (idempotent: normalize(normalize(x)) == normalize(x))."""
    return _normalize(text, secondary_leet, [False, False, False])


def term_variants(term: str, common: frozenset[str] = frozenset()) -> set[str]:
    """Matching forms of one lexicon term.

    The text side squeezes runs of three or more letters to one, so a doubled letter in a term may
    reach the matcher single ("killll" -> "kil") or double ("kiiill" -> "kill"): both are indexed.
    A word is not indexed squeezed when that spelling is a word of its own (`common`), or one
    letter: "top off" would match "on top of", "teen" every "ten", "ss runes" any "s".
    """
    base = normalize(term)
    per_word: list[list[str]] = []
    for word in base.split(" "):
        runs = [m.group() for m in _ANY_RUN.finditer(word)]
        options = [(run, run[0]) if len(run) == 2 and run[0].isalpha() else (run,) for run in runs]
        spellings = ["".join(choice) for choice in itertools.product(*options)]
        per_word.append([w for w in spellings if w == word or (len(w) > 1 and w not in common)])
    if math.prod(len(w) for w in per_word) > 16:  # 16 variants at most
        per_word = [[w[0]] for w in per_word]
    variants = {" ".join(choice) for choice in itertools.product(*per_word)}
    # Multi-word terms also match written together ("elonmusk", or split letters joined back).
    variants |= {v.replace(" ", "") for v in variants}
    # A form shorter than three letters would match everywhere ("kkk" squeezes to "k"); Thai
    # words are short by nature and are kept.
    return {v for v in variants if len(v) >= 3 or (v and not v.isascii())}


def variants(text: str) -> list[str]:
    """The matching forms of a prompt: `normalize(text)`, plus the second leet reading ("1" and
    "|" as l rather than i) when a word used one of them and so reads two ways ("k1ll"), plus the
    split-letter readings in the other order when a run may start with "a" or "i" (see
    `_join_units`), plus the same for each of `_other_readings` (the text as displayed when a
    right-to-left override reverses part of it, and with only its first word reversed when the
    override is never popped, its underscore chunks, hyphenated syllables and
    dot-spelled words joined, its word dots as spaces)."""
    forms = _forms(text)
    for reading in _other_readings(text):
        forms.extend(f for f in _forms(reading) if f not in forms)
    return forms


def _other_readings(text: str) -> list[str]:
    """The text as displayed, with its chunks, syllables or dot-spelled words joined, with its word
    dots as spaces:
    each only when the text has what it undoes, checked cheaply first (a plain ASCII prompt
    without such hyphens or dotted spellings gets none)."""
    readings = _override_readings(text) if "\u202e" in text else []
    if "_" in text and _CHUNK_PROBE.search(text):
        readings.append(_CHUNKED.sub(_unchunk, text))
    if "-" in text and _SYLLABLE_PROBE.search(text):
        joined = _SYLLABLES.sub(_join_syllables, text)
        if joined != text:
            readings.append(joined)
    if not text.isascii() and _WORD_DOT.search(text):
        readings.append(_WORD_DOT.sub(" ", text))
    if "." in text:
        # Words spelled out with dots, then words cut into syllables by them; a probe can pass
        # where the full pattern finds nothing to join, and an unchanged text is no new reading.
        for probe, dotted in ((_DOT_SPELLED_PROBE, _DOT_SPELLED), (_DOTTED_SYLLABLE_PROBE, _DOTTED_SYLLABLES)):
            if probe.search(text):
                joined = dotted.sub(_join_dot_spelled, text)
                if joined != text:
                    readings.append(joined)
    return readings


def _override_readings(text: str) -> list[str]:
    """The readings of a text with a right-to-left override: as displayed, then, when an override
    is never popped, with only its first word reversed. The last is the one its writer meant
    (`meant_reading`)."""
    shown = _RLO.sub(_reverse, text)
    # An override never popped reverses the whole rest of the line on screen, but writers who
    # leave it open mean the one word they reversed: "hot \u202exes on the hood" shows as
    # "hot ...dooh eht no sex", whose "no" would rule out the word they hid.
    first_word = _RLO_OPEN_WORD.sub(_reverse, text)
    return [shown] if first_word in (text, shown) else [shown, first_word]


def meant_reading(text: str) -> str:
    """The text as its writer meant it to be read: with a right-to-left override undone as the
    reader sees it (see `_override_readings`), else the text itself."""
    return _override_readings(text)[-1] if "\u202e" in text else text


# A word cut into chunks by underscores ("ho_mo_sex_u_als") is also read with the chunks joined;
# two cuts at least ("snake_case" stays two words). Dots are read below, behind probes that start
# with a literal dot followed by a letter, as a sentence's full stop is followed by a space;
# single letters split by dots are joined already (step 6).
_CHUNK_PROBE = re.compile(r"(?<=[^\W_])_[^\W_]+_(?=[^\W_])")
_CHUNKED = re.compile(r"(?<![^\W_])[^\W_]+(?:_[^\W_]+){2,}(?![^\W_])")
# Middle dots and bullets inside a word are dropped ("dis·mem·ber·ment", see _INSIDE), and so are
# zero-width characters (step 2); the same characters between whole words ("Taylor·Swift·and",
# "gay\u2060people\u2060are\u2060sick") also get the reading with spaces.
_WORD_DOT = re.compile("[\u00b7\u2022\u2027\u2219\u22c5\u200b-\u200d\u2060-\u2064\ufeff]")


_unchunk = _joined_without("_")


# Two or more words spelled out with dots and parted by plain spaces ("J.e.w.s c.o.n.t.r.o.l the
# media") are also read each joined on its own. Step 6 joins all the letters of such a line into
# one run ("jewscontrol"), which a name spelled so needs ("Y.o.o.n S.u.k-y.e.o.l"); a phrase needs
# its words apart. A word spelled alone is read right already and gets no second reading. Three
# letters at least, so "e.g." stays; the probe (one spelled word's end, spaces, the next one's
# start) begins with a literal dot, which the regex engine finds fast.
_DOT_SPELLED_PROBE = re.compile(r"\.[^\W_] +[^\W_]\.[^\W_]")
_DOT_SPELLED = re.compile(r"(?<![^\W_.])[^\W_](?:\.[^\W_]){2,}(?![^\W_])")
_join_dot_spelled = _joined_without(".")
# A word cut into syllables by dots ("be.head.ing", "slaugh.ter.ed") is also read with them joined,
# as hyphens are below: three pieces of letters at least, the first of two letters or more, so
# "e.g." and "U.S.A." stay as step 6 reads them. Web addresses and file names ("www.site.com",
# "photo.v2.png") join into no listed word. The probe's dot is a literal the regex engine finds fast.
_DOTTED_SYLLABLE_PROBE = re.compile(r"\.[^\W\d_]+\.[^\W\d_]")
_DOTTED_SYLLABLES = re.compile(
    r"(?<![\w.])(?=[^\W\d_.]*[^\W\d_]{2})[^\W\d_]+(?:\.[^\W\d_]+){2,}(?![\w.])"
)


# A word cut into syllables by hyphens ("mas-sa-cre", "be-head-ing", "su-prem-a-cy") is also read
# with them joined: three pieces of letters at least, so "x-rated" and "self-harm" stay as they
# are. English joins whole words with hyphens too ("state-of-the-art", "mother-in-law",
# "twenty-five-year-old"): a chain with a piece that is one of those joining words is left alone,
# which spares such prompts a second scan (joined, such a chain is no word a lexicon lists).
_SYLLABLE_PROBE = re.compile(r"[^\W\d_]-[^\W\d_]+-[^\W\d_]")
_SYLLABLES = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+){2,}(?![\w-])")
_JOINING_WORDS = frozenset(
    "and as at by for from in into of off on or out over the to up with year years old day kind".split()
)


def _join_syllables(match: re.Match[str]) -> str:
    pieces = match.group().split("-")
    # Single letters ("K-i-m") are the spelled-word join's (_HYPHEN_SPELLED), which keeps words apart.
    if max(map(len, pieces)) == 1 or any(piece.lower() in _JOINING_WORDS for piece in pieces):
        return match.group()
    return "".join(pieces)


def _forms(text: str) -> list[str]:
    ambiguous = [False, False, False]
    forms = [_normalize(text, False, ambiguous)]
    if ambiguous[0]:
        secondary = _normalize(text, True, [False, False, False])
        if secondary not in forms:
            forms.append(secondary)
    if ambiguous[1]:
        other_order = _normalize(text, False, [False, False, False], stripped_first=True)
        if other_order not in forms:
            forms.append(other_order)
    if ambiguous[2]:
        # A stretched word squeezed to one letter may land on another word ("offfff" -> "of",
        # "teeeen" -> "ten"), which the index leaves out (term_variants): it is read with two too.
        doubled = _normalize(text, False, [False, False, False], pairs=True)
        if doubled not in forms:
            forms.append(doubled)
    return forms


# A right-to-left override (U+202E) displays what follows it reversed, up to a pop (U+202C) or the
# end of the paragraph: "\u202eerog" shows as "gore". The text is matched as stored and as shown.
_RLO = re.compile("\u202e([^\u202c\n\u2029]*)")


# The first word after an override that no pop (U+202C) closes before the end of its paragraph.
_RLO_OPEN_WORD = re.compile("\u202e([^\\s\u202c]+)(?![^\u202c\n\u2029]*\u202c)")


def _reverse(match: re.Match[str]) -> str:
    return match.group(1)[::-1]
