"""`aiaudit setup elasticsearch` with the real client against a loopback stand-in: everything is
applied once, a second run writes nothing to Elasticsearch, and bad input is a clear error."""

from __future__ import annotations

import json

import pytest
from elasticsearch import Elasticsearch
from es_standin import StandIn
from pipeline_paths import CONFIG
from typer.testing import CliRunner

from otel_aiaudit.backends import ObjectsError, apply_elasticsearch, load_objects
from otel_aiaudit.cli.main import app


@pytest.fixture
def standin():
    s = StandIn()
    yield s
    s.close()


def test_cli_applies_everything_then_is_idempotent(standin):
    runner = CliRunner()
    args = [
        "setup",
        "elasticsearch",
        "--url",
        standin.url,
        "--kibana-url",
        standin.url,
        "--objects-dir",
        str(CONFIG),
    ]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert set(standin.ilm) == {"aiaudit-logs", "aiaudit-prompts", "aiaudit-images"}
    assert standin.ilm["aiaudit-prompts"]["phases"]["delete"]["min_age"] == "365d"
    assert {"logs-aiaudit.logs.otel", "logs-aiaudit.prompts.otel", "logs-aiaudit.images.otel"} <= set(
        standin.templates
    )
    assert set(standin.roles) == {"aiaudit_auditor", "aiaudit_analyst"}
    assert len([k for k in standin.saved if k[0] == "search"]) == 6
    assert first.output.count("created") == 8
    writes = len(standin.writes)

    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert second.output.count("unchanged") == 8
    # Only the Kibana import (overwrite=true) is repeated; Elasticsearch sees no write.
    assert standin.writes[writes:] == ["kibana/_import"]


def test_changed_policy_is_updated(standin):
    es = Elasticsearch(standin.url)
    objs = load_objects(CONFIG)
    apply_elasticsearch(es, objs)
    objs.ilm_policies["aiaudit-images"]["policy"]["phases"]["delete"]["min_age"] = "200d"
    outcomes = apply_elasticsearch(es, objs)
    assert outcomes["ilm/aiaudit-images"] == "updated"
    assert outcomes["ilm/aiaudit-logs"] == "unchanged"
    assert standin.ilm["aiaudit-images"]["phases"]["delete"]["min_age"] == "200d"


def test_broken_object_file_is_a_clear_error(tmp_path, standin):
    import shutil

    shutil.copytree(CONFIG / "elasticsearch", tmp_path / "elasticsearch")
    shutil.copytree(CONFIG / "kibana", tmp_path / "kibana")
    (tmp_path / "elasticsearch" / "ilm" / "aiaudit-logs.json").write_text('{"policy": {')
    with pytest.raises(ObjectsError, match="aiaudit-logs.json: invalid JSON at line 1"):
        load_objects(tmp_path)
    res = CliRunner().invoke(
        app, ["setup", "elasticsearch", "--url", standin.url, "--objects-dir", str(tmp_path)]
    )
    assert res.exit_code == 2 and "invalid JSON" in res.output
    assert standin.writes == []  # nothing applied from a broken set


def test_template_naming_a_missing_policy_is_rejected(tmp_path):
    import shutil

    shutil.copytree(CONFIG / "elasticsearch", tmp_path / "elasticsearch")
    shutil.copytree(CONFIG / "kibana", tmp_path / "kibana")
    tpl_path = tmp_path / "elasticsearch" / "index-templates" / "logs-aiaudit.images.otel.json"
    tpl = json.loads(tpl_path.read_text())
    tpl["template"]["settings"]["index.lifecycle.name"] = "aiaudit-imgs"
    tpl_path.write_text(json.dumps(tpl))
    with pytest.raises(ObjectsError, match="'aiaudit-imgs' has no file"):
        load_objects(tmp_path)


def test_unreachable_elasticsearch_fails_with_message():
    res = CliRunner().invoke(
        app,
        [
            "setup",
            "elasticsearch",
            "--url",
            "http://127.0.0.1:9",
            "--objects-dir",
            str(CONFIG),
            "--wait",
            "1",
        ],
    )
    assert res.exit_code == 3  # a service that cannot be reached
    assert "not reachable" in res.output
