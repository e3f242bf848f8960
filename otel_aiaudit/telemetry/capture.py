"""What of a prompt may leave the process: one place decides for spans and records alike."""

from __future__ import annotations

from collections.abc import Callable

from ..text import encodable

# OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: where message content may go.
CONTENT_MODES = ("NO_CONTENT", "SPAN_ONLY", "EVENT_ONLY", "SPAN_AND_EVENT")


class PromptCapture:
    """Applies OTEL_AIAUDIT_PROMPT_CAPTURE (how much text: full, redacted, hash, none) and the GenAI
    content switch (where text may go: spans with SPAN_*, the audit record with *EVENT*).

    The switch unset: spans carry no text and the audit record follows OTEL_AIAUDIT_PROMPT_CAPTURE
    alone (the audit's own default). Set, it means what it says: NO_CONTENT and SPAN_ONLY keep text
    out of the record too (its hash stays)."""

    def __init__(
        self,
        mode: str = "redacted",
        content: str | None = None,
        redactor: Callable[[str], str] | None = None,
    ) -> None:
        self.mode = mode
        self.content = content
        self.spans_enabled = content in ("SPAN_ONLY", "SPAN_AND_EVENT")
        self.records_enabled = content in (None, "EVENT_ONLY", "SPAN_AND_EVENT")
        self._redactor = redactor

    def _redact(self, text: str) -> str:
        if self._redactor is None:
            from ..policy.pii import redact  # the PII detectors are the policy engine's, shared here

            self._redactor = redact
        return self._redactor(text)

    def for_record(self, text: str | None) -> str | None:
        return self._text(text) if self.records_enabled else None

    def _text(self, text: str | None) -> str | None:
        if text is None:
            return None
        # Record text must encode as UTF-8 (SQLite, OTLP): surrogates are escaped as the hash does.
        if self.mode == "full":
            return encodable(text)
        if self.mode == "redacted":
            return self._redact(encodable(text))
        return None  # hash and none keep no text; the hash travels separately

    def for_span(self, text: str | None) -> str | None:
        return self._text(text) if self.spans_enabled else None
