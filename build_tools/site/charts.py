"""SVG charts and escaping shared by the score pages: bars, the monthly timeline,
HTML and SVG escapes (no JavaScript, readable from file://)."""

from __future__ import annotations

import html
from dataclasses import dataclass

from build_tools.assess.view import MonthPoint
from build_tools.core.numbers import round_half_up, show

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
            "|": "&#124;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "`": "&#96;",
            "#": "&#35;", "\\": "&#92;"}
COLOR_SCORE = "#2e7d32"
COLOR_PLAN = "#1565c0"
COLOR_TRACK = "#e0e0e0"
COLOR_FAIL = "#c62828"


def show_weight(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def esc(text: object) -> str:
    """Escape for HTML and Markdown (tables, emphasis, links)."""
    return "".join(_ESCAPES.get(ch, ch) for ch in str(text))


def svg_esc(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Bar:
    id: str
    label: str
    score: float
    weight: float
    planned: float | None = None


def bars_svg(bars: list[Bar], label: str) -> str:
    """Horizontal bars: track = weight, fill = score, blue tick = planned."""
    row_h, label_w, bar_w = 28, 330, 300
    scale = bar_w / max((b.weight for b in bars), default=1)
    height = row_h * len(bars) + 10
    width = label_w + bar_w + 110
    parts = [f'<div class="zi-chart"><svg xmlns="http://www.w3.org/2000/svg" class="zi-bars" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{svg_esc(label)}">']
    for n, b in enumerate(bars):
        y = 5 + n * row_h
        name = b.label if len(b.label) <= 48 else b.label[:46] + "…"
        parts.append(f'<g class="bar" data-id="{svg_esc(b.id)}" data-score="{b.score}" data-weight="{b.weight}">'
                     f'<title>{svg_esc(b.label)}: {show(b.score)} dari {show(b.weight)}</title>'
                     f'<text x="0" y="{y + 17}" font-size="12">{svg_esc(name)}</text>'
                     f'<rect class="track" x="{label_w}" y="{y + 4}" width="{b.weight * scale:.1f}" height="16" '
                     f'fill="{COLOR_TRACK}"/>'
                     f'<rect class="score" x="{label_w}" y="{y + 4}" width="{b.score * scale:.1f}" height="16" '
                     f'fill="{COLOR_SCORE}"/>')
        if b.planned is not None:
            x = label_w + b.planned * scale
            parts.append(f'<line class="planned" x1="{x:.1f}" x2="{x:.1f}" y1="{y}" y2="{y + 24}" '
                         f'stroke="{COLOR_PLAN}" stroke-width="2"/>')
        parts.append(f'<text x="{label_w + bar_w + 8}" y="{y + 17}" font-size="12">'
                     f'{show(b.score)} / {show(b.weight)}</text></g>')
    parts.append("</svg></div>")
    return "".join(parts)


def timeline_svg(points: tuple[MonthPoint, ...], maximum: float) -> str:
    """Cumulative planned vs delivered lever points, one column per month."""
    col_w, plot_h, left, top = 48, 180, 40, 10
    width = left + col_w * max(len(points), 1) + 10
    height = top + plot_h + 40
    maximum = maximum or 1

    def y(value: float) -> float:
        return top + plot_h - value / maximum * plot_h

    parts = [f'<div class="zi-chart"><svg xmlns="http://www.w3.org/2000/svg" class="zi-timeline" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" '
             'aria-label="Poin pengungkit direncanakan dan diserahkan per bulan">',
             f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#999"/>',
             f'<line x1="{left}" x2="{width - 10}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#999"/>',
             f'<text x="2" y="{top + 10}" font-size="10">{round_half_up(maximum, 0):g}</text>',
             f'<text x="2" y="{top + plot_h}" font-size="10">0</text>']
    for n, p in enumerate(points):
        x = left + n * col_w + 6
        parts.append(
            f'<g class="month" data-month="{p.month.iso()}" data-planned="{p.planned}" data-delivered="{p.delivered}">'
            f'<title>{svg_esc(p.month.label())}: direncanakan {show(p.planned)}, diserahkan {show(p.delivered)}</title>'
            f'<rect class="planned" x="{x}" y="{y(p.planned):.1f}" width="16" '
            f'height="{top + plot_h - y(p.planned):.1f}" fill="{COLOR_PLAN}"/>'
            f'<rect class="delivered" x="{x + 18}" y="{y(p.delivered):.1f}" width="16" '
            f'height="{top + plot_h - y(p.delivered):.1f}" fill="{COLOR_SCORE}"/>'
            f'<text x="{x}" y="{top + plot_h + 14}" font-size="10">{svg_esc(p.month.label()[:3])}</text>'
            f'<text x="{x}" y="{top + plot_h + 26}" font-size="9">{p.month.year}</text></g>')
    parts.append("</svg></div>")
    return "".join(parts)
