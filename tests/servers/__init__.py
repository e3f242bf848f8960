"""Loopback servers speaking each provider's wire format, for the tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from otel_aiaudit.loopback.server import LoopbackServer


def serving(start: Callable[[], LoopbackServer]) -> Iterator[LoopbackServer]:
    """Body of a module-scoped server fixture: `yield from serving(start_x_server)`; always stopped."""
    srv = start()
    try:
        yield srv
    finally:
        srv.stop()
