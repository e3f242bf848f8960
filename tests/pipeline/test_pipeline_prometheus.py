"""promtool checks, rule unit tests, and a real Prometheus scraping real OTel SDK metrics: every
dashboard query and every alert rule's metrics return data, and the alerts whose thresholds the
workload crosses fire."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import time
import urllib.parse
import urllib.request

import pytest
import yaml
from pipeline_paths import CONFIG, DASHBOARDS, RULES
from pipeline_workload import Workload, free_port

PROMTOOL = shutil.which("promtool")
PROMETHEUS = shutil.which("prometheus")
NEED = "install the Debian package `prometheus` (apt-get install -y prometheus)"
GRAFANA_VARS = {
    "$__range": "5m",
    "$__rate_interval": "30s",
    "$__interval": "15s",
    "$team": ".*",
    "$model": ".*",
}
# Series the collector itself exports; no application workload produces them (covered by promtool tests).
COLLECTOR_OWN = ("otelcol_",)
METRIC_RE = re.compile(r"\b((?:aiaudit|gen_ai|otelcol)[a-zA-Z0-9_:]*)\b")


def _promtool(*args: str) -> subprocess.CompletedProcess:
    assert PROMTOOL, f"promtool not found: {NEED}"
    return subprocess.run([PROMTOOL, *args], capture_output=True, text=True, cwd=CONFIG / "prometheus")


def test_promtool_check_config_and_rules():
    res = _promtool("check", "config", "--syntax-only", "prometheus.yml")
    assert res.returncode == 0, res.stdout + res.stderr
    res = _promtool("check", "rules", "rules/aiaudit.yml")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "SUCCESS: 7 rules found" in res.stdout


def test_promtool_rule_unit_tests():
    res = _promtool("test", "rules", "tests/aiaudit_test.yml", "tests/aiaudit_spend_test.yml")
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.count("SUCCESS") == 2


def test_promtool_rejects_a_broken_rule(tmp_path):
    rules = yaml.safe_load(RULES.read_text())
    rules["groups"][1]["rules"][0]["expr"] = "sum by (aiaudit_team) (increase(aiaudit_requests_total[5m]) > 0"
    bad = tmp_path / "bad.yml"
    bad.write_text(yaml.safe_dump(rules))
    res = _promtool("check", "rules", str(bad))
    assert res.returncode != 0


def dashboard_queries() -> list[tuple[str, str, str]]:
    out = []
    for path in DASHBOARDS:
        dash = json.loads(path.read_text())
        for panel in dash["panels"]:
            for target in panel.get("targets", []):
                if (target.get("datasource") or {}).get("type") == "prometheus":
                    expr = target["expr"]
                    for var, value in GRAFANA_VARS.items():
                        expr = expr.replace(var, value)
                    out.append((path.name, panel["title"], expr))
    return out


def rule_entries() -> list[dict]:
    return [r for g in yaml.safe_load(RULES.read_text())["groups"] for r in g["rules"]]


class Prom:
    def __init__(self, url: str) -> None:
        self.url = url

    def get(self, path: str, **params) -> dict:
        qs = urllib.parse.urlencode(params, doseq=True)
        with urllib.request.urlopen(f"{self.url}{path}?{qs}", timeout=5) as resp:
            body = json.loads(resp.read())
        assert body["status"] == "success", body
        return body["data"]

    def query(self, expr: str) -> list[dict]:
        return self.get("/api/v1/query", query=expr)["result"]


def _wait(cond, what: str, timeout: float = 25.0):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = cond()
            if last:
                return last
        except OSError as exc:
            last = exc
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what} (last: {last})")


@contextlib.contextmanager
def running_prometheus(tmp, target_port: int, rule_files=()):
    """A real Prometheus on a free loopback port scraping 127.0.0.1:`target_port` every second."""
    assert PROMETHEUS, f"prometheus not found: {NEED}"
    port = free_port()
    config = {
        "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
        "rule_files": [str(r) for r in rule_files],
        "scrape_configs": [{"job_name": "aiaudit-app", "static_configs": [{"targets": [f"127.0.0.1:{target_port}"]}]}],
    }
    (tmp / "prometheus.yml").write_text(yaml.safe_dump(config))
    log = open(tmp / "prometheus.log", "w")
    proc = subprocess.Popen(
        [
            PROMETHEUS,
            f"--config.file={tmp / 'prometheus.yml'}",
            f"--storage.tsdb.path={tmp / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        p = Prom(f"http://127.0.0.1:{port}")
        _wait(lambda: p.query("up == 1"), "the scrape target to be up")
        # Enough samples for rate()/increase() windows and a few rule evaluations.
        _wait(lambda: p.query("count_over_time(aiaudit_requests_total[1m]) >= 6"), "six scrapes")
        yield p
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def prom(tmp_path_factory):
    work = Workload()
    work.start()
    try:
        with running_prometheus(tmp_path_factory.mktemp("prometheus"), work.port, [RULES]) as p:
            yield p, work
    finally:
        work.stop()


@pytest.mark.parametrize("dash,title,expr", dashboard_queries(), ids=lambda v: v if len(v) < 40 else None)
def test_dashboard_query_returns_data(prom, dash, title, expr):
    p, _ = prom
    result = p.query(expr)
    assert result, f"{dash} / {title}: no data for {expr}"
    for sample in result:
        value = float(sample["value"][1])
        assert value == value, f"{title}: NaN"  # NaN means an empty rate window or bucket mismatch


def test_dashboard_values_match_the_workload(prom):
    p, work = prom
    queries = {title: expr for _, title, expr in dashboard_queries()}
    blocked = float(p.query(queries["Blocked rate"])[0]["value"][1])
    assert 0.05 < blocked < 0.45, blocked  # the workload blocks about 20 %
    p95 = float(p.query(queries["p95 generation time"])[0]["value"][1])
    assert 5 <= p95 <= 10, p95  # durations are uniform in 1-9 s; buckets 5 and 10 bound the 95th
    remaining = {
        r["metric"]["aiaudit_budget_subject"]: float(r["value"][1]) for r in p.query(queries["Budget remaining"])
    }
    assert remaining == pytest.approx({"alice": 0.15, "marketing": 0.0, "engineering": 0.7})
    assert float(p.query(queries["Approvals pending"])[0]["value"][1]) == 3
    teams = {r["metric"]["aiaudit_team"] for r in p.query(queries["Cost by team"])}
    assert teams == {"marketing", "design", "engineering"}


def test_dashboard_variables_have_values(prom):
    p, _ = prom
    for path in DASHBOARDS:
        for var in json.loads(path.read_text())["templating"]["list"]:
            metric, label = re.match(r"label_values\((\w+), (\w+)\)", var["query"]["query"]).groups()
            values = p.get(f"/api/v1/label/{label}/values", **{"match[]": metric})
            assert values, var["name"]


def test_rules_evaluate_and_reference_real_series(prom):
    p, _ = prom
    groups = _wait(lambda: p.get("/api/v1/rules")["groups"], "rules to load")
    rules = [r for g in groups for r in g["rules"]]
    assert len(rules) == len(rule_entries())
    for r in rules:
        assert r["health"] == "ok", (r["name"], r.get("lastError"))
    for entry in rule_entries():
        bare = re.sub(r"\{[^}]*\}", "", re.sub(r"\b(?:by|without)\s*\([^)]*\)", "", entry["expr"]))
        metrics = set(METRIC_RE.findall(bare))
        if "aiaudit_budget_utilization(_ratio)?" in entry["expr"]:  # a name regex covering both exporters
            metrics.add('{__name__=~"aiaudit_budget_utilization(_ratio)?"}')
        assert metrics, entry
        for metric in metrics:
            if metric.startswith(COLLECTOR_OWN):
                continue
            assert p.query(f"count({metric})"), f"{entry.get('alert') or entry.get('record')}: no {metric}"


def test_alerts_fire_above_threshold_and_stay_quiet_below(prom):
    p, _ = prom

    def firing():
        alerts = p.get("/api/v1/alerts")["alerts"]
        return {
            (a["labels"]["alertname"], a["labels"].get("aiaudit_budget_subject", ""))
            for a in alerts
            if a["state"] == "firing"
        }

    expected = {
        ("AIAuditPromptBlocked", ""),
        ("AIAuditBudgetWarning", "alice"),
        ("AIAuditBudgetExhausted", "marketing"),
        ("AIAuditRecordsExportFailing", ""),
    }
    got = _wait(lambda: firing() if expected <= firing() else None, "the expected alerts to fire")
    assert ("AIAuditBudgetWarning", "engineering") not in got
    assert ("AIAuditBudgetExhausted", "alice") not in got
    assert ("AIAuditBudgetWarning", "marketing") not in got
    assert not any(name == "AIAuditCollectorDroppingAuditRecords" for name, _ in got)
