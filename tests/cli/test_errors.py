"""Every CLI error is one line, `aiaudit: error: ...`, with the exit code its kind calls for:
1 what was checked is bad, 2 usage or input error, 3 a service cannot be reached."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.cli._run import invoke, one_error_line, run_without


def _closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_bad_setting_in_the_environment_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_AIAUDIT_PROMPT_CAPTURE", "everything")
    code, out = invoke("budgets")
    assert code == 2
    assert "OTEL_AIAUDIT_PROMPT_CAPTURE=everything" in one_error_line(out)


def test_bad_store_url_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_AIAUDIT_STORE", "postgres://db/audit")
    code, out = invoke("approvals", "list")
    assert code == 2
    assert "OTEL_AIAUDIT_STORE" in one_error_line(out)


def test_unknown_option_is_one_line_usage_error() -> None:
    code, out = invoke("budgets", "--no-such-option")
    assert code == 2
    line = one_error_line(out)
    assert "--no-such-option" in line and "budgets --help" in line


def test_bad_option_value_is_one_line_usage_error(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.db"
    ledger.write_bytes(b"")
    code, out = invoke("report", "--ledger", str(ledger), "--format", "pdf")
    assert code == 2
    assert "--format" in one_error_line(out)


def test_broken_policy_file_is_an_input_error(tmp_path: Path) -> None:
    db = tmp_path / "aiaudit.db"
    assert invoke("budgets", "--store", f"sqlite:///{db}")[0] == 2  # no store yet: nothing to show
    bad = tmp_path / "policy.yaml"
    bad.write_text("version: 1\nmode: enforce\npii: {action: shout}\n")
    code, out = invoke("approvals", "approve", "t-1", "--as", "carol", "--policy", str(bad))
    assert code == 2
    line = one_error_line(out)
    assert str(bad) in line and "pii" in line


def test_unwritable_output_file_is_an_input_error(tmp_path: Path) -> None:
    from otel_aiaudit.ledger.store import Ledger
    from tests.ledger.records import records

    ledger = tmp_path / "ledger.db"
    led = Ledger(ledger)
    led.append(records())
    led.close()
    code, out = invoke("report", "--ledger", str(ledger), "--output", str(tmp_path / "no-dir" / "r.html"))
    assert code == 2
    assert "no-dir" in one_error_line(out)


def test_unreachable_redis_store_exits_3() -> None:
    code, out = invoke("budgets", "--store", f"redis://127.0.0.1:{_closed_port()}/0")
    assert code == 3
    assert "Redis" in one_error_line(out)


def test_unreachable_elasticsearch_exits_3() -> None:
    code, out = invoke("setup", "elasticsearch", "--url", f"http://127.0.0.1:{_closed_port()}")
    assert code == 3
    one_error_line(out)


def test_redis_store_without_redis_py_names_the_extra() -> None:
    out = run_without("redis", "budgets", "--store", "redis://127.0.0.1:6379/0")
    assert out.returncode == 2, out.stderr
    assert "pip install 'otel-aiaudit[redis]'" in one_error_line(out.stdout + out.stderr)


def test_verify_image_without_c2pa_names_the_extra(tmp_path: Path) -> None:
    from otel_aiaudit.loopback.images import solid_png

    image = tmp_path / "image.png"
    image.write_bytes(solid_png(rgb=(10, 20, 30)))
    out = run_without("c2pa", "verify-image", str(image))
    assert out.returncode == 2, out.stderr
    assert "pip install 'otel-aiaudit[c2pa]'" in one_error_line(out.stdout + out.stderr)


def test_verify_image_on_a_text_file_is_an_input_error(tmp_path: Path) -> None:
    text = tmp_path / "notes.png"
    text.write_text("not an image at all\n")
    code, out = invoke("verify-image", str(text))
    assert code == 2
    assert "is not an image" in one_error_line(out)


def test_missing_input_file_is_an_input_error(tmp_path: Path) -> None:
    code, out = invoke("verify-image", str(tmp_path / "absent.png"))
    assert code == 2
    one_error_line(out)


def test_unknown_ticket_exits_1(tmp_path: Path) -> None:
    from otel_aiaudit.store import open_store

    url = f"sqlite:///{tmp_path / 'aiaudit.db'}"
    open_store(url).budget_usage()  # an existing, empty store
    code, out = invoke("approvals", "show", "t-missing", "--store", url)
    assert code == 1
    assert "t-missing" in one_error_line(out)
