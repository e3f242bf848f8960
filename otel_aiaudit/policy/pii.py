"""Personal data in prompts: detection and typed redaction, with no model to download.

Detectors are regular expressions plus the checksums that make them precise: Luhn for card
numbers, ISO 13616 mod 97 for IBANs, the mod-11 check digit for Thai national ids, the SSA's
structural rules for US social security numbers, `ipaddress` for IPs. Each detector runs only
when a cheap test says it could match (an "@" for e-mail, seven digits for the numeric ones, a dot
or colon for IPs), so a prompt without personal data costs a few microseconds.

Offsets are in the original text. `\\d` is Unicode-aware, so Thai and full-width digits count.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

ALL_TYPES = ("email", "phone", "card", "iban", "ip", "thai_id", "us_ssn")
PLACEHOLDERS = {
    "email": "[EMAIL]",
    "phone": "[PHONE]",
    "card": "[CARD]",
    "iban": "[IBAN]",
    "ip": "[IP]",
    "thai_id": "[THAI_ID]",
    "us_ssn": "[US_SSN]",
}


@dataclass(frozen=True)
class PIIMatch:
    type: str
    start: int
    end: int

    @property
    def placeholder(self) -> str:
        return PLACEHOLDERS[self.type]


def _digits(s: str) -> list[int]:
    return [int(ch) for ch in s if ch.isdigit()]


# --- checksums -----------------------------------------------------------------------------------


def luhn_ok(digits: list[int]) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_ok(iban: str) -> bool:
    s = re.sub(r"\s", "", iban).upper()
    if not (15 <= len(s) <= 34) or not s[:2].isalpha() or not s[2:4].isdigit():
        return False
    rearranged = s[4:] + s[:4]
    try:
        number = "".join(str(int(ch, 36)) for ch in rearranged)
    except ValueError:
        return False
    return int(number) % 97 == 1


def thai_id_ok(digits: list[int]) -> bool:
    if len(digits) != 13 or digits[0] == 0:
        return False
    total = sum(d * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == digits[12]


def us_ssn_ok(digits: list[int]) -> bool:
    area = digits[0] * 100 + digits[1] * 10 + digits[2]
    group = digits[3] * 10 + digits[4]
    serial = digits[5] * 1000 + digits[6] * 100 + digits[7] * 10 + digits[8]
    return area not in (0, 666) and area < 900 and group != 0 and serial != 0


# --- detectors -----------------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
# Digit runs with the separators people type inside numbers.
_NUMBER = re.compile(r"(?<![\w+])(?:\+\s?)?\(?\d[\d\s().-]*\d(?![\w])")
# Printed IBANs are upper case, in groups of four: "GB82 WEST 1234 5698 7654 32".
_IBAN = re.compile(
    r"(?<![\w])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![\w])"
)
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
_SHAPE = str.maketrans("123456789", "000000000", " ()-+\t")
_SEVEN_DIGITS = re.compile(r"\d[\d\s().+-]{5,}\d")  # a probe: seven characters of a number
_THAI_ID_LAYOUT = re.compile(r"\d[\s-]?\d{4}[\s-]?\d{5}[\s-]?\d{2}[\s-]?\d")
_SSN_LAYOUT = re.compile(r"\d{3}([\s-])\d{2}\1\d{4}")
_US_PHONE_LAYOUT = re.compile(r"(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}")


def _emails(text: str) -> Iterable[PIIMatch]:
    for m in _EMAIL.finditer(text):
        yield PIIMatch("email", m.start(), m.end())


def _ibans(text: str) -> Iterable[PIIMatch]:
    for m in _IBAN.finditer(text):
        candidate = m.group().rstrip()
        if iban_ok(candidate):
            yield PIIMatch("iban", m.start(), m.start() + len(candidate))


def _ips(text: str) -> Iterable[PIIMatch]:
    if "." in text:
        for m in _IPV4.finditer(text):
            try:
                ipaddress.IPv4Address(m.group())
            except ValueError:
                continue
            yield PIIMatch("ip", m.start(), m.end())
    if text.count(":") >= 2:
        for m in _IPV6.finditer(text):
            candidate = m.group()
            if candidate.count(":") < 2 or not any(ch.isalnum() for ch in candidate):
                continue
            try:
                ipaddress.IPv6Address(candidate)
            except ValueError:
                continue
            yield PIIMatch("ip", m.start(), m.end())


def _classify_number(raw: str) -> str | None:
    """Which numeric PII type a digit run is, or None (sizes, years, prices stay clean)."""
    digits = _digits(raw)
    n = len(digits)
    compact = raw.strip()
    if n == 13 and _THAI_ID_LAYOUT.fullmatch(compact) and thai_id_ok(digits):
        return "thai_id"
    if 13 <= n <= 19 and luhn_ok(digits) and not compact.startswith(("+", "0")):
        return "card"
    if n == 9 and _SSN_LAYOUT.fullmatch(compact) and us_ssn_ok(digits):
        return "us_ssn"
    if compact.startswith("+"):
        return "phone" if 8 <= n <= 15 else None
    if compact.startswith("0") and not compact.startswith("00"):
        # Thai numbers: mobile 0[689]x-xxx-xxxx (10 digits), landline 0x-xxx-xxxx (9 digits);
        # other national forms with a trunk 0 have 9 to 11 digits.
        if 9 <= n <= 11 and (any(not ch.isdigit() for ch in compact) or digits[1] in (6, 8, 9) or n == 9):
            return "phone"
        return None
    if _US_PHONE_LAYOUT.fullmatch(compact):
        return "phone"
    return None


def _numbers(text: str, wanted: frozenset[str]) -> Iterable[PIIMatch]:
    for m in _NUMBER.finditer(text):
        raw = m.group()
        kind = _classify_number(raw)
        if kind is None and len(_digits(raw)) > 13:
            # Several numbers run together ("call 081 234 5678 or 02 123 4567"): try each
            # space-separated chunk group from the left.
            yield from _split_numbers(text, m.start(), raw, wanted)
            continue
        if kind in wanted:
            lead = len(raw) - len(raw.lstrip())
            yield PIIMatch(kind, m.start() + lead, m.start() + len(raw.rstrip()))


def _split_numbers(text: str, base: int, raw: str, wanted: frozenset[str]) -> Iterable[PIIMatch]:
    chunks = [(c.start(), c.end()) for c in re.finditer(r"\S+", raw)]
    i = 0
    while i < len(chunks):
        found = False
        for j in range(len(chunks), i, -1):  # longest first
            start, end = chunks[i][0], chunks[j - 1][1]
            kind = _classify_number(raw[start:end])
            if kind is not None:
                if kind in wanted:
                    yield PIIMatch(kind, base + start, base + end)
                i = j
                found = True
                break
        if not found:
            i += 1


Detector = Callable[[str], Iterable[PIIMatch]]

# Priority when two detections overlap: the earlier type wins.
_PRIORITY = {"email": 0, "iban": 1, "thai_id": 2, "card": 3, "us_ssn": 4, "phone": 5, "ip": 6}


def detect(text: str, detectors: Iterable[str] | None = None) -> list[PIIMatch]:
    """Personal data in `text`, sorted by position, without overlaps."""
    if not text:
        return []
    wanted = frozenset(ALL_TYPES if detectors is None else detectors)
    found: list[PIIMatch] = []
    if "email" in wanted and "@" in text:
        found.extend(_emails(text))
    # Every other detector needs digits. One C-speed translate gives the "shape" of the text:
    # ASCII digits become 0 and the separators typed inside numbers disappear, so seven zeros in a
    # row mean seven digits close together. Non-ASCII text (Thai or full-width digits) runs them all.
    if text.isascii():
        shape = text.translate(_SHAPE)
        numeric_possible = "0000000" in shape
        ip_possible = "0.0" in shape or text.count(":") >= 2
    else:
        numeric_possible = ip_possible = True
    numeric = wanted & {"phone", "card", "thai_id", "us_ssn", "iban"}
    if numeric and numeric_possible and _SEVEN_DIGITS.search(text):
        if "iban" in wanted:
            found.extend(_ibans(text))
        if numeric - {"iban"}:
            found.extend(_numbers(text, wanted))
    if "ip" in wanted and ip_possible:
        found.extend(_ips(text))
    if len(found) < 2:
        return found
    found.sort(key=lambda m: (_PRIORITY[m.type], m.start))
    kept: list[PIIMatch] = []
    for m in found:
        if all(m.end <= k.start or k.end <= m.start for k in kept):
            kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept


def redact_matches(text: str, matches: list[PIIMatch]) -> str:
    parts = []
    last = 0
    for m in matches:
        parts.append(text[last : m.start])
        parts.append(m.placeholder)
        last = m.end
    parts.append(text[last:])
    return "".join(parts)


def redact(text: str, detectors: Iterable[str] | None = None) -> str:
    """`text` with each piece of personal data replaced by a typed placeholder like `[EMAIL]`."""
    matches = detect(text, detectors)
    return redact_matches(text, matches) if matches else text
