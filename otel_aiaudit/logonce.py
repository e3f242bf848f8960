"""Failures logged once per place and kind, then at debug level: a fault that repeats on every call
must not flood the application's logs, and must not go unsaid either."""

from __future__ import annotations

import logging

_seen: set[str] = set()


def log_once(logger: logging.Logger, where: str, exc: BaseException, message: str) -> None:
    """`message` is a %-format with one `%s` for `where`."""
    key = f"{logger.name}:{where}:{type(exc).__name__}"
    if key in _seen:
        logger.debug(message + " (repeated)", where, exc_info=exc)
        return
    _seen.add(key)
    logger.warning(message, where, exc_info=exc)
