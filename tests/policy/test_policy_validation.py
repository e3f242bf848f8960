"""One validation path: `aiaudit policy check`, `policy eval` and `instrument(policy=)` agree.

Each broken policy goes through the real CLI and through the real instrumentor; both must refuse it
with the same one-line `file:line: key: problem`, so a file `policy check` calls valid can no longer
fail at start-up (or at the first call).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from otel_aiaudit.cli.main import app
from otel_aiaudit.errors import PolicyFileError
from otel_aiaudit.instrumentor import AIAuditInstrumentor
from otel_aiaudit.policy.config import load_policy

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [ROOT / "otel_aiaudit" / "demo" / "policy.yaml", ROOT / "examples" / "policy.yaml"]
runner = CliRunner()

APPROVAL = "approval_required:\n  for_marketing: true\n  approvers: [manager, legal]\n"

# name, file text, line and key the error must name, a phrase of the problem.
BROKEN = [
    (
        "unknown timezone",
        "version: 1\ncost_limits:\n  per_user_daily: 5.0\n  timezone: Mars/Olympus_Mons\n",
        4,
        "cost_limits.timezone",
        "unknown time zone 'Mars/Olympus_Mons'",
    ),
    (
        "approver role not under roles",
        f"version: 1\n{APPROVAL}roles:\n  manager: [carol]\n",
        4,
        "approval_required.approvers.1",
        "role 'legal' has no members under roles: it is not defined there",
    ),
    (
        "approver role without members",
        f"version: 1\n{APPROVAL}roles:\n  manager: [carol]\n  legal: []\n",
        4,
        "approval_required.approvers.1",
        "role 'legal' has no members under roles: its member list is empty",
    ),
    (
        "no approvers while approval is required",
        "version: 1\napproval_required:\n  for_external_use: true\n",
        2,
        "approval_required.approvers",
        "approvers is empty",
    ),
    ("budget .inf", "version: 1\ncost_limits:\n  per_user_daily: .inf\n", 3, "cost_limits.per_user_daily", "finite"),
    (
        "budget .nan",
        "version: 1\ncost_limits:\n  per_team_monthly: .nan\n",
        3,
        "cost_limits.per_team_monthly",
        "finite",
    ),
    (
        "budget above 1e9 USD",
        "version: 1\ncost_limits:\n  per_user_daily: 5000000000.0\n",
        3,
        "cost_limits.per_user_daily",
        "less than or equal to 1000000000",
    ),
    ("negative budget", "version: 1\ncost_limits:\n  per_user_daily: -1.0\n", 3, "cost_limits.per_user_daily", ">= 0"),
    (
        "boolean budget",
        "version: 1\ncost_limits:\n  per_user_daily: true\n",
        3,
        "cost_limits.per_user_daily",
        "valid number, got true",
    ),
    (
        "quoted number",
        "version: 1\ncost_limits:\n  per_team_monthly: '500'\n",
        3,
        "cost_limits.per_team_monthly",
        "valid number, got '500'",
    ),
    ("zero images per hour", "version: 1\nrate_limit:\n  images_per_hour: 0\n", 3, "rate_limit.images_per_hour", "> 0"),
    (
        "boolean images per hour",
        "version: 1\nrate_limit:\n  images_per_hour: true\n",
        3,
        "rate_limit.images_per_hour",
        "valid integer, got true",
    ),
    (
        "negative max wait",
        "version: 1\nrate_limit:\n  images_per_hour: 20\n  max_wait_seconds: -5\n",
        4,
        "rate_limit.max_wait_seconds",
        ">= 0",
    ),
    ("retention of zero days", "version: 1\nretention:\n  prompts: 365\n  logs: 0\n", 4, "retention.logs", "> 0"),
    ("max_chars zero", "version: 1\nprompt_length:\n  max_chars: 0\n", 3, "prompt_length.max_chars", "> 0"),
    (
        "policy price entry without provider",
        "version: 1\nprices:\n  - model: my-model\n    unit: image\n    per_image: 0.04\n",
        3,
        "prices.0",
        "'providers' (or 'provider') is required",
    ),
    (
        "policy REST mapping without a match",
        "version: 1\nrest_mappings:\n  - name: mine\n    provider: acme\n",
        3,
        "rest_mappings.0.match",
        "Field required",
    ),
]

# pydantic's wording for the bounds above, as the test phrases abbreviate them.
_WORDS = {"> 0": "greater than 0", ">= 0": "greater than or equal to 0"}


@pytest.fixture
def instrumentor() -> Iterator[AIAuditInstrumentor]:
    inst = AIAuditInstrumentor()
    if inst.is_instrumented_by_opentelemetry:  # left over elsewhere: this test needs a fresh start
        inst.uninstrument()
    yield inst
    if inst.is_instrumented_by_opentelemetry:
        inst.uninstrument()


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


@pytest.mark.parametrize(("text", "line", "key", "phrase"), [case[1:] for case in BROKEN], ids=[c[0] for c in BROKEN])
def test_check_and_instrument_refuse_alike(
    tmp_path: Path, instrumentor: AIAuditInstrumentor, text: str, line: int, key: str, phrase: str
) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    expected = f"{path}:{line}: {key}: "
    phrase = _WORDS.get(phrase, phrase)

    result = runner.invoke(app, ["policy", "check", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = _lines(result.output)
    assert lines[0].startswith(expected) and phrase in lines[0], lines

    with pytest.raises(PolicyFileError) as err:
        instrumentor.instrument(policy=str(path))
    assert not instrumentor.is_instrumented_by_opentelemetry
    assert (err.value.path, err.value.line, err.value.key) == (str(path), line, key)
    assert str(err.value).splitlines() == lines  # one function decided both

    evaluated = runner.invoke(app, ["policy", "eval", "--policy", str(path), "a red bicycle"])
    assert evaluated.exit_code == 1 and _lines(evaluated.output) == lines


def test_every_problem_gets_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(
        "version: 1\ncost_limits:\n  per_user_daily: true\n  timezone: Nowhere/Land\nretention:\n  logs: 0\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["policy", "check", str(path)])
    assert result.exit_code == 1
    assert [line.split(": ")[0] + ": " + line.split(": ")[1] for line in _lines(result.output)] == [
        f"{path}:3: cost_limits.per_user_daily",
        f"{path}:4: cost_limits.timezone",
        f"{path}:6: retention.logs",
    ]


def test_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    for args in (["policy", "check", str(missing)], ["policy", "eval", "--policy", str(missing), "a cat"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        expected = f"aiaudit: error: {missing}: cannot read policy file: No such file or directory"
        assert _lines(result.output) == [expected]
    result = runner.invoke(app, ["policy", "check", str(tmp_path)])  # a directory
    assert result.exit_code == 2 and len(_lines(result.output)) == 1


@pytest.mark.parametrize("path", SHIPPED, ids=["demo", "example"])
def test_shipped_policies_validate_everywhere(path: Path, instrumentor: AIAuditInstrumentor) -> None:
    result = runner.invoke(app, ["policy", "check", str(path)])
    assert result.exit_code == 0, result.output
    config = load_policy(path)
    assert config.cost_limits is not None and config.approval_required is not None
    instrumentor.instrument(policy=str(path))
    assert instrumentor.auditor is not None
    assert instrumentor.auditor.policy.version == config.digest


def test_seed_policy_with_anchors_validates(tmp_path: Path) -> None:
    # The seed's example, with the shared member list written once as a YAML anchor: a few aliases
    # are ordinary YAML and stay well inside the loader's bounds.
    path = tmp_path / "policy.yaml"
    path.write_text(
        "version: 1\nmode: enforce\n"
        "content_filter:\n  blocked_categories: [violence, explicit, hate_speech, deepfake]\n"
        "  action: block_and_alert\n"
        "pii: {action: redact}\ncopyright: {action: warn}\n"
        "prompt_length: {max_chars: 500, action: truncate_and_warn}\n"
        "cost_limits:\n  per_user_daily: 5.00\n  per_team_monthly: 500\n  timezone: Asia/Bangkok\n"
        "  action: warn_at_80_block_at_100\n  on_store_error: fail_closed\n"
        "rate_limit: {images_per_hour: 20, action: queue_and_wait, max_wait_seconds: 60}\n"
        f"{APPROVAL}"
        "roles: {manager: &leads [carol, dave], legal: *leads}\n"
        "teams: {alice: marketing}\n"
        "retention: {prompts: 365, images: 180, logs: 730}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["policy", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert load_policy(path).roles == {"manager": ["carol", "dave"], "legal": ["carol", "dave"]}
