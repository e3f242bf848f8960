"""PII detectors with their checksums, and typed redaction."""

from __future__ import annotations

import pytest

from otel_aiaudit.policy.pii import detect, iban_ok, luhn_ok, redact, thai_id_ok


def _thai_id(first12: str) -> str:
    digits = [int(c) for c in first12]
    check = (11 - sum(d * (13 - i) for i, d in enumerate(digits)) % 11) % 10
    return first12 + str(check)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("mail john.doe+x@example.co.th now", "email", "john.doe+x@example.co.th"),
        ("call 081-234-5678 today", "phone", "081-234-5678"),
        ("call 0812345678 today", "phone", "0812345678"),
        ("office 02-123-4567", "phone", "02-123-4567"),
        ("call +66 81 234 5678", "phone", "+66 81 234 5678"),
        ("call +44 20 7946 0958", "phone", "+44 20 7946 0958"),
        ("call (555) 123-4567", "phone", "(555) 123-4567"),
        ("card 4111 1111 1111 1111 thanks", "card", "4111 1111 1111 1111"),
        ("card 5500-0000-0000-0004", "card", "5500-0000-0000-0004"),
        ("iban GB82 WEST 1234 5698 7654 32 ok", "iban", "GB82 WEST 1234 5698 7654 32"),
        ("iban DE89370400440532013000", "iban", "DE89370400440532013000"),
        ("server 192.168.10.20 down", "ip", "192.168.10.20"),
        ("server 2001:db8::8a2e:370:7334 down", "ip", "2001:db8::8a2e:370:7334"),
        ("ssn 078-05-1120", "us_ssn", "078-05-1120"),
        ("เบอร์ ๐๘๑-๒๓๔-๕๖๗๘", "phone", "๐๘๑-๒๓๔-๕๖๗๘"),  # Thai digits
    ],
)
def test_detects(text: str, kind: str, value: str) -> None:
    found = detect(text)
    assert [(m.type, text[m.start : m.end]) for m in found] == [(kind, value)]


def test_thai_id_with_checksum() -> None:
    valid = _thai_id("110170023071")
    dashed = f"{valid[0]}-{valid[1:5]}-{valid[5:10]}-{valid[10:12]}-{valid[12]}"
    assert thai_id_ok([int(c) for c in valid])
    for text in (f"id {valid}", f"id {dashed}"):
        assert [m.type for m in detect(text)] == ["thai_id"]
    wrong = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    assert all(m.type != "thai_id" for m in detect(f"id {wrong}"))


@pytest.mark.parametrize(
    "text",
    [
        "a 1024x1024 image, 4k, 16:9, seed 12345",
        "price $5.00 for 3 images in 2024",
        "date 2024-01-15 and 12.05.2024",
        "card 4111 1111 1111 1112",  # Luhn fails
        "iban GB82 WEST 1234 5698 7654 33",  # mod 97 fails
        "ssn 000-12-3456 and 666-12-3456",  # never issued
        "ip 999.1.1.1",
        "no personal data at all",
    ],
)
def test_clean(text: str) -> None:
    assert detect(text) == []


def test_checksums() -> None:
    card = [4] + [1] * 15
    assert luhn_ok(card) and not luhn_ok(card[:-1] + [2])
    assert iban_ok("GB82WEST12345698765432") and not iban_ok("GB82WEST12345698765433")


def test_redact_typed_placeholders() -> None:
    text = "mail a@b.io, call 081-234-5678, card 4111111111111111, ip 10.0.0.1, ssn 078-05-1120"
    assert redact(text) == "mail [EMAIL], call [PHONE], card [CARD], ip [IP], ssn [US_SSN]"
    assert redact(text, detectors=["email"]).startswith("mail [EMAIL], call 081-234-5678")
    assert redact("nothing here") == "nothing here"


def test_several_numbers_in_a_row() -> None:
    found = detect("call 081 234 5678 or 02 123 4567")
    assert [m.type for m in found] == ["phone", "phone"]
