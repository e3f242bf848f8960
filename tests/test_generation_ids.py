"""Generation ids come from the OS: a library seeding `random` cannot make them repeat (a repeated id
is charged once by the budget and kept once by the ledger), a forked child draws its own, and ids
sort by creation time."""

from __future__ import annotations

import os
import random
import time
import uuid
from pathlib import Path

import pytest

from otel_aiaudit import BudgetExceeded, audit_context
from otel_aiaudit.generation import new_generation_id
from otel_aiaudit.ledger import LedgerSink
from otel_aiaudit.policy.config import PolicyConfig

# dall-e-3 standard 1024x1024 costs $0.04 an image, estimate and charge alike: $0.08 is two images.
POLICY = PolicyConfig.model_validate(
    {"version": 1, "mode": "enforce", "cost_limits": {"per_user_daily": 0.08, "timezone": "UTC"}}
)


@pytest.mark.fault(
    fault="a library calls random.seed() before every call",
    app_sees="nothing: every call gets its own id; the budget stops the third call",
    recorded="one record and one budget charge per generation",
)
def test_a_seeded_random_module_neither_repeats_ids_nor_lets_calls_past_the_budget(
    instrument, telemetry, openai_client, oai, tmp_path: Path
) -> None:
    sink = LedgerSink(tmp_path / "ledger.db")
    inst = instrument(policy=POLICY, store=f"sqlite:///{tmp_path}/limits.db", record_sinks=[sink])
    outcomes = []
    with audit_context(user="ann"):
        for _ in range(4):
            random.seed(0)  # what some library does behind the application's back
            try:
                openai_client.images.generate(model="dall-e-3", prompt="a paper boat")
                outcomes.append("ok")
            except BudgetExceeded:
                outcomes.append("blocked")
    assert outcomes == ["ok", "ok", "blocked", "blocked"]
    assert len(oai.routes("/v1/images")) == 2

    span_ids = [s.attributes["aiaudit.generation.id"] for s in telemetry.finished_spans()]
    record_ids = [r.attributes["aiaudit.generation.id"] for r in telemetry.records("log")]
    assert len(span_ids) == 4 and len(set(span_ids)) == 4
    assert sorted(record_ids) == sorted(span_ids)
    ledger_ids = [r[0] for r in sink.ledger.conn().execute("SELECT generation_id FROM records WHERE type = 'log'")]
    sink.close()
    assert sorted(ledger_ids) == sorted(span_ids)

    (daily,) = inst.auditor.governor.store.budget_usage()
    assert (daily.spent, daily.reserved) == (80_000, 0)  # micro-dollars: two images charged, no more


def test_ids_are_uuid7_in_32_lowercase_hex() -> None:
    before_ms = time.time_ns() // 1_000_000
    gid = new_generation_id()
    after_ms = time.time_ns() // 1_000_000
    assert len(gid) == 32 and gid == gid.lower() and int(gid, 16) >= 0
    u = uuid.UUID(gid)
    assert u.version == 7 and u.variant == uuid.RFC_4122
    assert before_ms <= u.int >> 80 <= after_ms


def test_a_forked_child_draws_other_ids_than_its_parent() -> None:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: seed as the parent will, then report its ids
        try:
            random.seed(0)
            os.write(write_end, "".join(new_generation_id() for _ in range(50)).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    random.seed(0)
    parent = {new_generation_id() for _ in range(50)}
    data = b""
    while chunk := os.read(read_end, 65536):
        data += chunk
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    text = data.decode()
    child = {text[i : i + 32] for i in range(0, len(text), 32)}
    assert len(child) == 50 and len(parent) == 50
    assert not parent & child


@pytest.mark.parametrize("pause_s", [0.0, 0.002])
def test_ids_sort_by_creation_time(pause_s: float) -> None:
    ids = []
    for _ in range(2000 if pause_s == 0 else 20):
        ids.append(new_generation_id())
        if pause_s:
            time.sleep(pause_s)
    assert ids == sorted(ids)  # strictly: the clock standing still does not reorder them
    assert len(set(ids)) == len(ids)
