"""No everyday English word is read as a misspelling of a listed term or name.

The fuzzy matcher reads a long word one or two letters off a listed term as that term
("masacre", "Taylor Swfit"). A new lexicon line can put an everyday word within that distance
("remigration" and "resignation", "genital" and "genial"), and the false positive then shows only
when some prompt uses the word. This test reads the 50,000 most frequent English words of
wordfreq through the shipped index: each one read as a misspelling must be either guarded in
`lexicons/en/fuzzy_guard.txt` (an everyday word, spelled right) or accepted below (an inflection
or a common misspelling of the listed term, which the term's category should catch).
"""

from __future__ import annotations

import pytest
import wordfreq

from otel_aiaudit.generation import Generation
from otel_aiaudit.policy.engine import PolicyEngine
from otel_aiaudit.policy.normalize import normalize
from tests.policy.shared import lexicons_alone

TOP = 50_000

# Read as their listed term on purpose: plurals and spoken spellings of listed words.
ACCEPTED = frozenset(
    """
    fuckin fucker fucken killings killin murderers massacres homicides assassinations
    strippers vaginas penises testicle pornstars erections infestations kardashians
    """.split()
)


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return lexicons_alone()


@pytest.fixture(scope="module")
def misread(engine: PolicyEngine) -> dict[str, set[str]]:
    index = engine._index  # the shipped lexicons, as every engine built from them shares
    assert index is not None
    out: dict[str, set[str]] = {}
    for word in wordfreq.top_n_list("en", TOP):
        if len(word) < 6 or not (word.isascii() and word.isalpha()):
            continue  # shorter words are never read as misspellings
        read = {f"{m.kind}/{m.category}" for m in index.scan(normalize(word)) if m.fuzzy}
        if read:
            out[word] = read
    return out


def test_no_frequent_word_is_read_as_a_misspelling_unless_accepted(misread: dict[str, set[str]]) -> None:
    unexpected = {word: read for word, read in misread.items() if word not in ACCEPTED}
    assert unexpected == {}, "guard these in lexicons/en/fuzzy_guard.txt or accept them here"


def test_every_accepted_reading_still_happens(misread: dict[str, set[str]]) -> None:
    # An accepted word no longer read so is stale here: the list must say what the matcher does.
    assert ACCEPTED - misread.keys() == set()


@pytest.mark.parametrize(
    "prompt",
    [
        "a letter of resignation on an oak desk, still life",
        "a scruffy mongrel dog asleep on a porch",
        "an Afrikaans dictionary open on a school desk",
        "the score of Beethoven's Eroica symphony, sepia photo",
        "a genial grandfather telling stories by the fire",
    ],
)
def test_everyday_words_near_listed_terms_pass(engine: PolicyEngine, prompt: str) -> None:
    decision = engine.evaluate(Generation(provider="test", prompt=prompt))
    assert [h.category for h in decision.hits if h.rule == "content"] == []
