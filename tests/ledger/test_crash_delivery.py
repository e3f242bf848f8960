"""A generating process killed with SIGKILL during a collector outage loses no record and sends none twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from otel_aiaudit.ledger.store import Ledger
from otel_aiaudit.ledger.verify import verify
from tests.servers.otlp_receiver import OTLPReceiver, attributes

GENERATOR = Path(__file__).with_name("_generator.py")


def _env(tmp_path: Path, ledger: Path, endpoint: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "OPENAI_"))}
    env.update(
        OTEL_AIAUDIT_LEDGER=str(ledger),
        OTEL_AIAUDIT_STORE=f"sqlite:///{tmp_path}/store.db",
        OTEL_AIAUDIT_USER="crash-tester",
        OTEL_EXPORTER_OTLP_ENDPOINT=endpoint,
        OTEL_SERVICE_NAME="crash-test",
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
    )
    return env


def _slow_outage(rec):  # noqa: ANN001, ANN202 - a LoopbackServer override
    time.sleep(0.2)  # the POST is in flight for a while: the kill often lands while a batch is leased
    return None  # then the handler answers 503 (state["down"])


def test_sigkill_during_outage_then_restart_delivers_each_record_once(oai, tmp_path: Path) -> None:
    ledger_path = tmp_path / "ledger.db"
    down = OTLPReceiver().start()
    down.state["down"] = True
    down.override = _slow_outage
    proc = subprocess.Popen(
        [sys.executable, str(GENERATOR), oai.url, "forever", "0"],
        env=_env(tmp_path, ledger_path, down.url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        generated = 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            assert line, f"generator exited early: {proc.wait()} {proc.stderr.read()}"
            generated = int(line.split()[1])
            attempts = [r for r in down.requests if r.route == "/v1/logs"]
            if generated >= 8 and len(attempts) >= 3:
                break
        else:
            raise AssertionError(f"no outage retries seen: {generated} generations, {len(down.requests)} POSTs")
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
    retries = len([r for r in down.requests if r.route == "/v1/logs"])
    assert retries >= 3 and down.log_records() == []  # retried while down; the receiver accepted nothing
    down.stop()

    ledger = Ledger(ledger_path)
    killed_ids = [r[0] for r in ledger.conn().execute("SELECT record_id FROM records")]
    assert len(killed_ids) >= 3 * 8  # log, prompt and image record per generation, all in the ledger
    pending = ledger.conn().execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
    assert pending == len(killed_ids)

    # Both come back: a fresh receiver (new process state, new port) and a new generating process.
    up = OTLPReceiver().start()
    try:
        second = subprocess.run(
            [sys.executable, str(GENERATOR), oai.url, "finish", "3"],
            env=_env(tmp_path, ledger_path, up.url),
            capture_output=True,
            text=True,
            timeout=90,
        )
        assert second.returncode == 0, second.stderr
        all_ids = [r[0] for r in ledger.conn().execute("SELECT record_id FROM records ORDER BY seq")]
        assert len(all_ids) == len(killed_ids) + 3 * 3
        arrived = Counter(attributes(lr.attributes)["aiaudit.record.id"] for lr in up.log_records())
        assert set(arrived) == set(all_ids), f"missing: {set(all_ids) - set(arrived)}"
        assert max(arrived.values()) == 1, [k for k, n in arrived.items() if n > 1]
        assert ledger.conn().execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0
        undelivered = ledger.conn().execute("SELECT COUNT(*) FROM records WHERE delivered_at IS NULL").fetchone()[0]
        assert undelivered == 0
        # What arrived is the audit record itself, linked to its span and its place in the chain.
        lr = next(r for r in up.log_records() if attributes(r.attributes)["aiaudit.record.type"] == "log")
        attrs = attributes(lr.attributes)
        assert attrs["user.id"] == "crash-tester" and attrs["gen_ai.request.model"] == "gpt-image-1"
        assert attrs["aiaudit.ledger.hash"] and lr.event_name == "aiaudit.generation"
        assert attrs["aiaudit.ledger.seq"] >= 1 and lr.body.kvlist_value.values
        assert verify(ledger).ok
    finally:
        up.stop()
        ledger.close()
