"""Policy file loading: valid files, and errors naming file, line, key and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from otel_aiaudit.errors import PolicyFileError
from otel_aiaudit.policy.config import load_policy
from otel_aiaudit.policy.engine import PolicyEngine

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "policy.yaml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_policy_loads_with_digest() -> None:
    config = load_policy(EXAMPLE)
    assert config.mode == "enforce"
    assert config.digest.startswith("sha256:") and len(config.digest) == len("sha256:") + 12
    assert config.source == str(EXAMPLE)
    assert config.cost_limits is not None and config.cost_limits.per_user_daily == 5.0
    engine = PolicyEngine(config)
    assert engine.version == config.digest


def test_digest_changes_with_content(tmp_path: Path) -> None:
    a = load_policy(write(tmp_path, "version: 1\nmode: enforce\n")).digest
    b = load_policy(write(tmp_path, "version: 1\nmode: observe\n")).digest
    assert a != b


def test_unknown_key_with_did_you_mean(tmp_path: Path) -> None:
    path = write(tmp_path, "version: 1\ncontent_filter:\n  action: block\n  blocked_categoris: [violence]\n")
    with pytest.raises(PolicyFileError) as err:
        load_policy(path)
    e = err.value
    assert (e.path, e.line, e.key) == (str(path), 4, "content_filter.blocked_categoris")
    assert (
        str(e)
        == f"{path}:4: content_filter.blocked_categoris: unknown key; did you mean 'blocked_categories'?"
    )


def test_bad_value_with_did_you_mean(tmp_path: Path) -> None:
    path = write(tmp_path, "version: 1\npii:\n  action: redcat\n")
    with pytest.raises(PolicyFileError) as err:
        load_policy(path)
    assert err.value.line == 3 and err.value.key == "pii.action"
    assert "'redcat' is not one of redact, block, warn; did you mean 'redact'?" in str(err.value)


def test_bad_list_item_and_number(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "version: 1\ncontent_filter:\n  blocked_categories:\n    - violence\n    - gory\n"
        "prompt_length:\n  max_chars: -3\n",
    )
    with pytest.raises(PolicyFileError) as err:
        load_policy(path)
    text = str(err.value)
    assert f"{path}:5: content_filter.blocked_categories.1:" in text
    assert f"{path}:7: prompt_length.max_chars: Input should be greater than 0" in text


def test_top_level_typo(tmp_path: Path) -> None:
    with pytest.raises(PolicyFileError) as err:
        load_policy(write(tmp_path, "version: 1\ncopyrite:\n  action: warn\n"))
    assert "copyrite: unknown key; did you mean 'copyright'?" in str(err.value)
    assert err.value.line == 2


def test_yaml_syntax_empty_duplicate_missing(tmp_path: Path) -> None:
    with pytest.raises(PolicyFileError) as err:
        load_policy(write(tmp_path, "version: 1\npii: {action: redact\n"))
    assert "invalid YAML" in str(err.value) and err.value.line is not None
    with pytest.raises(PolicyFileError, match="empty"):
        load_policy(write(tmp_path, "# nothing\n"))
    with pytest.raises(PolicyFileError) as err:
        load_policy(write(tmp_path, "version: 1\nmode: enforce\nmode: observe\n"))
    assert err.value.line == 3 and "duplicate key" in str(err.value)
    with pytest.raises(PolicyFileError, match="cannot read"):
        load_policy(tmp_path / "missing.yaml")


def test_missing_required_key(tmp_path: Path) -> None:
    with pytest.raises(PolicyFileError) as err:
        load_policy(write(tmp_path, "version: 1\nrate_limit:\n  action: block\n"))
    assert "rate_limit.images_per_hour: required key is missing" in str(err.value)
    assert err.value.line == 2


def test_lexicon_file_relative_to_policy(tmp_path: Path) -> None:
    (tmp_path / "terms.txt").write_text("# ours\nzorblax\n", encoding="utf-8")
    path = write(tmp_path, "version: 1\ncontent_filter:\n  lexicon_files: {violence: [terms.txt]}\n")
    engine = PolicyEngine.from_file(path)
    from otel_aiaudit.generation import Generation

    assert engine.evaluate(Generation(provider="x", prompt="a zorblax scene")).outcome == "block"
    bad = write(tmp_path, "version: 1\ncontent_filter:\n  lexicon_files: {violence: [nope.txt]}\n")
    with pytest.raises(PolicyFileError, match="lexicon_files"):
        PolicyEngine.from_file(bad)
