"""Hostile YAML (alias bombs, recursion, deep nesting, huge files) is refused fast, in one line,
by every loader of a user's file: the policy (CLI and instrumentor), a prices file, a mappings file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from otel_aiaudit import safe_yaml
from otel_aiaudit.cli.main import app
from otel_aiaudit.errors import PolicyFileError
from otel_aiaudit.policy.config import load_policy
from otel_aiaudit.pricing import PriceFileError, PriceTable
from otel_aiaudit.providers.rest_mappings import MappingError, load_mappings

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _bomb() -> str:
    """The classic "billion laughs": nine levels of nine aliases, 9**9 strings once expanded."""
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return "version: 1\n" + "\n".join(levels) + "\n"


BOMB = _bomb()
HOSTILE = {
    "alias bomb": (BOMB, "aliases expand to more than"),
    "recursive alias": ("version: 1\nroles: &r {manager: *r}\n", "refers to a node that contains it"),
    "deep nesting": ("version: 1\nroles: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than"),
    "too large": ("version: 1\n" + "# padding\n" * 110_000, "larger than 1 MiB"),
}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bomb_is_small() -> None:
    assert len(BOMB.encode()) <= 400


@pytest.mark.parametrize("case", list(HOSTILE))
@pytest.mark.fault(
    fault="a YAML alias bomb or an oversized policy file",
    app_sees="one line naming the file and line, in well under a second",
    recorded="nothing: the file is refused before it is expanded",
)
def test_policy_check_refuses_fast_in_one_line(tmp_path: Path, case: str) -> None:
    text, phrase = HOSTILE[case]
    path = write(tmp_path, "policy.yaml", text)
    start = time.perf_counter()
    result = runner.invoke(app, ["policy", "check", str(path)])
    elapsed = time.perf_counter() - start
    assert result.exit_code == 1, result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"{path}:") and phrase in line, line
    assert elapsed < 1.0, elapsed
    with pytest.raises(PolicyFileError) as err:
        load_policy(path)
    assert str(err.value) == line


def test_bomb_names_the_line_where_it_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "policy.yaml", BOMB)
    with pytest.raises(PolicyFileError) as err:
        load_policy(path)
    # Level e (line 6): its first alias (a subtree of 7,381 nodes) takes the expansion past 10,000.
    assert err.value.line == 6 and err.value.path == str(path)


def test_bomb_through_the_real_command_line(tmp_path: Path) -> None:
    path = write(tmp_path, "policy.yaml", BOMB)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "otel_aiaudit.cli.main", "policy", "check", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert proc.stderr.strip() == f"{path}:6: aliases expand to more than 10000 nodes (nested anchors)"


def test_bomb_as_prices_file(tmp_path: Path) -> None:
    path = write(tmp_path, "prices.yaml", BOMB)
    start = time.perf_counter()
    with pytest.raises(PriceFileError) as err:
        PriceTable.load(extra_files=[path])
    assert time.perf_counter() - start < 1.0
    assert (
        str(err.value) == f"{path}:6: cannot read prices file: aliases expand to more than 10000 nodes (nested anchors)"
    )


def test_too_large_prices_file(tmp_path: Path) -> None:
    path = write(tmp_path, "prices.yaml", "entries: []\n" + "#" * (1 << 20))
    with pytest.raises(PriceFileError, match=r"prices\.yaml: cannot read prices file: file is larger than 1 MiB$"):
        PriceTable.load(extra_files=[path])


def test_bomb_as_mappings_file(tmp_path: Path) -> None:
    path = write(tmp_path, "mappings.yaml", BOMB)
    start = time.perf_counter()
    with pytest.raises(MappingError) as err:
        load_mappings(mappings_file=path)
    assert time.perf_counter() - start < 1.0
    assert (
        str(err.value)
        == f"{path}:6: cannot read mappings file: aliases expand to more than 10000 nodes (nested anchors)"
    )


def test_mappings_syntax_error_is_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, "mappings.yaml", "mappings:\n  - name: x\n    provider: [oops\n")
    with pytest.raises(MappingError) as err:
        load_mappings(mappings_file=path)
    assert "\n" not in str(err.value) and str(err.value).startswith(f"{path}:")


def test_many_aliases_are_refused_even_when_small(tmp_path: Path) -> None:
    many = "x: &x 1\nl: [" + ", ".join(["*x"] * (safe_yaml.MAX_ALIASES + 1)) + "]\n"
    with pytest.raises(safe_yaml.YAMLFileError, match=f"more than {safe_yaml.MAX_ALIASES} aliases"):
        safe_yaml.load_file(write(tmp_path, "many.yaml", many))


def test_ordinary_anchors_and_merge_keys_load() -> None:
    text = "base: &base {size: 1024x1024, n: 1}\nhd:\n  <<: *base\n  quality: hd\nalso: *base\n"
    assert safe_yaml.load(text, "t.yaml") == {
        "base": {"size": "1024x1024", "n": 1},
        "hd": {"size": "1024x1024", "n": 1, "quality": "hd"},
        "also": {"size": "1024x1024", "n": 1},
    }


def test_shipped_yaml_files_load_within_bounds() -> None:
    # Prices and mappings shipped in the package go through the same loader.
    table = PriceTable.load()
    assert table.lookup("openai", "gpt-image-1") is not None
    assert len(load_mappings()) > 0


def test_deep_flow_nesting_is_refused_at_its_line_and_quoted_brackets_are_text() -> None:
    deep = "version: 1\nnote: ok\nroles: " + "[ " * (safe_yaml.MAX_DEPTH + 1) + "]" * (safe_yaml.MAX_DEPTH + 1) + "\n"
    with pytest.raises(safe_yaml.YAMLFileError, match=r"^deep\.yaml:3: nested more than"):
        safe_yaml.load(deep, "deep.yaml")
    # Brackets inside quoted scalars and comments are text, not nesting.
    brackets = "[" * 300
    text = f"a: '{brackets}'\nb: \"{brackets}\"\n# {brackets}\nc: [[1, 2], {{d: 3}}]\n"
    assert safe_yaml.load(text, "q.yaml") == {"a": brackets, "b": brackets, "c": [[1, 2], {"d": 3}]}
