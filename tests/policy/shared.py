"""What several content-filter test modules ask of the engine, written once."""

from __future__ import annotations

from otel_aiaudit.generation import Generation
from otel_aiaudit.policy.config import ContentFilter, PolicyConfig
from otel_aiaudit.policy.engine import PolicyEngine


def lexicons_alone() -> PolicyEngine:
    """The shipped lexicons and rules without the prompt model, in enforce mode: what a lexicon
    line or a rule decides, with nothing that could hide a line that never fires."""
    return PolicyEngine(PolicyConfig(mode="enforce", content_filter=ContentFilter(action="block", prompt_model=False)))


def flagged(engine: PolicyEngine, prompt: str) -> set[str]:
    """The categories the content filter reads in `prompt`."""
    decision = engine.evaluate(Generation(provider="test", prompt=prompt))
    return {h.category for h in decision.hits if h.rule == "content"}
