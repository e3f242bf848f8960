"""A full exporter queue never breaks the user's call nor loses an audit record: the OTel batch
processor drops (and says so), the local ledger still holds every record."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import BatchLogRecordProcessor, LogRecordExporter, LogRecordExportResult

from otel_aiaudit.ledger import open_ledger


class _StuckExporter(LogRecordExporter):
    """A collector that never answers in time."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.exported = 0

    def export(self, batch):  # noqa: ANN001
        self.release.wait(5)
        self.exported += len(batch)
        return LogRecordExportResult.SUCCESS

    def shutdown(self) -> None:
        self.release.set()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True


@pytest.mark.fault(
    fault="the OTel exporter hangs and its queue fills",
    app_sees="calls keep their speed",
    recorded="every record in the ledger; what the SDK dropped can be sent again with aiaudit ledger resend",
)
def test_full_queue_keeps_calls_fast_and_records_in_the_ledger(
    instrument, telemetry, openai_client, tmp_path: Path, monkeypatch, caplog
) -> None:
    ledger_path = tmp_path / "ledger.db"
    monkeypatch.setenv("OTEL_AIAUDIT_LEDGER", str(ledger_path))
    exporter = _StuckExporter()
    provider = LoggerProvider()
    provider.add_log_record_processor(
        BatchLogRecordProcessor(exporter, max_queue_size=2, max_export_batch_size=1, schedule_delay_millis=10)
    )
    telemetry.logger_provider = provider
    instrument(telemetry)
    started = time.perf_counter()
    for i in range(10):
        assert openai_client.images.generate(model="gpt-image-2", prompt=f"tile {i}").data
    elapsed = time.perf_counter() - started
    assert elapsed < 5, "the stuck exporter slowed the user's calls"
    ledger = open_ledger(ledger_path)
    try:
        assert ledger.count() == 30  # 10 generations x (log, prompt, image): nothing lost
    finally:
        ledger.close()
    exporter.release.set()
    provider.shutdown()
    assert exporter.exported < 10  # the OTel path really did drop some
