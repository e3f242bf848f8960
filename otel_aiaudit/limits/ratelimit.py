"""Rate limit: images per window (one hour by default) per user, or per team.

An exact sliding window: at no moment do more than `images_per_hour` images start within any
window. With `queue_and_wait` a full window books the earliest future slot that keeps this true and
the call waits for it; a refused call books nothing.
"""

from __future__ import annotations

from ..policy.config import RateLimit
from ..store.base import US_PER_S, RateRequest
from ..store.keys import key_part

CATEGORY = "images_per_hour"


def rate_request(cfg: RateLimit, user: str, team: str | None, images: int) -> RateRequest:
    # per: team counts the team's images together; a user without a team is limited alone.
    key = f"team:{key_part(team)}" if cfg.per == "team" and team else f"user:{key_part(user)}"
    max_wait = cfg.max_wait_seconds if cfg.action == "queue_and_wait" else 0
    return RateRequest(
        key=key,
        count=max(1, images),
        limit=cfg.images_per_hour,
        window_us=cfg.window_seconds * US_PER_S,
        max_wait_us=int(max_wait * US_PER_S),
    )


def describe(req: RateRequest) -> str:
    return f"{req.limit} images per {req.window_us // US_PER_S} s for {req.key}"
