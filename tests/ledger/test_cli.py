"""`aiaudit ledger verify | retention | resend` and `aiaudit report`, through the real typer app."""

from __future__ import annotations

import json
import time
from pathlib import Path

import yaml
from typer.testing import CliRunner

from otel_aiaudit.cli.main import app
from tests.servers.otlp_receiver import attributes

from .records import records
from .test_report import known_ledger

runner = CliRunner()
DAY = 86_400.0


def test_verify_ok_then_names_the_edited_record(sink, raw, ledger_path: Path) -> None:
    known_ledger(sink)
    ok = runner.invoke(app, ["ledger", "verify", "--ledger", str(ledger_path)])
    assert ok.exit_code == 0, ok.output
    assert "OK: 27 records checked" in ok.output
    (rid,) = raw.execute("SELECT record_id FROM records WHERE seq = 10").fetchone()
    raw.execute("UPDATE records SET user = 'nobody' WHERE seq = 10")
    bad = runner.invoke(app, ["ledger", "verify", "--ledger", str(ledger_path)])
    assert bad.exit_code == 1
    assert f"EDITED record {rid} (seq 10) was edited" in bad.output
    doc = json.loads(runner.invoke(app, ["ledger", "verify", "--ledger", str(ledger_path), "--json"]).output)
    assert doc["ok"] is False and doc["problems"][0]["record_id"] == rid


def test_verify_uses_the_configured_ledger(sink, monkeypatch, ledger_path: Path) -> None:
    sink.ledger.append(records())
    monkeypatch.setenv("OTEL_AIAUDIT_LEDGER", str(ledger_path))
    assert runner.invoke(app, ["ledger", "verify"]).exit_code == 0


def test_missing_ledger_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ledger", "verify", "--ledger", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no audit ledger at" in result.output
    assert not (tmp_path / "none.db").exists()


def test_retention_dry_run_then_apply_with_the_policy_file(sink, ledger_path: Path, tmp_path: Path) -> None:
    sink.ledger.append(records(prompt="very old prompt", at=time.time() - 100 * DAY))
    sink.ledger.append(records(prompt="fresh prompt"))
    policy = tmp_path / "policy.yaml"
    policy.write_text(yaml.safe_dump({"version": 1, "retention": {"prompts": 30, "images": 60, "logs": 90}}))
    dry = runner.invoke(app, ["ledger", "retention", "--ledger", str(ledger_path), "--policy", str(policy)])
    assert dry.exit_code == 0, dry.output
    assert "would remove: 1 records" in dry.output and "dry run" in dry.output
    applied = runner.invoke(
        app, ["ledger", "retention", "--apply", "--ledger", str(ledger_path), "--policy", str(policy), "--json"]
    )
    doc = json.loads(applied.output)
    assert doc["applied"] and doc["pruned"] == 3 and doc["record_id"].startswith("retention:")
    assert runner.invoke(app, ["ledger", "verify", "--ledger", str(ledger_path)]).exit_code == 0


def test_resend_rebuilds_each_generation_as_one_record_through_the_sdk_exporter(
    receiver, sink, ledger_path: Path, monkeypatch
) -> None:
    first, second = records(user="ann"), records(user="bob")
    sink.ledger.append(first)
    sink.ledger.append(second)
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.url)
    out = runner.invoke(app, ["ledger", "resend", "--ledger", str(ledger_path), "--after-seq", "3"])
    assert out.exit_code == 0, out.output
    assert "sent: 1 records" in out.output
    (sent,) = receiver.log_records()
    attrs = attributes(sent.attributes)
    assert attrs["aiaudit.record.id"] == second[0].generation_id and attrs["user.id"] == "bob"
    assert attrs["aiaudit.ledger.seq"] == 6 and len(attrs["aiaudit.ledger.hash"]) == 64
    assert "aiaudit.record.type" not in attrs
    assert sent.event_name == "aiaudit.generation"
    assert {kv.key for kv in sent.body.kvlist_value.values} == {"log", "prompt", "image"}


def test_resend_to_an_endpoint_that_is_down_exits_3(receiver, sink, ledger_path: Path, monkeypatch) -> None:
    sink.ledger.append(records())
    receiver.state["down"] = True
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.url)
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_TIMEOUT", "1")
    out = runner.invoke(app, ["ledger", "resend", "--ledger", str(ledger_path)])
    assert out.exit_code == 3
    assert "did not acknowledge" in out.output


def test_report_formats(sink, ledger_path: Path, tmp_path: Path) -> None:
    known_ledger(sink)
    table = runner.invoke(app, ["report", "--ledger", str(ledger_path)])
    assert table.exit_code == 0, table.output
    assert "Total Spend (30d)" in table.output and "$0.70" in table.output
    assert "no budget store at" in table.output  # the test store file does not exist: n/a, with why
    doc = json.loads(
        runner.invoke(app, ["report", "--ledger", str(ledger_path), "--format", "json", "--since", "7d"]).output
    )
    assert doc["generations"] == 6
    out = tmp_path / "r.html"
    html = runner.invoke(app, ["report", "--ledger", str(ledger_path), "--format", "html", "-o", str(out)])
    assert html.exit_code == 0 and out.read_text().count("<svg") == 3
    csv_out = runner.invoke(app, ["report", "--ledger", str(ledger_path), "--format", "csv"])
    assert csv_out.output.startswith("section,item,field,value")
    bad = runner.invoke(app, ["report", "--ledger", str(ledger_path), "--since", "yesterday"])
    assert bad.exit_code == 2 and "--since" in bad.output
