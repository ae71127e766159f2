"""Server-rendered SVG charts, each with the table that carries the same numbers.

Used by the dashboard and by the annual report (HTML preview and PDF), so the charts look the same
everywhere. No JavaScript and no chart library. Every label is user text (target areas, offices, rounds): the SVG
is built with format_html only, so quotes and angle brackets are escaped in text and attributes alike.
"""

import textwrap
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# Colours pass WCAG AA against white for the text labels drawn next to them.
STATUS_COLOURS = {
    "not_started": "#6b7280",
    "in_progress": "#0b4f8a",
    "done": "#1d6b35",
    "transferred": "#5b3a8c",
    "activities_pending": "#8a5a00",
    "green": "#1d6b35",
    "yellow": "#b58100",
    "red": "#a4161a",
    "": "#9aa1ab",
    "not_reported": "#9aa1ab",
    "none": "#9aa1ab",
}


@dataclass
class Series:
    key: str
    label: str
    colour: str


@dataclass
class Chart:
    title: str
    svg: SafeString
    series: list[Series]
    rows: list[tuple[str, list[int]]]  # the table alternative: row label and one count per series

    @property
    def totals(self) -> list[int]:
        return [sum(row[1][i] for row in self.rows) for i in range(len(self.series))]


def _legend(series: list[Series], width: int) -> tuple[list[str], int]:
    """Legend items left to right, wrapping onto a new line rather than running out of the picture."""
    parts, x, y = [], 0, 4
    for s in series:
        item_width = 26 + 7 * len(s.label)
        if x and x + item_width > width:
            x, y = 0, y + 22
        parts.append(format_html('<rect x="{}" y="{}" width="14" height="14" fill="{}"/>', x, y, s.colour))
        parts.append(format_html('<text x="{}" y="{}" fill="#1b1f24">{}</text>', x + 18, y + 12, s.label))
        x += item_width
    return parts, y + 24


def stacked_bars(title: str, rows: list[tuple[str, dict[str, int]]], series: list[Series]) -> Chart:
    """Horizontal stacked bars, one per row; each segment is one series' count."""
    label_width, bar_width, bar_height, gap, line_height = 260, 420, 22, 10, 16
    width = label_width + bar_width + 60
    legend, legend_height = _legend(series, width)
    # Long row labels wrap onto more lines (about 36 characters fit beside the bars); a row grows to fit.
    wrapped = [textwrap.wrap(label, 36, break_long_words=False) or [""] for label, _ in rows]
    row_heights = [max(bar_height, len(lines) * line_height + 6) for lines in wrapped]
    height = legend_height + sum(h + gap for h in row_heights) + gap
    largest = max([sum(counts.values()) for _, counts in rows] + [1])
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
            'aria-label="{}" font-family="DejaVu Sans, sans-serif" font-size="13">',
            width,
            height,
            width,
            height,
            title,
        ),
        format_html("<title>{}</title>", title),
        *legend,
    ]
    table_rows = []
    y = legend_height + gap
    for (label, counts), lines, row_height in zip(rows, wrapped, row_heights, strict=True):
        spans = format_html_join(
            "",
            '<tspan x="0" dy="{}">{}</tspan>',
            ((0 if i == 0 else line_height, line) for i, line in enumerate(lines)),
        )
        parts.append(format_html('<text x="0" y="{}" fill="#1b1f24">{}</text>', y + 16, spans))
        x = label_width
        values = []
        for s in series:
            value = counts.get(s.key, 0)
            values.append(value)
            if value:
                w = bar_width * value / largest
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {} {}</title></rect>',
                        f"{x:.1f}",
                        y,
                        f"{w:.1f}",
                        bar_height,
                        s.colour,
                        label,
                        s.label,
                        value,
                    )
                )
                x += w
        parts.append(
            format_html('<text x="{}" y="{}" fill="#1b1f24">{}</text>', f"{x + 6:.1f}", y + 16, sum(values))
        )
        table_rows.append((label, values))
        y += row_height + gap
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant
    svg = format_html_join("", "{}", ((part,) for part in parts))
    return Chart(title=title, svg=svg, series=series, rows=table_rows)
