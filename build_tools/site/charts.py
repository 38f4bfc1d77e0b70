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


CHART_WIDTH = 340
"""Drawn at this width in CSS px and never scaled: it fits a 390 px phone, so text keeps its size."""
FONT = 13
SMALL = 12
LABEL_CHARS = 50


def _open(kind: str, width: int, height: int, label: str) -> str:
    # tabindex: a chart wider than its box scrolls, and a keyboard must reach it.
    return (f'<div class="zi-chart" tabindex="0" role="group" aria-label="{svg_esc(label)}">'
            f'<svg xmlns="http://www.w3.org/2000/svg" class="zi-svg {kind}" role="img" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{svg_esc(label)}">')


def _legend(y: float, entries: list[tuple[str, str]]) -> str:
    """Legend entries (swatch colour or ``line:colour``, text) in one row inside the SVG."""
    parts, x = [], 0
    for swatch, text in entries:
        if swatch.startswith("line:"):
            parts.append(f'<line class="legend" x1="{x + 5}" x2="{x + 5}" y1="{y - 11}" y2="{y + 1}" '
                         f'stroke="{swatch[5:]}" stroke-width="2"/>')
        else:
            parts.append(f'<rect class="legend" x="{x}" y="{y - 10}" width="10" height="10" fill="{swatch}"/>')
        parts.append(f'<text class="legend" x="{x + 14}" y="{y}" font-size="{SMALL}">{svg_esc(text)}</text>')
        x += 14 + int(len(text) * SMALL * 0.55) + 12
    return "".join(parts)


def bars_svg(bars: list[Bar], label: str) -> str:
    """Horizontal bars, label above each: track = weight, fill = score, blue tick = planned."""
    row_h, bar_w = 40, CHART_WIDTH - 104
    scale = bar_w / max((b.weight for b in bars), default=1)
    planned = any(b.planned is not None for b in bars)
    legend = [(COLOR_SCORE, "nilai"), (COLOR_TRACK, "bobot")] + ([("line:" + COLOR_PLAN, "rencana")] if planned else [])
    height = row_h * len(bars) + 28
    parts = [_open("zi-bars", CHART_WIDTH, height, label)]
    for n, b in enumerate(bars):
        y = n * row_h
        name = b.label if len(b.label) <= LABEL_CHARS else b.label[:LABEL_CHARS - 1] + "…"
        parts.append(f'<g class="bar" data-id="{svg_esc(b.id)}" data-score="{b.score}" data-weight="{b.weight}">'
                     f'<title>{svg_esc(b.label)}: {show(b.score)} dari {show(b.weight)}</title>'
                     f'<text x="0" y="{y + 14}" font-size="{FONT}">{svg_esc(name)}</text>'
                     f'<rect class="track" x="0" y="{y + 19}" width="{b.weight * scale:.1f}" height="14" '
                     f'fill="{COLOR_TRACK}"/>'
                     f'<rect class="score" x="0" y="{y + 19}" width="{b.score * scale:.1f}" height="14" '
                     f'fill="{COLOR_SCORE}"/>')
        if b.planned is not None:
            x = b.planned * scale
            parts.append(f'<line class="planned" x1="{x:.1f}" x2="{x:.1f}" y1="{y + 16}" y2="{y + 36}" '
                         f'stroke="{COLOR_PLAN}" stroke-width="2"/>')
        parts.append(f'<text x="{bar_w + 6}" y="{y + 31}" font-size="{SMALL}">'
                     f'{show(b.score)} / {show(b.weight)}</text></g>')
    parts.append(_legend(height - 6, legend))
    parts.append("</svg></div>")
    return "".join(parts)


def timeline_svg(points: tuple[MonthPoint, ...], maximum: float) -> str:
    """Cumulative planned vs delivered lever points, one column per month, with legend and axis titles."""
    col_w, plot_h, left, top = 25, 150, 30, 22
    width = max(CHART_WIDTH, left + col_w * max(len(points), 1) + 6)
    height = top + plot_h + 64
    maximum = maximum or 1

    def y(value: float) -> float:
        return top + plot_h - value / maximum * plot_h

    parts = [_open("zi-timeline-chart", width, height, "Poin pengungkit direncanakan dan diserahkan per bulan"),
             f'<text class="axis-title" x="0" y="12" font-size="{SMALL}">Poin pengungkit (kumulatif)</text>',
             f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#767676"/>',
             f'<line x1="{left}" x2="{width - 6}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#767676"/>',
             f'<text x="{left - 4}" y="{top + 10}" font-size="11" text-anchor="end">{round_half_up(maximum, 0):g}</text>',
             f'<text x="{left - 4}" y="{top + plot_h}" font-size="11" text-anchor="end">0</text>']
    year = None
    for n, p in enumerate(points):
        x = left + n * col_w + 3
        first_of_year = p.month.year != year
        year = p.month.year
        parts.append(
            f'<g class="month" data-month="{p.month.iso()}" data-planned="{p.planned}" data-delivered="{p.delivered}">'
            f'<title>{svg_esc(p.month.label())}: direncanakan {show(p.planned)}, diserahkan {show(p.delivered)}</title>'
            f'<rect class="planned" x="{x}" y="{y(p.planned):.1f}" width="9" '
            f'height="{top + plot_h - y(p.planned):.1f}" fill="{COLOR_PLAN}"/>'
            f'<rect class="delivered" x="{x + 10}" y="{y(p.delivered):.1f}" width="9" '
            f'height="{top + plot_h - y(p.delivered):.1f}" fill="{COLOR_SCORE}"/>'
            f'<text x="{x - 1}" y="{top + plot_h + 14}" font-size="11">{svg_esc(p.month.label()[:3])}</text>'
            + (f'<text x="{x - 1}" y="{top + plot_h + 27}" font-size="11">{p.month.year}</text>' if first_of_year else "")
            + '</g>')
    parts.append(f'<text class="axis-title" x="{left}" y="{top + plot_h + 42}" font-size="{SMALL}">Bulan</text>')
    parts.append(_legend(height - 4, [(COLOR_PLAN, "direncanakan"), (COLOR_SCORE, "diserahkan")]))
    parts.append("</svg></div>")
    return "".join(parts)
