"""Budgets, rate limits and approvals, held in a shared store (see otel_aiaudit.store).

The Governor is the one entry point: `admit(gen)` before the provider call, then `settle(cost)` or
`release()` on the Admission it returns. Nothing here knows OTel or any client library.
"""

from __future__ import annotations

from .governor import Admission, Governor

__all__ = ["Admission", "Governor"]
