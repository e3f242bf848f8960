"""The report in four forms: a terminal table, JSON, CSV (long form) and one self-contained HTML file."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from html import escape
from typing import Any

from .charts import bar_chart, column_chart
from .report import Ranked, Report

FORMATS = ("table", "json", "csv", "html")


def _money(v: float | None) -> str:
    return "n/a" if v is None else f"${v:,.2f}"


def _unit(v: float | None) -> str:
    """A per-image price: cents matter, so four decimals below a dollar."""
    return "n/a" if v is None else (f"${v:,.2f}" if v >= 1 else f"${v:.4f}")


def _pct(v: float | None, digits: int = 2) -> str:
    return "n/a" if v is None else f"{v * 100:.{digits}f}%"


def _who(r: Ranked | None) -> str:
    return "n/a" if r is None else f"{r.name} ({_money(r.spend_usd)})"


def dashboard(report: Report) -> list[tuple[str, str]]:
    """The seed's cost dashboard, in its order and wording."""
    budget = _money(report.budget_remaining_usd)
    if report.budget_remaining_usd is not None:
        budget += f" ({_pct(report.budget_remaining_share, 1)})"
    days = round((report.until - report.since) / 86_400)
    return [
        (f"Total Spend ({days}d)", _money(report.total_spend_usd)),
        ("Images Generated", f"{report.images:,}"),
        ("Avg Cost/Image", _unit(report.avg_cost_per_image_usd)),
        ("Top User", _who(report.top_user)),
        ("Top Team", _who(report.top_team)),
        ("Blocked Prompts", f"{report.blocked:,} ({_pct(report.blocked_share)})"),
        ("Approval Pending", "n/a" if report.approvals_pending is None else str(report.approvals_pending)),
        ("Budget Remaining", budget),
    ]


def _window(report: Report) -> str:
    def iso(t: float) -> str:
        return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")

    return f"{iso(report.since)} to {iso(report.until)}, {report.generations:,} generations, ledger {report.ledger}"


def render(report: Report, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report.to_dict(), indent=2, default=str)
    if fmt == "csv":
        return to_csv(report)
    if fmt == "html":
        return to_html(report)
    if fmt == "table":
        return to_table(report)
    raise ValueError(f"unknown report format {fmt!r}: expected one of {', '.join(FORMATS)}")


def to_table(report: Report, width: int = 160) -> str:
    from rich.console import Console

    buf = io.StringIO()
    render_table(report, Console(file=buf, width=width, force_terminal=False, color_system=None))
    return buf.getvalue()


def render_table(report: Report, con: Any) -> None:
    """Print the report's tables on a rich Console (the `aiaudit demo` ending uses this too)."""
    from rich.table import Table

    t = Table(title="Cost Dashboard", caption=_window(report), show_header=False)
    for k, v in dashboard(report):
        t.add_row(k, v)
    con.print(t)
    for title, rows in (("Spend by team", report.by_team), ("Spend by model", report.by_model)):
        bt = Table(title=title)
        for col in ("name", "spend", "images", "generations"):
            bt.add_column(col, justify="left" if col == "name" else "right")
        for r in rows[:10]:
            bt.add_row(r.name or "(none)", _money(r.spend_usd), f"{r.images:,}", f"{r.generations:,}")
        con.print(bt)
    for s in report.searches:
        st = Table(title=f"{s.title}: {s.total:,}" + (f" (latest {len(s.rows)})" if s.total > len(s.rows) else ""))
        for col in s.columns:
            st.add_column(col, overflow="fold")
        for row in s.rows:
            st.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in s.columns))
        con.print(st)
    for note in report.notes:
        con.print(f"note: {note}")


