"""Inline SVG charts for the HTML report: no script, no external file, readable without a network."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7")
BAR = PALETTE[0]


def _money(v: float) -> str:
    return f"${v:,.2f}" if v >= 1 or v == 0 else f"${v:.4f}"


def column_chart(points: Sequence[tuple[str, float]], *, title: str, width: int = 860, height: int = 260) -> str:
    """One column per point (e.g. spend per day); labels thinned so they never overlap."""
    left, right, top, bottom = 64, 12, 28, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((v for _, v in points), default=0) or 1.0
    n = max(1, len(points))
    step = plot_w / n
    bar_w = max(1.0, step * 0.8)
    every = max(1, round(n / 10))
    parts = [_frame(width, height, title)]
    for i in range(5):  # horizontal grid with values
        y = top + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{_money(peak * i / 4)}</text>'
        )
    for i, (label, v) in enumerate(points):
        h = plot_h * v / peak
        x = left + i * step + (step - bar_w) / 2
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}"'
            f' fill="{BAR}"><title>{escape(label)}: {_money(v)}</title></rect>'
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle"'
                f' font-size="10">{escape(label[5:] if len(label) == 10 else label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(items: Sequence[tuple[str, float]], *, title: str, width: int = 420, limit: int = 8) -> str:
    """Horizontal bars, largest first; the rest folded into "other"."""
    items = sorted(items, key=lambda x: -x[1])
    if len(items) > limit:
        items = [*items[: limit - 1], ("other", sum(v for _, v in items[limit - 1 :]))]
    row_h, top, label_w, value_w = 26, 30, 120, 80
    height = top + row_h * max(1, len(items)) + 10
    peak = max((v for _, v in items), default=0) or 1.0
    plot_w = width - label_w - value_w - 10
    parts = [_frame(width, height, title)]
    if not items:
        parts.append(f'<text x="{width / 2}" y="{top + 16}" text-anchor="middle" font-size="12">no data</text>')
    for i, (label, v) in enumerate(items):
        y = top + i * row_h
        w = plot_w * v / peak
        colour = PALETTE[i % len(PALETTE)]
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" font-size="12">{escape(_cut(label))}</text>'
        )
        parts.append(
            f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{max(w, 1):.1f}" height="{row_h - 8}"'
            f' fill="{colour}"><title>{escape(label)}: {_money(v)}</title></rect>'
        )
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 16}" font-size="12">{_money(v)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _cut(label: str, n: int = 18) -> str:
    return label if len(label) <= n else label[: n - 1] + "\u2026"


def _frame(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        f' role="img" aria-label="{escape(title)}" font-family="sans-serif">'
        f'<text x="8" y="18" font-size="14" font-weight="bold">{escape(title)}</text>'
    )
