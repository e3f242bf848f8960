"""The outbox against the loopback OTLP receiver: retries while down, once each when up, never again."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

from otel_aiaudit.ledger import LedgerSink, default_path
from otel_aiaudit.ledger.outbox import Outbox, OutboxConfig, outbox_status, pending_count
from otel_aiaudit.settings import Settings
from tests.servers.otlp_receiver import attributes

from .records import records

FAST = {"initial_backoff_s": 0.05, "max_backoff_s": 0.4, "idle_s": 0.2}


def _ids(receiver) -> Counter:  # noqa: ANN001
    return Counter(attributes(lr.attributes)["aiaudit.record.id"] for lr in receiver.log_records())


def _wait(cond, timeout: float = 20.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_outage_is_retried_with_backoff_then_each_record_arrives_once(receiver, ledger_path: Path) -> None:
    receiver.state["down"] = True
    seen: list[float] = []
    receiver.override = lambda rec: seen.append(time.monotonic())  # record the time, then answer as usual
    sink = LedgerSink(ledger_path, outbox=OutboxConfig(f"{receiver.url}/v1/logs", **FAST))
    try:
        written = []
        for i in range(3):
            recs = records(user=f"u{i}")
            sink.write(recs)
            written += [r.record_id for r in recs]
        _wait(lambda: len(seen) >= 6)
        status = outbox_status(sink.ledger)
        assert status["pending"] == 9 and status["max_attempts"] >= 2 and "HTTP 503" in status["last_error"]
        assert receiver.log_records() == []
        gaps = [b - a for a, b in zip(seen, seen[1:], strict=False)]
        assert gaps[-1] > gaps[0]  # exponential backoff: 0.05 s doubling, with jitter
        receiver.state["down"] = False
        _wait(lambda: pending_count(sink.ledger) == 0)
        assert _ids(receiver) == Counter({rid: 1 for rid in written})
        assert outbox_status(sink.ledger)["delivered"] == 9
    finally:
        assert sink.close(timeout=5)
    # A later process with an outbox on the same ledger sends nothing already delivered.
    again = LedgerSink(ledger_path, outbox=OutboxConfig(f"{receiver.url}/v1/logs", **FAST))
    assert again.close(timeout=2)
    assert sum(_ids(receiver).values()) == 9


def test_record_content_arrives_as_written(receiver, ledger_path: Path) -> None:
    sink = LedgerSink(
        ledger_path, outbox=OutboxConfig(f"{receiver.url}/v1/logs", **FAST), resource={"service.name": "svc"}
    )
    recs = records(user="carol", prompt="a red kite", cost=0.25)
    sink.write(recs)
    assert sink.close(timeout=5)
    (req,) = receiver.state["/v1/logs"]
    (rl,) = req.resource_logs
    assert attributes(rl.resource.attributes) == {"service.name": "svc"}
    (sl,) = rl.scope_logs
    assert sl.scope.name == "otel_aiaudit"
    by_type = {attributes(lr.attributes)["aiaudit.record.type"]: lr for lr in sl.log_records}
    assert set(by_type) == {"log", "prompt", "image"}
    log = by_type["log"]
    attrs = attributes(log.attributes)
    assert attrs["user.id"] == "carol" and attrs["aiaudit.cost.usd"] == 0.25
    assert attrs["aiaudit.record.id"] == recs[0].record_id and attrs["aiaudit.ledger.seq"] == 1
    assert log.trace_id.hex() == recs[0].trace_id and log.span_id.hex() == recs[0].span_id
    assert log.time_unix_nano == int(recs[0].timestamp * 1e9) and log.severity_text == "INFO"
    prompt = {kv.key: kv.value.string_value for kv in by_type["prompt"].body.kvlist_value.values}
    assert prompt["prompt"] == "a red kite"


def test_headers_and_gzip_from_the_otlp_variables(receiver, ledger_path: Path) -> None:
    env = {
        "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.url + "/",
        "OTEL_EXPORTER_OTLP_HEADERS": "x-api-key=abc%20def",
        "OTEL_EXPORTER_OTLP_COMPRESSION": "gzip",
    }
    config = OutboxConfig.from_env(env, **FAST)
    assert config.endpoint == f"{receiver.url}/v1/logs"
    sink = LedgerSink(ledger_path, outbox=config)
    sink.write(records())
    assert sink.close(timeout=5)
    (post,) = [r for r in receiver.requests if r.route == "/v1/logs"]
    assert post.headers["x-api-key"] == "abc def" and post.headers["content-encoding"] == "gzip"
    assert len(receiver.log_records()) == 3


def test_config_from_environment() -> None:
    assert OutboxConfig.from_env({}) is None
    assert OutboxConfig.from_env({}, endpoint="http://c:4318").endpoint == "http://c:4318/v1/logs"
    env = {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT": "http://l:9/logs"}
    assert OutboxConfig.from_env(env).endpoint == "http://l:9/logs"


def test_sink_from_settings(tmp_path: Path) -> None:
    s = Settings.from_env({"OTEL_AIAUDIT_STORE": f"sqlite:///{tmp_path}/st/aiaudit.db"})
    assert default_path(s) == tmp_path / "st" / "aiaudit-ledger.db"
    assert default_path(Settings.from_env({"OTEL_AIAUDIT_STORE": "redis://h:6379/0"})) == Path("aiaudit-ledger.db")
    assert default_path(Settings.from_env({"OTEL_AIAUDIT_LEDGER": "off"})) is None
    assert LedgerSink.from_settings(Settings.from_env({"OTEL_AIAUDIT_LEDGER": "off"}), {}) is None
    env = {"OTEL_AIAUDIT_LEDGER": str(tmp_path / "l.db"), "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:9"}
    sink = LedgerSink.from_settings(Settings.from_env(env), env)
    assert sink.delivers and sink.path == str(tmp_path / "l.db")
    sink.close(timeout=0)
    env["OTEL_AIAUDIT_LEDGER_OUTBOX"] = "off"
    sink = LedgerSink.from_settings(Settings.from_env(env), env)
    assert not sink.delivers
    sink.close()


def test_unreachable_collector_keeps_everything(ledger_path: Path) -> None:
    sink = LedgerSink(ledger_path, outbox=OutboxConfig("http://127.0.0.1:9/v1/logs", timeout_s=0.5, **FAST))
    sink.write(records())
    assert sink.close(timeout=0.5) is False
    from otel_aiaudit.ledger.store import Ledger

    led = Ledger(ledger_path)
    assert pending_count(led) == 3
    status = outbox_status(led)
    assert status["leased"] == 0 and "127.0.0.1:9" in status["last_error"]  # released for the next process


CLAIMER = textwrap.dedent(
    """
    import sys
    from otel_aiaudit.ledger.store import Ledger
    from otel_aiaudit.ledger.outbox import claim
    import socket, os
    got = claim(Ledger(sys.argv[1]), f"{socket.gethostname()}:{os.getpid()}:dead", socket.gethostname(), 100, 3600)
    print(len(got))
    """
)


def test_a_dead_process_lease_is_taken_over_at_once(receiver, ledger_path: Path, tmp_path: Path) -> None:
    sink = LedgerSink(ledger_path)  # no outbox: only append and queue below
    sink.ledger.append(records(), outbox=True)
    sink.close()
    script = tmp_path / "claimer.py"
    script.write_text(CLAIMER)
    out = subprocess.run([sys.executable, str(script), str(ledger_path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "3"  # the claimer leased all three for an hour, then exited
    from otel_aiaudit.ledger.store import Ledger

    led = Ledger(ledger_path)
    assert outbox_status(led)["leased"] == 3
    box = Outbox(led, OutboxConfig(f"{receiver.url}/v1/logs", **FAST))
    assert box.flush(5) and box.delivered == 3
    assert len(receiver.log_records()) == 3
