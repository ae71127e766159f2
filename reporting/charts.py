"""Server-rendered SVG charts, each with the table that carries the same numbers.

Used by the dashboard and by the annual report (HTML preview and PDF), so the charts look the same
everywhere. No JavaScript and no chart library.
"""

import textwrap
from dataclasses import dataclass
from xml.sax.saxutils import escape

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
    svg: str
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
        parts.append(f'<rect x="{x}" y="{y}" width="14" height="14" fill="{s.colour}"/>')
        parts.append(f'<text x="{x + 18}" y="{y + 12}" fill="#1b1f24">{escape(s.label)}</text>')
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
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(title)}" font-family="DejaVu Sans, sans-serif" '
        f'font-size="13">',
        f"<title>{escape(title)}</title>",
        *legend,
    ]
    table_rows = []
    y = legend_height + gap
    for (label, counts), lines, row_height in zip(rows, wrapped, row_heights, strict=True):
        spans = "".join(
            f'<tspan x="0" dy="{0 if i == 0 else line_height}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        parts.append(f'<text x="0" y="{y + 16}" fill="#1b1f24">{spans}</text>')
        x = label_width
        values = []
        for s in series:
            value = counts.get(s.key, 0)
            values.append(value)
            if value:
                w = bar_width * value / largest
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{s.colour}">'
                    f"<title>{escape(label)}: {escape(s.label)} {value}</title></rect>"
                )
                x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 16}" fill="#1b1f24">{sum(values)}</text>')
        table_rows.append((label, values))
        y += row_height + gap
    parts.append("</svg>")
    return Chart(title=title, svg="".join(parts), series=series, rows=table_rows)
