"""`aiaudit approvals` and `aiaudit budgets` end to end, against SQLite and Redis."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from otel_aiaudit.cli.main import app
from otel_aiaudit.errors import ApprovalRequired
from otel_aiaudit.generation import Actor, Decision, Generation
from otel_aiaudit.limits import Governor
from otel_aiaudit.policy.config import PolicyConfig
from otel_aiaudit.store import open_store

POLICY = """\
version: 1
mode: enforce
cost_limits:
  per_user_daily: 5.00
  per_team_monthly: 500.00
  timezone: UTC
  action: warn_at_80_block_at_100
approval_required:
  for_external_use: true
  for_marketing: true
  approvers: [manager, legal]
roles: {manager: [carol, alice], legal: [dave]}
teams: {alice: marketing}
"""

runner = CliRunner()


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def cli_fails(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code != 0, result.output
    return result.output


def in_other_process(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "otel_aiaudit.cli.main", *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def gen(prompt_hash: str, approval_id: str | None = None) -> Generation:
    return Generation(
        provider="openai",
        model="gpt-image-1",
        prompt_hash=prompt_hash,
        estimated_cost_usd=0.04,
        actor=Actor(user="alice", purpose="external", approval_id=approval_id),
        decision=Decision(mode="enforce"),
    )


@pytest.fixture
def policy_file(tmp_path: Path) -> str:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY)
    return str(path)


def test_approval_end_to_end_through_the_cli(shared_store_url: str, policy_file: str) -> None:
    import yaml

    policy = PolicyConfig.model_validate(yaml.safe_load(POLICY))
    gov = Governor(policy, open_store(shared_store_url))
    with pytest.raises(ApprovalRequired) as err:
        gov.admit(gen("sha256:p1"))
    tid = err.value.ticket_id
    store = ["--store", shared_store_url]

    listed = [json.loads(line) for line in cli("approvals", "list", "--json", *store).splitlines()]
    assert [(t["id"], t["state"], t["user"], t["purpose"], t["awaiting"]) for t in listed] == [
        (tid, "pending", "alice", "external", ["manager", "legal"])
    ]
    assert tid in cli("approvals", "list", *store)  # the rich table

    assert "requested" in cli_fails(
        "approvals", "approve", tid, "--as", "alice", "--policy", policy_file, *store
    )
    assert "in none of them" in cli_fails(
        "approvals", "approve", tid, "--as", "mallory", "--policy", policy_file, *store
    )
    assert "needs the policy" in cli_fails("approvals", "approve", tid, "--as", "carol", *store)
    out = in_other_process("approvals", "approve", tid, "--as", "carol", "--policy", policy_file, *store)
    assert "still awaiting legal" in out
    out = in_other_process("approvals", "approve", tid, "--as", "dave", "--policy", policy_file, *store)
    assert f"ticket {tid}: approved" in out
    approved = json.loads(cli("approvals", "show", tid, *store))
    assert [a["user"] for a in approved["approvals"]] == ["carol", "dave"]

    ok = gen("sha256:p1", approval_id=tid)
    gov.admit(ok).settle(0.04)  # the retried call passes, once
    assert json.loads(cli("approvals", "show", tid, *store))["state"] == "used"
    with pytest.raises(ApprovalRequired, match="already used"):
        gov.admit(gen("sha256:p1", approval_id=tid))

    with pytest.raises(ApprovalRequired) as err2:
        gov.admit(gen("sha256:p2"))
    tid2 = err2.value.ticket_id
    out = cli(
        "approvals",
        "deny",
        tid2,
        "--as",
        "dave",
        "--reason",
        "not for the campaign",
        "--policy",
        policy_file,
        *store,
    )
    assert "denied by dave" in out
    with pytest.raises(ApprovalRequired, match="denied by dave: not for the campaign"):
        gov.admit(gen("sha256:p2", approval_id=tid2))
    states = {
        t["id"]: t["state"]
        for t in map(json.loads, cli("approvals", "list", "--state", "all", "--json", *store).splitlines())
    }
    assert states[tid] == "used" and states[tid2] == "denied"


def test_budgets_command(shared_store_url: str, policy_file: str) -> None:
    import yaml

    gov = Governor(PolicyConfig.model_validate(yaml.safe_load(POLICY)), open_store(shared_store_url))
    for _ in range(3):
        g = Generation(
            provider="openai",
            estimated_cost_usd=1.0,
            actor=Actor(user="alice"),
            decision=Decision(mode="enforce"),
        )
        gov.admit(g).settle(1.25)
    held = gov.admit(
        Generation(
            provider="openai",
            estimated_cost_usd=0.5,
            actor=Actor(user="alice"),
            decision=Decision(mode="enforce"),
        )
    )
    rows = {
        r["scope"]: r
        for r in map(
            json.loads,
            cli("budgets", "--json", "--store", shared_store_url, "--policy", policy_file).splitlines(),
        )
    }
    user, team = rows["user_daily"], rows["team_monthly"]
    assert (user["subject"], user["spent"], user["reserved"], user["limit"], user["remaining"]) == (
        "alice",
        3.75,
        0.5,
        5.0,
        0.75,
    )
    assert (team["subject"], team["spent"], team["limit"]) == ("marketing", 3.75, 500.0)
    table = in_other_process("budgets", "--store", shared_store_url, "--current")
    assert "user_daily" in table and "$3.75" in table and "$0.50" in table
    held.release()
    only_team = cli("budgets", "--json", "--team", "marketing", "--store", shared_store_url).splitlines()
    assert [json.loads(r)["scope"] for r in only_team] == ["team_monthly"]
