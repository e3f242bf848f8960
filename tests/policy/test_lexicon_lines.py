"""Every listed term counts when it is written alone.

A term line can be dead on arrival: an allow-list phrase that covers the whole of it (a Thai
children's counting game listed as sexual slang too), a negator inside it that the negation scope
reads as ruling it out, or a spelling the normaliser rewrites into something else. Such a line
still reads as coverage in a review of the lexicons, and nothing else would show that it never
fires. So each line of the four category lexicons, written alone as a prompt, must be read as its
file's category by the lexicons alone (the prompt model would hide a dead line).
"""

from __future__ import annotations

import pytest

from otel_aiaudit.policy.engine import PolicyEngine
from otel_aiaudit.policy.terms import LANGUAGES, shipped
from tests.policy.shared import flagged, lexicons_alone

CATEGORIES = ("violence", "explicit", "hate_speech", "minors")


@pytest.fixture(scope="module")
def lexical() -> PolicyEngine:
    return lexicons_alone()


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_listed_term_counts_alone(lexical: PolicyEngine, lang: str, category: str) -> None:
    terms = shipped(f"{lang}/{category}.txt")
    assert terms, f"{lang}/{category}.txt lists no term"
    dead = [term for term in terms if category not in flagged(lexical, term)]
    assert dead == [], f"lines of {lang}/{category}.txt that never count: drop them or mend what overrides them"
