"""The report's four forms; the HTML one opened in headless Chromium, its charts seen in the screenshot."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from otel_aiaudit.ledger.charts import PALETTE
from otel_aiaudit.ledger.render import render
from otel_aiaudit.ledger.report import build_report

from .test_report import DAY, NOW, known_ledger


@pytest.fixture
def report(sink):  # noqa: ANN001, ANN201
    known_ledger(sink)
    return build_report(sink.ledger, since=NOW - 30 * DAY, until=NOW + 1, store=None, store_note="no budget store")


def test_json(report) -> None:
    doc = json.loads(render(report, "json"))
    assert doc["total_spend_usd"] == pytest.approx(0.70) and doc["images"] == 6
    assert doc["top_team"]["name"] == "design" and doc["approvals_pending"] is None
    assert {s["name"] for s in doc["searches"]} == {
        "blocked_prompts",
        "cost_anomalies",
        "new_users",
        "failed_generations",
        "provider_refusals",
        "violations_by_user",
    }
    assert len(doc["spend_per_day"]) == 31


def test_csv_long_form(report) -> None:
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    value = {(r["section"], r["item"], r["field"]): r["value"] for r in rows}
    assert float(value[("dashboard", "", "total_spend_usd")]) == pytest.approx(0.70)
    assert value[("dashboard", "carol", "top_user")] == "0.5"
    assert float(value[("by_team", "design", "spend_usd")]) == pytest.approx(0.58)
    assert value[("failed_generations", "1", "error_type")] == "APIConnectionError"
    assert value[("blocked_prompts", "1", "user")] == "eve"


def test_table_has_the_seed_dashboard(report) -> None:
    text = render(report, "table")
    for line in (
        "Total Spend (30d)",
        "$0.70",
        "Images Generated",
        "Avg Cost/Image",
        "$0.1167",
        "carol ($0.50)",
        "design ($0.58)",
        "2 (25.00%)",
        "Approval Pending",
        "Budget Remaining",
        "Blocked prompts (last 7 days): 1",
        "Cost anomalies",
        "New users' first generation: 4",
        "Failed generations: 1",
        "Policy violations by user: 2",
        "note: approvals pending",
    ):
        assert line in text, line


def test_html_is_one_self_contained_file(report) -> None:
    html = render(report, "html")
    assert html.count("<svg") == 3
    assert "<script" not in html and "@import" not in html and "url(" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "Spend per day" in html and "Spend by team" in html and "Spend by model" in html
    assert "blocked content attempt" in html  # the saved search lists the prompt as captured


def test_html_escapes_what_it_shows(sink) -> None:
    from .records import records

    sink.ledger.append(records(user="<img src=x onerror=alert(1)>", team="<b>t</b>", cost=0.1, at=NOW))
    html = render(build_report(sink.ledger, since=NOW - DAY, until=NOW + 1), "html")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def _count(img: Image.Image, hex_colour: str, tol: int = 8) -> int:
    target = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    colours = img.getcolors(maxcolors=1 << 20)
    return sum(n for n, px in colours if all(abs(a - b) <= tol for a, b in zip(px[:3], target, strict=True)))


def test_html_report_renders_its_charts_in_headless_chromium(report, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "chromium is required for this test: apt-get install -y chromium"
    page = tmp_path / "report.html"
    page.write_text(render(report, "html"), encoding="utf-8")
    shot = tmp_path / "report.png"
    cmd = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={shot}",
        "--window-size=1300,1100",
        "--hide-scrollbars",
        page.as_uri(),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and shot.is_file(), proc.stderr[-2000:]
    img = Image.open(shot).convert("RGB")
    assert img.size == (1300, 1100)
    # The spend-per-day columns and the first bar of each breakdown are drawn in PALETTE[0]; the
    # second team's and model's bars in PALETTE[1]: both must be on screen in quantity.
    assert _count(img, PALETTE[0]) > 1500, "no chart columns or bars in the screenshot"
    assert _count(img, PALETTE[1]) > 300, "the breakdown charts' second bars are missing"
    shutil.copy(shot, tmp_path.parent / "ledger-report-screenshot.png")  # kept for a look after the run
