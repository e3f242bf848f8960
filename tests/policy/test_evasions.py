"""Evasions of the content filter: letters split by control, format, separator or punctuation
characters, a right-to-left override, leetspeak inside split letters and enclosed letter forms are
all blocked in enforce mode, while ordinary punctuation in benign prompts is not."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from otel_aiaudit.generation import Generation
from otel_aiaudit.policy.config import ContentFilter, PolicyConfig
from otel_aiaudit.policy.engine import PolicyEngine
from otel_aiaudit.policy.normalize import _FOLD_TABLE, normalize, variants
from otel_aiaudit.policy.terms import shipped

ENGINE = PolicyEngine(PolicyConfig(mode="enforce", content_filter=ContentFilter(action="block")))
# Terms from the shipped lexicons (checked below, so a lexicon change cannot make these tests vacuous).
TERMS = {"gore": "violence", "beheading": "violence", "naked": "explicit", "porn": "explicit"}

CONTROLS = ["\x00", "\x01", "\x1b", "\x7f", "\x08", "\t", "\r"]
FORMATS = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u202a", "\u2066", "\u00ad", "\u180e"]
SEPARATORS = [" ", "|", ".", "-", "_", "*", "·", "•", "‧", "/", "~", "★", "∗", "\u3000", "—", " | ", ". "]


def _decide(prompt: str):  # noqa: ANN202
    return ENGINE.evaluate(Generation(provider="openai", prompt=prompt))


def _blocked(prompt: str, category: str) -> bool:
    d = _decide(prompt)
    return d.outcome == "block" and any(h.rule == "content" and h.category == category for h in d.hits)


def test_the_terms_are_shipped() -> None:
    for term, category in TERMS.items():
        assert term in shipped(f"en/{category}.txt")
        assert _blocked(f"a {term} scene", category)


@pytest.mark.parametrize("sep", CONTROLS + FORMATS + SEPARATORS, ids=ascii)
@pytest.mark.parametrize("term", TERMS)
def test_letters_split_by_any_separator_are_blocked(term: str, sep: str) -> None:
    assert _blocked(f"a photo, {sep.join(term)} everywhere", TERMS[term])


# Tab and carriage return are white space: inside a word they split it, as a space would.
@pytest.mark.parametrize("ch", [c for c in CONTROLS if not c.isspace()] + FORMATS, ids=ascii)
def test_invisible_character_inside_a_word_is_blocked(ch: str) -> None:
    assert _blocked(f"lots of go{ch}re", "violence")
    assert _blocked(f"a n{ch}aked man", "explicit")


@pytest.mark.parametrize(
    "prompt",
    [
        "a g o r e scene",  # the split run starts with the one-letter word "a"
        "a n.a.k.e.d man",
        "i p o r n",
        "an a b e h e a d i n g",
    ],
)
def test_split_letters_after_a_one_letter_word_are_blocked(prompt: str) -> None:
    d = _decide(prompt)
    assert d.outcome == "block" and any(h.rule == "content" for h in d.hits)


@pytest.mark.parametrize(
    ("prompt", "word"),
    [
        ("the man's g e n i t a l s", "genitals"),  # not "sgenitals"
        ("a close-up of a man's p*e*n*i*s", "penis"),  # split by symbols as well as by spaces
    ],
)
def test_the_letter_a_possessive_leaves_stays_with_its_word(prompt: str, word: str) -> None:
    assert word in normalize(prompt).split()


def test_words_spelled_with_dots_are_also_read_one_by_one() -> None:
    # Joined as one run they read "jewscontrol"; a phrase needs its words apart.
    forms = variants("a leaflet: J.e.w.s c.o.n.t.r.o.l the banks")
    assert any("jews control the banks" in form for form in forms)


@pytest.mark.parametrize(
    "prompt",
    [
        "e.g. the U.S.A. flag at a parade",  # abbreviations read as words stay harmless
        "a.k.a. the Big Apple skyline at dusk",
    ],
)
def test_dotted_abbreviations_stay_clean(prompt: str) -> None:
    assert _decide(prompt).outcome == "allow"


@pytest.mark.parametrize(
    ("prompt", "category"),
    [
        ("g 0 r e", "violence"),
        ("g.0.r.3 scene", "violence"),
        ("p 0 r n", "explicit"),
        ("n @ k e d", "explicit"),
        ("n.@.k.3.d", "explicit"),
        ("b 3 h 3 a d 1 n g", "violence"),
        ("g|0|r|e", "violence"),
    ],
)
def test_leet_inside_split_letters_is_blocked(prompt: str, category: str) -> None:
    assert _blocked(prompt, category)


@pytest.mark.parametrize(
    "prompt",
    [
        "ⓖⓞⓡⓔ",  # circled (NFKC)
        "ｇｏｒｅ",  # full-width (NFKC)
        "⒢⒪⒭⒠",  # parenthesized (mapped before NFKC, which gives "(g)(o)(r)(e)")
        "🄶🄾🅁🄴",  # squared (NFKC)
        "🅖🅞🅡🅔",  # negative circled: NFKC leaves these, the enclosed-letter table maps them
        "🅶🅾🆁🅴",  # negative squared
        "🇬🇴🇷🇪",  # regional indicators
        "Ⓖ·ⓞ\u200b·ⓡ\x00·ⓔ",  # mixed with invisible and separator characters
    ],
)
def test_enclosed_and_full_width_letters_are_blocked(prompt: str) -> None:
    assert _blocked(f"a {prompt} scene", "violence")


def test_parenthesized_words_stay_apart() -> None:
    # Bracketed one by one, the gap inside a word is as wide as the one between words: the two
    # words would read "killgays", which no phrase matches.
    assert normalize("⒦⒤⒧⒧ ⒢⒜⒴⒮") == "kill gays"
    assert _blocked("t-shirt print '⒦⒤⒧⒧ ⒢⒜⒴⒮' with a broken rainbow", "hate_speech")


def test_enclosed_letter_table_covers_what_nfkc_leaves() -> None:
    for cp in range(0x1F100, 0x1F200):
        ch = chr(cp)
        if unicodedata.name(ch, "").startswith(("NEGATIVE CIRCLED LATIN CAPITAL LETTER", "REGIONAL INDICATOR")):
            assert normalize(ch) == unicodedata.name(ch)[-1].lower()


@pytest.mark.parametrize(
    ("prompt", "category"),
    [
        ("a \u202eerog scene", "violence"),  # displays as "a gore scene"
        ("\u202edekan\u202c man", "explicit"),  # the override ends at the pop
        ("x \u202egnidaeheb\ny", "violence"),  # or at the end of the line
    ],
)
def test_right_to_left_override_is_undone(prompt: str, category: str) -> None:
    assert _blocked(prompt, category)


def test_override_text_also_matches_as_stored() -> None:
    assert _blocked("a \u202egore\u202c scene", "violence")  # the model reads the stored order
    assert variants("a \u202eerog") == ["a erog", "a gore"]


def test_an_override_left_open_is_also_read_reversing_one_word() -> None:
    # On screen the whole rest of the line shows reversed ("...dooh eht no sex") and its "no"
    # would rule the word out; the writer reversed one word and never popped the override.
    shown, meant = "hot dooh eht no sex", "hot sex on the hood"
    assert variants("hot \u202exes on the hood") == ["hot xes on the hood", shown, meant]
    assert _blocked("hot \u202exes on the hood of a car, two adults", "explicit")
    # A popped override, or one reaching the end with a single word, is read as displayed only.
    assert variants("a \u202exes\u202c on the hood") == ["a xes on the hood", "a sex on the hood"]
    assert variants("a \u202eerog") == ["a erog", "a gore"]


@pytest.mark.parametrize(
    "prompt",
    [
        "cats | dogs",
        "a b c d",
        "rock-n-roll",
        "e.g. a tree",
        "a | b | c options for a logo",
        "Q&A: 1. a tree 2. a cat",
        "black & white photo, 16:9 | 4k",
        "i.e. a calm sea at dawn",
        "a tab\tseparated prompt",
        "ⓒ 2024 studio, I ❤ NY",
        "a → b → c diagram",
        "s·o·f·t light on a sofa",
        "Al Gore at a podium, oil painting",
    ],
)
def test_benign_punctuation_is_not_blocked(prompt: str) -> None:
    d = _decide(prompt)
    assert d.outcome != "block" and not any(h.rule == "content" for h in d.hits)


def test_fold_table_drops_every_format_and_control_character() -> None:
    for cp in range(0x80, 0x110000):
        category = unicodedata.category(chr(cp))
        if category in ("Cf", "Cs") or (category == "Cc" and not chr(cp).isspace()):
            assert _FOLD_TABLE[cp] is None, hex(cp)


special = st.sampled_from(
    list("aegiklnoprst 1!|@$0.-_\x00\t\x1b\x7f\u200b\u202e\u202c\u2066·★ⓖ🅖🇬") + ["\ud800", "ｇ", "⒢"]
)


@settings(max_examples=1500, deadline=None)
@given(text=st.text(alphabet=special, max_size=40))
def test_normalize_stays_idempotent_on_evasion_characters(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    for form in variants(text):
        assert normalize(form) == form
