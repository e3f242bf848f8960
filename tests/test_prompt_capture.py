"""Prompt capture modes for audit records (full | redacted | hash | none), the span content switch, and
keyed hashes."""

from __future__ import annotations

import hashlib
import hmac

import pytest

PROMPT = "poster for jane.doe@example.com, call +1 415 555 0100, card 4111 1111 1111 1111"


def _prompt_body(telemetry) -> dict:
    (rec,) = telemetry.records("prompt")
    return dict(rec.body)


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("full", PROMPT),
        ("redacted", "poster for [EMAIL], call [PHONE], card [CARD]"),
        ("hash", None),
        ("none", None),
    ],
)
def test_record_capture_modes(instrument, telemetry, openai_client, monkeypatch, mode, expected) -> None:
    monkeypatch.setenv("OTEL_AIAUDIT_PROMPT_CAPTURE", mode)
    instrument()
    openai_client.images.generate(model="gpt-image-2", prompt=PROMPT)
    body = _prompt_body(telemetry)
    assert body["capture"] == mode
    assert body.get("prompt") == expected
    assert body["prompt_hash"] == "sha256:" + hashlib.sha256(PROMPT.encode()).hexdigest()
    assert body["prompt_length"] == len(PROMPT)
    # The log record never carries prompt text, whatever the mode.
    (log_rec,) = telemetry.records("log")
    # Whole PII values only: a generation id is hex and may hold "4111" by chance.
    for secret in ("jane.doe@example.com", "415 555 0100", "4111 1111 1111 1111"):
        assert secret not in repr(log_rec.body)
    # Spans carry no prompt text unless the GenAI content switch is on.
    (span,) = telemetry.finished_spans()
    assert "aiaudit.prompt" not in span.attributes


@pytest.mark.parametrize(("mode", "on_span"), [("full", PROMPT), ("redacted", "poster for [EMAIL]"), ("hash", None)])
def test_span_content_follows_the_capture_mode(
    instrument, telemetry, openai_client, monkeypatch, mode, on_span
) -> None:
    monkeypatch.setenv("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true")
    monkeypatch.setenv("OTEL_AIAUDIT_PROMPT_CAPTURE", mode)
    instrument()
    openai_client.images.generate(model="gpt-image-2", prompt=PROMPT)
    (span,) = telemetry.finished_spans()
    text = span.attributes.get("aiaudit.prompt")
    if on_span is None:
        assert text is None
    else:
        assert text.startswith(on_span)


def test_hmac_key_keys_prompt_and_image_hashes(instrument, telemetry, openai_client, monkeypatch) -> None:
    monkeypatch.setenv("OTEL_AIAUDIT_HASH_KEY", "org-secret")
    instrument()
    result = openai_client.images.generate(model="gpt-image-2", prompt=PROMPT)
    expected = "hmac-sha256:" + hmac.new(b"org-secret", PROMPT.encode(), hashlib.sha256).hexdigest()
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.prompt.hash"] == expected
    import base64

    image = base64.b64decode(result.data[0].b64_json)
    image_hash = "hmac-sha256:" + hmac.new(b"org-secret", image, hashlib.sha256).hexdigest()
    assert span.attributes["aiaudit.image.hashes"] == (image_hash,)
    assert _prompt_body(telemetry)["prompt_hash"] == expected


def test_unknown_capture_mode_fails_at_start(instrument, monkeypatch) -> None:
    monkeypatch.setenv("OTEL_AIAUDIT_PROMPT_CAPTURE", "everything")
    with pytest.raises(ValueError, match="OTEL_AIAUDIT_PROMPT_CAPTURE"):
        instrument()
