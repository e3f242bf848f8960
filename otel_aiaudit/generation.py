"""The one record that flows through the auditor: a Generation, and what is decided about it.

Providers fill in the request half and the result half; the policy engine attaches a Decision;
pricing fills in cost; telemetry reads the finished record. Nothing here knows OTel or any client
library, so every layer can depend on this module and on nothing else.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Literal

Operation = Literal["generate", "edit", "variation", "upscale"]
Outcome = Literal["allow", "warn", "modify", "queue", "pending_approval", "block"]
Status = Literal["success", "blocked", "error", "pending_approval", "provider_refused"]

# Order of severity: the worst hit decides the outcome of a whole evaluation.
OUTCOME_RANK: dict[str, int] = {
    "allow": 0,
    "warn": 1,
    "modify": 2,
    "queue": 3,
    "pending_approval": 4,
    "block": 5,
}


# The last 60-bit timestamp handed out (ms << 12 | sub-ms fraction), so ids of one process sort
# in creation order even when the clock does not move between two calls.
_last_stamp = 0
_stamp_lock = threading.Lock()
_RAND_MASK = (1 << 62) - 1  # 128 bits less 48 time, 4 version, 12 sub-ms and 2 variant bits


def _renew_lock() -> None:
    # A child forked while another thread held the lock would wait on it forever.
    global _stamp_lock
    _stamp_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_renew_lock)


def new_generation_id() -> str:
    """A UUIDv7 as 32 lowercase hex digits; also the idempotency key for budget charges.

    48 bits of unix milliseconds, the version, 12 bits of sub-millisecond time (RFC 9562, method 3),
    the variant and 62 bits from `os.urandom`. The random part comes from the OS on every call,
    never from the `random` module: a library calling `random.seed()` would make ids repeat, and a
    repeated id is charged once and kept once in the ledger. The OS source needs no re-seeding in a
    forked child either. Ids sort by creation time: within one process strictly, since a stamp not
    past the previous one takes the previous one plus one."""
    global _last_stamp
    ms, rest_ns = divmod(time.time_ns(), 1_000_000)
    stamp = (ms << 12) | (rest_ns * 4096 // 1_000_000)
    with _stamp_lock:
        if stamp <= _last_stamp:
            stamp = _last_stamp + 1
        _last_stamp = stamp
    rand = int.from_bytes(os.urandom(8), "big") & _RAND_MASK
    value = (stamp >> 12) << 80 | 0x7 << 76 | (stamp & 0xFFF) << 64 | 0b10 << 62 | rand
    return f"{value:032x}"


@dataclass(slots=True)
class Actor:
    """Who asked for the image, and why (from audit_context, baggage or settings)."""

    user: str | None = None
    team: str | None = None
    purpose: str | None = None
    approval_id: str | None = None
    organisation: str | None = None


@dataclass(slots=True)
class Hit:
    """One rule that matched. `detail` never contains the offending text itself."""

    rule: str  # content | pii | copyright | prompt_length | budget | rate_limit | approval | classifier
    category: str  # violence, email, artist, max_chars, user_daily, ...
    action: str  # block | warn | redact | truncate | queue | approval | observe
    detail: str = ""
    score: float | None = None

    @property
    def flag(self) -> str:
        return f"{self.rule}:{self.category}"


@dataclass(slots=True)
class Decision:
    """The policy outcome for one generation."""

    outcome: Outcome = "allow"
    hits: list[Hit] = field(default_factory=list)
    # The prompt the provider must receive when outcome is "modify" (redacted and/or truncated).
    modified_prompt: str | None = None
    policy_version: str = "none"
    mode: Literal["enforce", "observe"] = "observe"
    # Set when a dependency (store, classifier) failed and a fail-open/closed rule decided instead.
    degraded: str | None = None
    alert: bool = False  # block_and_alert: an alert record must be emitted

    @property
    def flags(self) -> list[str]:
        seen: dict[str, None] = {}
        for hit in self.hits:
            seen.setdefault(hit.flag, None)
        return list(seen)

    @property
    def blocks(self) -> bool:
        return self.outcome == "block"

    def escalate(self, outcome: Outcome) -> None:
        """Raise the outcome to `outcome` if it is more severe than the current one."""
        if OUTCOME_RANK[outcome] > OUTCOME_RANK[self.outcome]:
            self.outcome = outcome


@dataclass(slots=True)
class Image:
    """One image the provider returned, described without keeping its bytes in telemetry."""

    hash: str | None = None  # sha256:<hex> or hmac-sha256:<hex> of the bytes
    mime_type: str | None = None
    url: str | None = None
    size_bytes: int | None = None
    width: int | None = None
    height: int | None = None
    provenance: str | None = None  # c2pa | none | skipped:<why>
    watermark: str | None = None  # key in the pixels (12 hex digits) | skipped:<why> | error:<why>
    phash: str | None = None  # perceptual fingerprint, 16 hex digits


@dataclass(slots=True)
class Usage:
    """Token and compute usage as reported by the provider (None = not reported)."""

    input_tokens: int | None = None
    output_tokens: int | None = None
    input_text_tokens: int | None = None
    input_image_tokens: int | None = None
    cached_input_tokens: int | None = None
    output_image_tokens: int | None = None
    output_text_tokens: int | None = None
    predict_seconds: float | None = None  # Replicate-style billed compute time
    provider_cost_usd: float | None = None  # when the provider reports the charge itself


@dataclass(slots=True)
class Generation:
    provider: str  # gen_ai.provider.name
    operation: Operation = "generate"
    model: str | None = None
    prompt: str | None = None
    negative_prompt: str | None = None
    n: int = 1
    size: str | None = None  # "1024x1024"
    quality: str | None = None
    style: str | None = None
    aspect_ratio: str | None = None
    seed: int | None = None
    params: dict[str, Any] = field(default_factory=dict)  # other request parameters, JSON-able
    server_address: str | None = None
    server_port: int | None = None
    local: bool = False  # in-process pipeline: span kind INTERNAL
    actor: Actor = field(default_factory=Actor)
    id: str = field(default_factory=new_generation_id)
    started_at: float = field(default_factory=time.time)  # epoch seconds
    ended_at: float | None = None
    duration_s: float | None = None

    decision: Decision = field(default_factory=Decision)
    sent_prompt: str | None = None  # what the provider actually received
    prompt_hash: str | None = None  # keyed hash of the original prompt (set by the auditor)

    response_model: str | None = None
    response_id: str | None = None
    images: list[Image] = field(default_factory=list)
    # True once the provider's result was read: then zero images means zero images (all filtered),
    # not "unknown" (which prices as the requested n).
    images_read: bool = False
    revised_prompt: str | None = None
    usage: Usage = field(default_factory=Usage)

    cost_usd: float | None = None
    estimated_cost_usd: float | None = None
    cost_source: str | None = None  # price_table | provider | unpriced
    pricing_version: str | None = None

    status: Status | None = None
    error_type: str | None = None
    # The provider's own content refusal, in its words (moderation_blocked, a safety block reason, ...).
    refusal_reason: str | None = None
    ticket_id: str | None = None
    provenance: str | None = None
    budget_warnings: list[dict[str, Any]] = field(default_factory=list)
    ratelimit_wait_s: float | None = None
    # (scope, subject, used fraction) after admission, for the budget utilisation gauge.
    budget_utilization: list[tuple[str, str, float]] = field(default_factory=list)
    # Extra, provider-specific span attributes (already namespaced, low volume).
    attributes: dict[str, Any] = field(default_factory=dict)

    @property
    def image_count(self) -> int:
        return len(self.images)
