"""A real Prometheus scrapes the plugin's real metrics after real generations: every dashboard query and
every metric the alert rules use returns data from what otel-aiaudit itself exports."""

from __future__ import annotations

import re

import pytest
from pipeline_workload import free_port
from real_workload import RealWorkload
from test_pipeline_prometheus import (
    COLLECTOR_OWN,
    METRIC_RE,
    _wait,
    dashboard_queries,
    rule_entries,
    running_prometheus,
)


@pytest.fixture(scope="module")
def real_prom(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("real-prometheus")
    work = RealWorkload(str(tmp))
    work.start(otlp_down_url=f"http://127.0.0.1:{free_port()}")  # nothing listens there
    try:
        with running_prometheus(tmp, work.port) as p:
            _wait(lambda: p.query("aiaudit_export_failures_total > 0"), "an export failure to be counted")
            yield p, work
    finally:
        work.stop()


@pytest.mark.parametrize("dash,title,expr", dashboard_queries(), ids=lambda v: v if len(v) < 40 else None)
def test_dashboard_query_returns_plugin_data(real_prom, dash, title, expr):
    p, _ = real_prom
    result = p.query(expr)
    assert result, f"{dash} / {title}: no data from the plugin's metrics for {expr}"


def test_every_rule_metric_is_exported_by_the_plugin(real_prom):
    p, _ = real_prom
    for entry in rule_entries():
        # Label names inside by(...) and {...} look like metric names: strip them first.
        bare = re.sub(r"\{[^}]*\}", "", re.sub(r"\b(?:by|without)\s*\([^)]*\)", "", entry["expr"]))
        metrics = set(METRIC_RE.findall(bare))
        if "aiaudit_budget_utilization(_ratio)?" in entry["expr"]:
            metrics.add('{__name__=~"aiaudit_budget_utilization(_ratio)?"}')
        for metric in metrics:
            if metric.startswith(COLLECTOR_OWN) or ":" in metric:
                continue  # the collector's own series; recording-rule outputs (built from plugin series)
            name = entry.get("alert") or entry.get("record")
            assert p.query(f"count({metric})"), f"{name}: plugin exports no {metric}"


def test_values_follow_the_generations(real_prom):
    p, work = real_prom
    statuses = {r["metric"]["aiaudit_status"] for r in p.query("sum by (aiaudit_status) (aiaudit_requests_total)")}
    assert {"success", "blocked", "error", "pending_approval"} <= statuses
    teams = {r["metric"]["aiaudit_team"] for r in p.query("sum by (aiaudit_team) (aiaudit_cost_USD_total)")}
    assert {"marketing", "design", "engineering"} <= teams
    # alice spends about $0.125 a round on a $0.40 daily budget: her gauge climbs past 80 %, then 100 %.
    alice = p.query('max({__name__=~"aiaudit_budget_utilization(_ratio)?", aiaudit_budget_subject="alice"})')
    assert alice and float(alice[0]["value"][1]) > 0.3
    pending = p.query("sum(aiaudit_approvals_pending)")
    assert pending and float(pending[0]["value"][1]) >= 1
    assert p.query('aiaudit_policy_violations_total{aiaudit_policy_rule="content"}')
    assert work.counts["success"] > 0 and work.counts["blocked"] > 0