def to_csv(report: Report) -> str:
    """Long form, one value per line (`section,item,field,value`): loads into any sheet or pivot."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["section", "item", "field", "value"])
    d = report.to_dict()
    for key in (
        "since_iso",
        "until_iso",
        "generations",
        "total_spend_usd",
        "images",
        "avg_cost_per_image_usd",
        "blocked",
        "blocked_share",
        "failed",
        "approvals_pending",
        "budget_remaining_usd",
        "budget_remaining_share",
        "budget_scope",
    ):
        w.writerow(["dashboard", "", key, "" if d[key] is None else d[key]])
    for key in ("top_user", "top_team"):
        r = d[key]
        w.writerow(["dashboard", "" if r is None else r["name"], key, "" if r is None else r["spend_usd"]])
    for day, v in report.spend_per_day:
        w.writerow(["spend_per_day", day, "spend_usd", v])
    for section, rows in (
        ("by_team", report.by_team),
        ("by_model", report.by_model),
        ("by_user", report.by_user),
    ):
        for r in rows:
            for f in ("spend_usd", "images", "generations"):
                w.writerow([section, r.name or "", f, getattr(r, f)])
    for s in report.searches:
        for i, row in enumerate(s.rows):
            for col in s.columns:
                w.writerow([s.name, i + 1, col, "" if row.get(col) is None else row[col]])
    for note in report.notes:
        w.writerow(["note", "", "", note])
    return buf.getvalue()


_CSS = """
body{font-family:sans-serif;margin:24px;color:#222;background:#fafafa}
h1{font-size:22px;margin:0 0 4px} .sub{color:#666;margin-bottom:18px;font-size:13px}
.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin-bottom:20px}
.tile{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px}
.tile .k{font-size:12px;color:#666}.tile .v{font-size:20px;font-weight:bold;margin-top:4px}
.charts{display:flex;flex-wrap:wrap;gap:16px;margin-bottom:20px}
.chart{background:#fff;border:1px solid #ddd;border-radius:6px;padding:6px}
table{border-collapse:collapse;background:#fff;margin-bottom:18px;font-size:12px}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0} h2{font-size:16px;margin:18px 0 6px} .note{color:#a60;font-size:12px}
"""


def to_html(report: Report) -> str:
    tiles = "".join(
        f'<div class="tile"><div class="k">{escape(k)}</div><div class="v">{escape(v)}</div></div>'
        for k, v in dashboard(report)
    )
    charts = [
        column_chart(report.spend_per_day, title="Spend per day (USD)"),
        bar_chart([(r.name or "(none)", r.spend_usd) for r in report.by_team], title="Spend by team"),
        bar_chart([(r.name or "(none)", r.spend_usd) for r in report.by_model], title="Spend by model"),
    ]
    chart_html = "".join(f'<div class="chart">{c}</div>' for c in charts)
    sections = []
    for s in report.searches:
        head = "".join(f"<th>{escape(c)}</th>" for c in s.columns)
        body = (
            "".join(
                "<tr>"
                + "".join(f"<td>{escape('' if row.get(c) is None else str(row[c]))}</td>" for c in s.columns)
                + "</tr>"
                for row in s.rows
            )
            or f'<tr><td colspan="{len(s.columns)}">none</td></tr>'
        )
        more = f" (latest {len(s.rows)} shown)" if s.total > len(s.rows) else ""
        sections.append(
            f'<h2 id="{escape(s.name)}">{escape(s.title)}: {s.total:,}{more}</h2>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )
    notes = "".join(f'<p class="note">{escape(n)}</p>' for n in report.notes)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>otel-aiaudit report</title>"
        f"<style>{_CSS}</style></head><body>"
        "<h1>AI image generation: cost and compliance report</h1>"
        f'<div class="sub">{escape(_window(report))}</div>'
        f'<div class="tiles">{tiles}</div><div class="charts">{chart_html}</div>'
        f"{''.join(sections)}{notes}</body></html>\n"
    )


def as_rows(report: Report) -> list[dict[str, Any]]:
    """The dashboard as (metric, value) dicts, for callers that print their own tables."""
    return [{"metric": k, "value": v} for k, v in dashboard(report)]
