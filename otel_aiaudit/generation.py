"""The one record that flows through the auditor: a Generation, and what is decided about it.

Providers fill in the request half and the result half; the policy engine attaches a Decision;
pricing fills in cost; telemetry reads the finished record. Nothing here knows OTel or any client
library, so every layer can depend on this module and on nothing else.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Any, Literal

Operation = Literal["generate", "edit", "variation", "upscale"]
Outcome = Literal["allow", "warn", "modify", "queue", "pending_approval", "block"]
Status = Literal["success", "blocked", "error", "pending_approval"]

# Order of severity: the worst hit decides the outcome of a whole evaluation.
OUTCOME_RANK: dict[str, int] = {
    "allow": 0,
    "warn": 1,
    "modify": 2,
    "queue": 3,
    "pending_approval": 4,
    "block": 5,
}


def new_generation_id() -> str:
    """A random 128-bit id in hex; also the idempotency key for budget charges.

    Drawn from `random` (seeded from the OS at start and again in every forked child), as the OTel
    SDK draws trace ids: `uuid4()` reads the OS random source on every call, and that system call
    releases the GIL in the middle of the user's request, where any background thread can take it."""
    return f"{random.getrandbits(128):032x}"


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
