"""Who is generating, and why: `audit_context()` in contextvars, with OTel baggage as a fallback.

contextvars follow threads started with `contextvars.copy_context()` and every asyncio task (each
task copies the context at creation), so nested and concurrent contexts never leak into each other.
Baggage lets the actor arrive from an upstream service through W3C propagation.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, TypeVar

from opentelemetry import baggage

from .generation import Actor

BAGGAGE_USER = "aiaudit.user"
BAGGAGE_TEAM = "aiaudit.team"
BAGGAGE_PURPOSE = "aiaudit.purpose"
BAGGAGE_APPROVAL = "aiaudit.approval_id"

_current: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("aiaudit_actor", default=None)

F = TypeVar("F", bound=Callable[..., Any])


class audit_context:  # noqa: N801 - reads as a function at the call site, like contextlib helpers
    """Set the actor for every generation inside a block or a decorated function.

    `with audit_context(user="alice", team="marketing", purpose="external"): ...`
    Unset fields inherit from an enclosing audit_context.
    """

    def __init__(
        self,
        user: str | None = None,
        team: str | None = None,
        purpose: str | None = None,
        approval_id: str | None = None,
        organisation: str | None = None,
    ) -> None:
        self._fields = {
            "user": user,
            "team": team,
            "purpose": purpose,
            "approval_id": approval_id,
            "organisation": organisation,
        }
        self._tokens: list[contextvars.Token[Actor | None]] = []

    def _merged(self) -> Actor:
        base = _current.get() or Actor()
        return replace(base, **{k: v for k, v in self._fields.items() if v is not None})

    def __enter__(self) -> Actor:
        actor = self._merged()
        self._tokens.append(_current.set(actor))
        return actor

    def __exit__(self, *exc: object) -> None:
        _current.reset(self._tokens.pop())

    async def __aenter__(self) -> Actor:
        return self.__enter__()

    async def __aexit__(self, *exc: object) -> None:
        self.__exit__()

    def __call__(self, func: F) -> F:
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                with self._fresh():
                    return await func(*args, **kwargs)

            return async_wrapper  # type: ignore[return-value]

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self._fresh():
                return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    @contextmanager
    def _fresh(self) -> Iterator[Actor]:
        # A decorated function may run concurrently (threads, tasks): each call gets its own token.
        token = _current.set(self._merged())
        try:
            yield _current.get()  # type: ignore[misc]
        finally:
            _current.reset(token)


def current_actor(default_user: str | None = None, default_team: str | None = None) -> Actor:
    """The actor for a generation starting now: audit_context, then baggage, then settings."""
    actor = _current.get()
    user = actor.user if actor else None
    team = actor.team if actor else None
    purpose = actor.purpose if actor else None
    approval = actor.approval_id if actor else None
    organisation = actor.organisation if actor else None
    if user is None or team is None or purpose is None or approval is None:
        bags = baggage.get_all()
        if bags:
            user = user or _str(bags.get(BAGGAGE_USER))
            team = team or _str(bags.get(BAGGAGE_TEAM))
            purpose = purpose or _str(bags.get(BAGGAGE_PURPOSE))
            approval = approval or _str(bags.get(BAGGAGE_APPROVAL))
    return Actor(
        user=user or default_user,
        team=team or default_team,
        purpose=purpose,
        approval_id=approval,
        organisation=organisation,
    )


def _str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
