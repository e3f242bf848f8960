"""A real Prometheus scrapes two real app instances running real generations through the instrumented
`openai` client: a healthy one (budgets, blocks, approvals, provider errors, audit records exported to a
collector that is down) and one whose budget store is unreachable (limits fail open). Every dashboard
query returns plugin data, the values follow the generations, and the alert rules fire exactly where
the generations cross their thresholds."""

from __future__ import annotations

import json
import re

import pytest
from pipeline_paths import DASHBOARDS, RULES
from real_workload import PROVIDER_LATENCY_S, RealWorkload, free_port, start_degraded_instance
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
    degraded, degraded_port = start_degraded_instance(str(tmp_path_factory.mktemp("degraded")))
    work = RealWorkload(str(tmp))
    work.start(otlp_down_url=f"http://127.0.0.1:{free_port()}")  # nothing listens there
    try:
        with running_prometheus(tmp, [work.port, degraded_port], [RULES]) as p:
            _wait(
                lambda: p.query('otel_sdk_exporter_log_exported_total{error_type!=""} > 0'),
                "a failed audit-record export to be counted",
            )
            # Both of the degraded instance's modes: its budget check fails open from its first call,
            # the approval ticket fails closed only at the last call of its first round, which a busy
            # machine may reach a few scrapes later.
            def modes() -> set[str]:
                series = p.query("aiaudit_governance_degraded_total > 0")
                return {s["metric"]["aiaudit_governance_mode"] for s in series}

            _wait(lambda: modes() >= {"fail_open", "fail_closed"}, "a degraded generation of each mode")
            yield p, work, f"127.0.0.1:{work.port}", f"127.0.0.1:{degraded_port}"
    finally:
        work.stop()
        degraded.terminate()
        degraded.wait(timeout=30)


@pytest.mark.parametrize("dash,title,expr", dashboard_queries(), ids=lambda v: v if len(v) < 40 else None)
def test_dashboard_query_returns_plugin_data(real_prom, dash, title, expr):
    p = real_prom[0]
    result = p.query(expr)
    assert result, f"{dash} / {title}: no data from the plugin's metrics for {expr}"


def test_dashboard_variables_have_values(real_prom):
    p = real_prom[0]
    for path in DASHBOARDS:
        for var in json.loads(path.read_text())["templating"]["list"]:
            metric, label = re.match(r"label_values\((\w+), (\w+)\)", var["query"]["query"]).groups()
            assert p.get(f"/api/v1/label/{label}/values", **{"match[]": metric}), var["name"]


def test_every_rule_metric_is_exported_by_the_plugin_or_the_sdk(real_prom):
    p = real_prom[0]
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
            assert p.query(f"count({metric})"), f"{name}: no {metric} exported"


def test_rules_evaluate(real_prom):
    p = real_prom[0]
    groups = _wait(lambda: p.get("/api/v1/rules")["groups"], "rules to load")
    rules = [r for g in groups for r in g["rules"]]
    assert len(rules) == len(rule_entries())
    for r in rules:
        assert r["health"] == "ok", (r["name"], r.get("lastError"))


def _value(p, expr: str) -> float:
    result = p.query(expr)
    assert result, expr
    return float(result[0]["value"][1])


