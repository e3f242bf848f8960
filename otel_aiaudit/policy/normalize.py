"""One normalisation pass that defeats the usual evasions before term matching.

Both the lexicon terms and the prompt go through the same `normalize()`, so whatever the pass
folds together (letters, look-alikes, stretched runs) is folded the same way on both sides and
matching stays exact. Steps, in order:

1. Unicode compatibility forms and case: NFKC, case folding, then NFKD so accents become separate
   combining marks (full-width, mathematical and circled letters become plain letters here).
2. One `str.translate` table: drops accents (Latin combining diacritics only, so Thai vowel and
   tone marks survive), zero-width and other invisible characters; maps Cyrillic and Greek
   look-alikes to the Latin letters they imitate; turns punctuation and white space into spaces.
3. Leetspeak inside words that mix letters with digits or symbols (`k1ll`, `n@ked`, `pr0n`).
   Digit-only tokens such as `1024` or `2024` are left alone.
4. Stretched letters: every run of three or more of one character becomes a single character;
   lexicon terms with a double letter are indexed both ways ("kill" and "kil").
5. Letters split by spaces, dots or dashes (`k.i.l.l`, `k i l l`) are joined back together when
   three or more single letters follow each other.

ASCII prompts (the common case) skip step 1 and most of step 2, which keeps a full evaluation in
the tens of microseconds.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

# --- step 2: the translate table ---------------------------------------------------------------

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

# Separators and punctuation that become a space (the leet step runs before, so `@`, `$`, `!`
# and `|` inside words are already letters by then).
_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\t\n\r\x0b\x0c"
_UNICODE_PUNCT = "·•∙⋅‧・‐‑‒–—―‘’‚‛“”„‟′″…‹›«»、。，．：；！？「」『』【】〔〕《》〈〉¡¿×÷¦§¶†‡"


def _build_tables() -> tuple[dict[int, str | None], dict[int, str | None]]:
    """(script table, punctuation table). The script table runs before leetspeak, so a word that
    mixes Cyrillic look-alikes with digits is seen as one Latin word by the leet step."""
    script: dict[int, str | None] = {}
    for lo, hi in _ACCENT_RANGES + _INVISIBLE_RANGES:
        for cp in range(lo, hi + 1):
            script[cp] = None
    for src, dst in _HOMOGLYPHS.items():
        script[ord(src)] = dst
    punct: dict[int, str | None] = {ord(ch): " " for ch in _PUNCT + _UNICODE_PUNCT}
    # Any other white space (no-break, ideographic, thin spaces...) becomes a plain space.
    for cp in (0x00A0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)):
        punct[cp] = " "
    return script, punct


_SCRIPT_TABLE, _PUNCT_TABLE = _build_tables()

# --- step 3: leetspeak -------------------------------------------------------------------------

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

_SYMBOLS = "@$!|"
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


# --- steps 4 and 5 -----------------------------------------------------------------------------

_RUNS = re.compile(r"(.)\1\1+", re.S)  # spelled so, not \1{2,}: three times faster in sre
# Three or more single letters separated by spaces: "k i l l" (dots and dashes are spaces by now).
# The literal leading space lets the regex engine skip quickly to candidate positions.
_ANY_RUN = re.compile(r"(.)\1*", re.S)
_SPLIT_PROBE = re.compile(r" [^\W\d_] [^\W\d_] [^\W\d_] ")
_SPLIT_LETTERS = re.compile(r"(?<!\S)[^\W\d_](?: [^\W\d_](?!\S)){2,}")


def _join_letters(match: re.Match[str]) -> str:
    return match.group().replace(" ", "")


def _normalize(text: str, secondary: bool, ambiguous: list[bool]) -> str:
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKC", text).casefold()
        text = unicodedata.normalize("NFKD", text).translate(_SCRIPT_TABLE)
    if _LEET_CHAR.search(text):
        text = _leet(text, LEET_SECONDARY if secondary else LEET_PRIMARY, ambiguous)
    text = " ".join(text.translate(_PUNCT_TABLE).split())
    if _RUNS.search(text):
        text = _RUNS.sub(r"\1", text)
    if _SPLIT_PROBE.search(f" {text} "):
        text = _SPLIT_LETTERS.sub(_join_letters, text)
        if _RUNS.search(text):
            text = _RUNS.sub(r"\1", text)
    return text


def normalize(text: str, *, secondary_leet: bool = False) -> str:
    """Return the matching form of `text` (idempotent: normalize(normalize(x)) == normalize(x))."""
    return _normalize(text, secondary_leet, [False])


def term_variants(term: str) -> set[str]:
    """Matching forms of one lexicon term.

    The text side squeezes runs of three or more letters to one, so a doubled letter in a term may
    reach the matcher single ("killll" -> "kil") or double ("kiiill" -> "kill"): both are indexed.
    """
    base = normalize(term)
    runs = [m.group() for m in _ANY_RUN.finditer(base)]
    options = [(run, run[0]) if len(run) == 2 and run[0].isalpha() else (run,) for run in runs]
    if sum(len(o) > 1 for o in options) > 4:  # 16 variants at most
        options = [(o[0],) for o in options]
    variants = {"".join(choice) for choice in itertools.product(*options)}
    # Multi-word terms also match written together ("elonmusk", or split letters joined back).
    variants |= {v.replace(" ", "") for v in variants}
    # A form shorter than three letters would match everywhere ("kkk" squeezes to "k"); Thai
    # words are short by nature and are kept.
    return {v for v in variants if len(v) >= 3 or (v and not v.isascii())}


def variants(text: str) -> list[str]:
    """The matching forms of a prompt: `normalize(text)`, plus the second leet reading ("1" and
    "|" as l rather than i) when a word used one of them and so reads two ways ("k1ll")."""
    ambiguous = [False]
    primary = _normalize(text, False, ambiguous)
    if ambiguous[0]:
        secondary = _normalize(text, True, [False])
        if secondary != primary:
            return [primary, secondary]
    return [primary]
