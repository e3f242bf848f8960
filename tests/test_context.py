"""Who and why: audit_context across threads and asyncio tasks, decorator form, baggage, env defaults."""

from __future__ import annotations

import asyncio
import contextvars
import threading

from opentelemetry import baggage
from opentelemetry import context as otel_context

from otel_aiaudit import audit_context
from otel_aiaudit.context import current_actor


def _users(telemetry) -> list[tuple[str, str | None, str | None]]:
    return sorted(
        (s.attributes["user.id"], s.attributes.get("aiaudit.team"), s.attributes.get("aiaudit.purpose"))
        for s in telemetry.finished_spans()
    )


def test_context_manager_sets_actor(instrument_no_content, telemetry, openai_client) -> None:
    with audit_context(user="alice", team="marketing", purpose="external"):
        openai_client.images.generate(model="gpt-image-2", prompt="a")
    openai_client.images.generate(model="gpt-image-2", prompt="b")
    assert _users(telemetry) == [("alice", "marketing", "external"), ("tester", None, None)]
    (log_rec, _) = [r for r in telemetry.records("log")]
    assert {log_rec.body.get("purpose")} <= {"external", None}


def test_nested_contexts_inherit_and_restore() -> None:
    with audit_context(user="alice", team="marketing"):
        with audit_context(purpose="internal"):
            inner = current_actor()
        outer = current_actor()
    assert (inner.user, inner.team, inner.purpose) == ("alice", "marketing", "internal")
    assert (outer.user, outer.team, outer.purpose) == ("alice", "marketing", None)
    assert current_actor().user is None


def test_decorator_sync_and_async(
    instrument_no_content, telemetry, openai_client, async_openai_client
) -> None:
    @audit_context(user="bob", team="design")
    def make() -> None:
        openai_client.images.generate(model="gpt-image-2", prompt="sync")

    @audit_context(user="carol", team="legal")
    async def amake() -> None:
        await async_openai_client.images.generate(model="gpt-image-2", prompt="async")

    make()
    asyncio.run(amake())
    assert _users(telemetry) == [("bob", "design", None), ("carol", "legal", None)]


def test_threads_do_not_leak(instrument_no_content, telemetry, openai_client) -> None:
    barrier = threading.Barrier(4)

    def work(name: str) -> None:
        with audit_context(user=name, team=f"team-{name}"):
            barrier.wait()  # all four contexts are open at once
            openai_client.images.generate(model="gpt-image-2", prompt=name)

    threads = [threading.Thread(target=work, args=(f"u{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert _users(telemetry) == [(f"u{i}", f"team-u{i}", None) for i in range(4)]


def test_thread_started_with_copied_context_inherits(instrument_no_content, telemetry, openai_client) -> None:
    with audit_context(user="dora", team="ops"):
        ctx = contextvars.copy_context()
    t = threading.Thread(
        target=ctx.run, args=(openai_client.images.generate,), kwargs={"model": "gpt-image-2", "prompt": "x"}
    )
    t.start()
    t.join()
    assert _users(telemetry) == [("dora", "ops", None)]


async def test_asyncio_tasks_are_isolated(instrument_no_content, telemetry, async_openai_client) -> None:
    async def work(name: str) -> None:
        async with audit_context(user=name):
            await asyncio.sleep(0.01)
            await async_openai_client.images.generate(model="gpt-image-2", prompt=name)

    await asyncio.gather(*(work(f"t{i}") for i in range(5)))
    assert [u for u, _, _ in _users(telemetry)] == [f"t{i}" for i in range(5)]


def test_baggage_supplies_the_actor(instrument_no_content, telemetry, openai_client) -> None:
    ctx = baggage.set_baggage("aiaudit.user", "erin")
    ctx = baggage.set_baggage("aiaudit.team", "support", ctx)
    ctx = baggage.set_baggage("aiaudit.purpose", "internal", ctx)
    token = otel_context.attach(ctx)
    try:
        openai_client.images.generate(model="gpt-image-2", prompt="b")
    finally:
        otel_context.detach(token)
    assert _users(telemetry) == [("erin", "support", "internal")]


def test_env_defaults(instrument, telemetry, openai_client, monkeypatch) -> None:
    monkeypatch.setenv("OTEL_AIAUDIT_USER", "svc-render")
    monkeypatch.setenv("OTEL_AIAUDIT_TEAM", "platform")
    instrument()
    openai_client.images.generate(model="gpt-image-2", prompt="x")
    with audit_context(user="frank"):
        openai_client.images.generate(model="gpt-image-2", prompt="y")
    assert _users(telemetry) == [("frank", "platform", None), ("svc-render", "platform", None)]
