"""promtool checks and rule unit tests, plus the helpers that run a real Prometheus against the plugin's
real metrics (test_pipeline_real_metrics.py)."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import time
import urllib.parse
import urllib.request

import yaml
from pipeline_paths import CONFIG, DASHBOARDS, RULES
from real_workload import free_port

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
METRIC_RE = re.compile(r"\b((?:aiaudit|gen_ai|otelcol|otel_sdk)[a-zA-Z0-9_:]*)\b")


def _promtool(*args: str) -> subprocess.CompletedProcess:
    assert PROMTOOL, f"promtool not found: {NEED}"
    return subprocess.run([PROMTOOL, *args], capture_output=True, text=True, cwd=CONFIG / "prometheus")


def test_promtool_check_config_and_rules():
    res = _promtool("check", "config", "--syntax-only", "prometheus.yml")
    assert res.returncode == 0, res.stdout + res.stderr
    res = _promtool("check", "rules", "rules/aiaudit.yml")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "SUCCESS: 8 rules found" in res.stdout


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
def running_prometheus(tmp, target_ports: list[int], rule_files=()):
    """A real Prometheus on a free loopback port scraping 127.0.0.1:<each target port> every second."""
    assert PROMETHEUS, f"prometheus not found: {NEED}"
    port = free_port()
    targets = [f"127.0.0.1:{p}" for p in target_ports]
    config = {
        "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
        "rule_files": [str(r) for r in rule_files],
        "scrape_configs": [{"job_name": "aiaudit-app", "static_configs": [{"targets": targets}]}],
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
        _wait(lambda: len(p.query("up == 1")) == len(target_ports), "the scrape targets to be up")
        # Enough samples for rate()/increase() windows and a few rule evaluations.
        _wait(lambda: p.query("count_over_time(aiaudit_requests_total[1m]) >= 6"), "six scrapes")
        yield p
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()
