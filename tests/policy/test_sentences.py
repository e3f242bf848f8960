"""Sentence starts in the normalised prompt: where a negation stops reading back."""

from __future__ import annotations

import pytest

from otel_aiaudit.policy.normalize import normalize
from otel_aiaudit.policy.sentences import sentence_starts


def starts(prompt: str) -> list[str]:
    """The first word of each sentence after the first, read from the normalised text."""
    text = normalize(prompt)
    return [text[at:].split(" ")[0] for at in sorted(sentence_starts(prompt, text))]


@pytest.mark.parametrize(
    ("prompt", "words"),
    [
        ("No guns. Gore everywhere.", ["gore"]),
        ("a calm lake!  Two swans? Yes; at dawn", ["two", "yes", "at"]),
        ("a family photo, no weapons\nbodies in the yard", ["bodies"]),
        ('she said "stop." Then silence', ["then"]),
        ("ภาพครอบครัว ไม่มีอาวุธ. ศพเกลื่อนถนน", ["ศพเกลื่อนถนน"]),  # a Thai word ends the first
        ("Say no. Blood on the floor", ["blood"]),  # "no" closes a sentence unless a number follows
    ],
)
def test_sentence_ends_are_found(prompt: str, words: list[str]) -> None:
    assert starts(prompt) == words


@pytest.mark.parametrize(
    "prompt",
    [
        "Dr. Jones in his lab, no blood",  # an abbreviation
        "J. R. R. Tolkien reading, no gore",  # initials
        "No. 5 perfume bottle, no nudity",  # a number's abbreviation
        "no guns... just flowers",  # an ellipsis trails off
        "a lake at dawn, no people.",  # one sentence, its stop at the end
        "k. i. l. l. the hostages",  # letters spelled with stops are one word, not sentences
    ],
)
def test_abbreviations_initials_and_single_sentences_give_no_start(prompt: str) -> None:
    assert starts(prompt) == []


def test_sentences_that_normalise_differently_apart_give_no_start() -> None:
    # Spelled with spaces, the letters join across the "!" into one run; the sentences normalised
    # apart ("gore", "blood") do not give the text normalised whole, so no start is placed and a
    # negation reads the prompt as one sentence, as it did before sentences were read. (The run is
    # also read as the words it splits into, after it.)
    prompt = "g o r e! b l o o d"
    assert normalize(prompt) == "goreblood gore blood"
    assert sentence_starts(prompt, normalize(prompt)) == frozenset()
