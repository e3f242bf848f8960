"""Commands that read never create a store, a ledger or a directory; the defaults live in the
per-user state directory, never in the working directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from otel_aiaudit.ledger import default_path
from otel_aiaudit.settings import Settings
from tests.cli._run import invoke, one_error_line

READERS = (
    ("budgets",),
    ("approvals", "list"),
    ("approvals", "show", "t-1"),
    ("report",),
    ("ledger", "verify"),
)


@pytest.fixture()
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Default settings, with the state directory under tmp_path and the working directory elsewhere."""
    monkeypatch.delenv("OTEL_AIAUDIT_STORE")
    monkeypatch.delenv("OTEL_AIAUDIT_LEDGER")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path / "state" / "otel-aiaudit"


def test_defaults_are_in_the_state_directory(state_home: Path) -> None:
    settings = Settings.from_env()
    assert settings.store == f"sqlite:///{state_home / 'aiaudit.db'}"
    assert default_path(settings) == state_home / "aiaudit-ledger.db"
    # A store that is not a file: the ledger still goes to the state directory.
    assert default_path(Settings.from_env(store="memory://")) == state_home / "aiaudit-ledger.db"


def test_explicit_settings_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("OTEL_AIAUDIT_STORE", "sqlite:///data/x.db")
    monkeypatch.delenv("OTEL_AIAUDIT_LEDGER")
    settings = Settings.from_env()
    assert settings.store == "sqlite:///data/x.db"
    assert default_path(settings) == Path("data/aiaudit-ledger.db")
    monkeypatch.setenv("OTEL_AIAUDIT_LEDGER", str(tmp_path / "mine.db"))
    assert default_path(Settings.from_env()) == tmp_path / "mine.db"


@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_readers_create_nothing_by_default(state_home: Path, args: tuple[str, ...]) -> None:
    code, out = invoke(*args)
    assert code == 2
    line = one_error_line(out)
    assert ("no store at" in line or "no audit ledger at" in line) and str(state_home) in line
    assert not state_home.parent.exists()  # not even the directory
    assert os.listdir(".") == []


@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_readers_create_nothing_at_an_explicit_path(tmp_path: Path, args: tuple[str, ...]) -> None:
    where = tmp_path / "missing-dir"
    option = ["--ledger", str(where / "l.db")] if args[0] in ("report", "ledger") else ["--store", f"sqlite:///{where}/s.db"]
    code, out = invoke(*args, *option)
    assert code == 2
    assert str(where) in one_error_line(out)
    assert not where.exists()


def test_an_existing_empty_store_is_valid(tmp_path: Path) -> None:
    from otel_aiaudit.store import open_store

    url = f"sqlite:///{tmp_path / 'aiaudit.db'}"
    open_store(url).budget_usage()
    assert invoke("budgets", "--store", url, "--json") == (0, "")
    assert invoke("approvals", "list", "--store", url, "--json") == (0, "")


def test_memory_store_has_nothing_to_read() -> None:
    code, out = invoke("budgets", "--store", "memory://")
    assert code == 2
    assert "memory://" in one_error_line(out)
