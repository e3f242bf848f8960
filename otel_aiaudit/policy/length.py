"""Prompt length: prompts over `prompt_length.max_chars` are cut (or flagged, or blocked)."""

from __future__ import annotations

from ..generation import Hit
from .config import PromptLength

_ACTION = {"truncate_and_warn": "truncate", "warn": "warn", "block": "block"}


def length_hit(cfg: PromptLength, prompt: str) -> Hit | None:
    """A hit recording both lengths when the prompt is too long, else None."""
    n = len(prompt)
    if n <= cfg.max_chars:
        return None
    action = _ACTION[cfg.action]
    if action == "truncate":
        detail = f"prompt of {n} chars truncated to max_chars {cfg.max_chars}"
    else:
        detail = f"prompt of {n} chars exceeds max_chars {cfg.max_chars}"
    return Hit("prompt_length", "max_chars", action, detail)


def truncate(cfg: PromptLength, prompt: str) -> str:
    return prompt[: cfg.max_chars]
