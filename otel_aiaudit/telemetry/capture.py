"""What of a prompt may leave the process: one place decides for spans and records alike."""

from __future__ import annotations

from collections.abc import Callable

from ..text import encodable


class PromptCapture:
    """Applies OTEL_AIAUDIT_PROMPT_CAPTURE (records) and the GenAI content switch (spans)."""

    def __init__(
        self,
        mode: str = "redacted",
        spans_enabled: bool = False,
        redactor: Callable[[str], str] | None = None,
    ) -> None:
        self.mode = mode
        self.spans_enabled = spans_enabled
        self._redactor = redactor

    def _redact(self, text: str) -> str:
        if self._redactor is None:
            from ..policy.pii import redact  # the PII detectors are the policy engine's, shared here

            self._redactor = redact
        return self._redactor(text)

    def for_record(self, text: str | None) -> str | None:
        if text is None:
            return None
        # Record text must encode as UTF-8 (SQLite, OTLP): surrogates are escaped as the hash does.
        if self.mode == "full":
            return encodable(text)
        if self.mode == "redacted":
            return self._redact(encodable(text))
        return None  # hash and none keep no text; the hash travels separately

    def for_span(self, text: str | None) -> str | None:
        return self.for_record(text) if self.spans_enabled else None
