"""Audit records from real Generations through the real build_records, with chosen values."""

from __future__ import annotations

import time
from typing import Any

from otel_aiaudit.generation import Actor, Decision, Generation, Hit, Image
from otel_aiaudit.telemetry.audit_log import AuditRecord, build_records
from otel_aiaudit.telemetry.capture import PromptCapture

FULL = PromptCapture("full")


def generation(
    *,
    user: str = "alice",
    team: str | None = "marketing",
    model: str = "gpt-image-1",
    provider: str = "openai",
    prompt: str = "a lighthouse at dusk",
    cost: float | None = 0.04,
    images: int = 1,
    status: str = "success",
    at: float | None = None,
    hits: list[Hit] | None = None,
    outcome: str = "allow",
    error_type: str | None = None,
    purpose: str | None = None,
) -> Generation:
    at = time.time() if at is None else at
    gen = Generation(provider=provider, model=model, prompt=prompt, actor=Actor(user=user, team=team, purpose=purpose))
    gen.started_at, gen.ended_at, gen.duration_s = at - 1.0, at, 1.0
    gen.status = status  # type: ignore[assignment]
    gen.cost_usd = cost
    gen.cost_source = "price_table" if cost is not None else "unpriced"
    gen.prompt_hash = "sha256:" + "ab" * 32
    gen.error_type = error_type
    gen.decision = Decision(outcome=outcome, hits=list(hits or []))  # type: ignore[arg-type]
    gen.images = [
        Image(hash=f"sha256:{i:064x}", mime_type="image/png", url=f"https://img.example/{gen.id}/{i}", size_bytes=1000)
        for i in range(images)
    ]
    return gen


def records(capture: PromptCapture = FULL, **kwargs: Any) -> list[AuditRecord]:
    return build_records(generation(**kwargs), capture, "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331")
