"""Stores for budgets, rate limits and approval tickets, chosen by URL.

`sqlite:///relative/path.db`, `sqlite:////absolute/path.db` (default `sqlite:///./aiaudit.db`),
`redis://host:port/db` (also `rediss://`, `unix://`; `?prefix=` sets the key prefix), `memory://`.
Opening a store never touches the network; Redis connects on first use.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .base import (
    MICROS_PER_USD,
    AdmitRequest,
    AdmitResult,
    ApprovalUse,
    RateRequest,
    ScopeRequest,
    ScopeState,
    ScopeUsage,
    Store,
    StoreError,
    Ticket,
    TicketError,
    micros_to_usd,
    usd_to_micros,
)

__all__ = [
    "MICROS_PER_USD",
    "AdmitRequest",
    "AdmitResult",
    "ApprovalUse",
    "RateRequest",
    "ScopeRequest",
    "ScopeState",
    "ScopeUsage",
    "Store",
    "StoreError",
    "Ticket",
    "TicketError",
    "micros_to_usd",
    "open_store",
    "usd_to_micros",
]


def open_store(url: str) -> Store:
    """Open the store named by `url`; a malformed URL raises ValueError naming it."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    query = dict(parse_qsl(parts.query))
    if scheme == "sqlite":
        from .sqlite import SqliteStore

        # sqlite:///rel.db -> "rel.db", sqlite:////abs.db -> "/abs.db" (the SQLAlchemy convention).
        path = parts.path[1:] if parts.path.startswith("/") else parts.path
        if parts.netloc or not path:
            raise ValueError(f"store URL {url!r}: expected sqlite:///path/to/file.db")
        timeout = float(query.get("busy_timeout", 30.0))
        return SqliteStore(url, path, busy_timeout_s=timeout)
    if scheme in ("redis", "rediss", "unix"):
        from .redis import RedisStore

        prefix = query.pop("prefix", "{aiaudit}:")
        clean = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))
        return RedisStore(clean, prefix=prefix)
    if scheme == "memory":
        from .memory import MemoryStore

        return MemoryStore(url)
    raise ValueError(f"store URL {url!r}: scheme must be sqlite, redis, rediss, unix or memory")