def test_dashboard_values_follow_the_generations(real_prom):
    p, work, main, _ = real_prom
    queries = {title: expr for _, title, expr in dashboard_queries()}
    # One call in seven of a round is blocked by the content filter; in the degraded instance the call
    # that needs an approval ticket is refused too (no store to open it in): between 1/7 and 2/7 overall,
    # and what the counters' totals say.
    blocked = _value(p, queries["Blocked rate"])
    totals = _value(p, 'sum(aiaudit_requests_total{aiaudit_status="blocked"}) / sum(aiaudit_requests_total)')
    assert 1 / 7 - 0.04 < blocked < 2 / 7 + 0.02, blocked
    assert blocked == pytest.approx(totals, abs=0.05)
    # Every priced call waits PROVIDER_LATENCY_S at the provider: p95 lies in its bucket (0.1 s, 0.25 s].
    p95 = _value(p, queries["p95 generation time"])
    assert 0.1 < p95 <= 0.25 and p95 > PROVIDER_LATENCY_S - 0.05, p95
    remaining = {
        (r["metric"]["aiaudit_budget_scope"], r["metric"]["aiaudit_budget_subject"]): float(r["value"][1])
        for r in p.query(queries["Budget remaining"])
    }
    assert 0 < remaining[("user_daily", "erin")] <= 0.2  # first round only: between 80 and 100 %
    assert remaining[("user_daily", "alice")] == 0  # warn_only: alice spends past her day
    assert _value(p, queries["Approvals pending"]) >= 1
    teams = {r["metric"]["aiaudit_team"] for r in p.query(queries["Cost by team"])}
    assert teams == {"marketing", "design", "engineering", "legal"}
    by_status = p.query(f'sum by (aiaudit_status) (aiaudit_requests_total{{instance="{main}"}})')
    statuses = {r["metric"]["aiaudit_status"] for r in by_status}
    assert {"success", "blocked", "error", "pending_approval"} <= statuses
    assert p.query('aiaudit_policy_violations_total{aiaudit_policy_rule="content"}')
    assert work.counts["success"] > 0 and work.counts["blocked"] > 0


def test_degradations_come_from_the_instance_whose_store_is_down(real_prom):
    p, _, main, degraded = real_prom
    series = p.query("aiaudit_governance_degraded_total")
    assert {s["metric"]["instance"] for s in series} == {degraded}
    # The budget check fails open as configured; opening an approval ticket has nowhere to go and is
    # refused (fail_closed) for bob's marketing request.
    modes = {(s["metric"]["aiaudit_governance_mode"], s["metric"]["aiaudit_team"]) for s in series}
    assert ("fail_open", "marketing") in modes and ("fail_closed", "design") in modes
    # fail_open: the degraded instance's calls still reach the provider.
    assert _value(p, f'sum(aiaudit_requests_total{{instance="{degraded}", aiaudit_status="success"}})') > 0
    failed = p.query('otel_sdk_exporter_log_exported_total{error_type!=""}')
    assert {s["metric"]["instance"] for s in failed} == {main, degraded}
    assert {s["metric"]["otel_component_type"] for s in failed} == {"otlp_http_log_exporter"}


def test_alerts_fire_above_threshold_and_stay_quiet_below(real_prom):
    p = real_prom[0]

    def firing():
        return {
            (a["labels"]["alertname"], a["labels"].get("aiaudit_budget_subject", ""))
            for a in p.get("/api/v1/alerts")["alerts"]
            if a["state"] == "firing"
        }

    expected = {
        ("AIAuditPromptBlocked", ""),
        ("AIAuditBudgetWarning", "erin"),
        ("AIAuditBudgetExhausted", "alice"),
        ("AIAuditRecordsExportFailing", ""),
        ("AIAuditGovernanceDegraded", ""),
    }
    def degraded_modes() -> set[str]:
        return {
            a["labels"]["aiaudit_governance_mode"]
            for a in p.get("/api/v1/alerts")["alerts"]
            if a["labels"]["alertname"] == "AIAuditGovernanceDegraded" and a["state"] == "firing"
        }

    # The alert fires per mode; the fail_closed one starts a few scrapes after the fail_open one.
    got = _wait(
        lambda: firing() if expected <= firing() and degraded_modes() == {"fail_open", "fail_closed"} else None,
        "the expected alerts to fire",
        timeout=40,
    )
    assert ("AIAuditBudgetWarning", "alice") not in got  # past 100 %: exhausted, not warning
    assert ("AIAuditBudgetExhausted", "erin") not in got  # 94 %: warning only
    assert not any(name == "AIAuditCollectorDroppingAuditRecords" for name, _ in got)
    alerts = p.get("/api/v1/alerts")["alerts"]
    degraded = [a["labels"] for a in alerts if a["labels"]["alertname"] == "AIAuditGovernanceDegraded"]
    assert {labels["aiaudit_governance_mode"] for labels in degraded} == {"fail_open", "fail_closed"}
