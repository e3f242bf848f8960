from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from otel_aiaudit.ledger import LedgerSink
from tests.servers.otlp_receiver import OTLPReceiver


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def sink(ledger_path: Path) -> Iterator[LedgerSink]:
    s = LedgerSink(ledger_path)
    yield s
    s.close()


@pytest.fixture
def raw(ledger_path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection to the ledger file: what someone tampering with it would use."""
    conn = sqlite3.connect(ledger_path, isolation_level=None)
    yield conn
    conn.close()


@pytest.fixture
def receiver() -> Iterator[OTLPReceiver]:
    srv = OTLPReceiver().start()
    yield srv
    srv.stop()
