"""Negation scope: "no violence, no nudity" asks for the absence of what it names.

A listed term preceded by a negator ("no", "not", "without", "never", "nothing", "ไม่มี"...) does not count,
nor one followed by "free" ("gore-free"). Between the negator and the term only words that extend
the same negated phrase may stand: modifiers ("no graphic violence", "without any blood"), list
joiners, other listed terms followed by a joiner ("no violence and nudity") and any word followed
by "or" ("without blood or gore"). Any other word ends the scope, so
"a man with no face covered in blood" still counts "covered in blood".

Terms that contain their own negator ("no clothes", "without clothes", "ไม่ใส่เสื้อผ้า") are
unaffected: only words before a term's first word are looked at.
"""

from __future__ import annotations

from collections.abc import Container, Sequence

NEGATORS = frozenset(
    {
        "no",
        "not",
        "without",
        "never",
        "non",
        "zero",
        "dont",
        "avoid",
        "avoiding",
        "exclude",
        "excluding",
        "sans",
        "minus",
    }
)
# "don't" is normalised to "don t": the lone "t" negates after these.
_CONTRACTIONS = frozenset({"don", "doesn", "didn", "isn", "aren", "wasn", "weren", "won", "shouldn", "can", "mustn"})
# Words that may stand between a negator and the negated term.
MODIFIERS = frozenset(
    {
        "any",
        "graphic",
        "explicit",
        "real",
        "actual",
        "visible",
        "sexual",
        "extreme",
        "excessive",
        "more",
        "or",
        "and",
        "nor",
        "also",
        "even",
        "signs",
        "sign",
        "trace",
        "traces",
        "hint",
        "hints",
        "kind",
        "type",
        "of",
        "show",
        "showing",
        "include",
        "including",
        "depict",
        "depicting",
        "a",
        "an",
        "the",
    }
)
_POSTFIX = frozenset({"free"})
_JOINERS = frozenset({"or", "and", "nor"})
_ALTERNATIVES = frozenset({"or", "nor"})
# Thai negators, compared with the text just before the term ("ไม่มี" is segmented "ไม่" + "มี").
THAI_NEGATORS = ("ไม่มี", "ไม่ใช่", "ไม่เอา", "ไม่", "ไร้", "ปราศจาก", "ห้าม", "งด", "ปลอด")
_WINDOW = 4


def _is_negator(tokens: Sequence[str], i: int) -> bool:
    word = tokens[i]
    if word in NEGATORS:
        return True
    # "nothing gory" negates; "nothing but blood" asks for exactly that.
    if word == "nothing":
        return i + 1 >= len(tokens) or tokens[i + 1] != "but"
    return word == "t" and i > 0 and tokens[i - 1] in _CONTRACTIONS


def negated(tokens: Sequence[str], first: int, last: int, listed: Container[int]) -> bool:
    """Whether the term covering tokens[first..last] is negated. `listed` holds the indices of
    tokens inside other listed terms (they may stand inside a negated list)."""
    if last + 1 < len(tokens) and tokens[last + 1] in _POSTFIX:
        return True
    head = tokens[first] if 0 <= first < len(tokens) else ""
    if head and "\u0e00" <= head[0] <= "\u0e7f":
        before = "".join(tokens[max(0, first - 2) : first])
        return before.endswith(THAI_NEGATORS)
    # A Thai negator may stand before an English term in a mixed prompt ("ไม่มี gore").
    if "".join(tokens[max(0, first - 2) : first]).endswith(THAI_NEGATORS):
        return True
    # A term next to "or" is one item of a list, whose items need not be listed terms
    # ("without skulls, gore or corpses": the comma is gone once normalised).
    in_list = (last + 1 < len(tokens) and tokens[last + 1] in _ALTERNATIVES) or (
        first > 0 and tokens[first - 1] in _ALTERNATIVES
    )
    i = first - 1
    while i >= 0 and first - i <= _WINDOW:
        if _is_negator(tokens, i):
            return True
        # Another listed term may stand in the list only when a joiner follows it ("no violence or
        # nudity"); without one, "no gore nude woman" would hide "nude" behind "no gore". Any word
        # may when "or" follows ("without blood or gore"): "and" would also join "no shirt and
        # covered in blood", which does not negate the blood.
        follower = tokens[i + 1]
        joined = in_list or (i in listed and follower in _JOINERS) or follower in _ALTERNATIVES
        if tokens[i] not in MODIFIERS and not joined:
            return False
        i -= 1
    return False
