"""A small server-rendered SVG line chart of one indicator over the years, always shown with its table.

Like reporting/charts.py: no JavaScript, built with format_html only, so every label is escaped.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from measures.indicators import NATIONAL_AREA, Gender, Indicator, Trend, area_name, format_value

# Each line: colour (AA against white) and dash pattern, so the lines differ without colour too.
LINE_STYLES = {
    ("home", Gender.TOTAL): ("#0b4f8a", ""),
    ("home", Gender.WOMEN): ("#8a1c5a", "6 3"),
    ("home", Gender.MEN): ("#1d6b35", "2 3"),
    ("national", Gender.TOTAL): ("#4b5563", "10 4"),
}
TARGET_COLOUR = "#8a5a00"


@dataclass
class Line:
    label: str
    colour: str
    dash: str
    points: list[tuple[int, float]]


def _format(value: float) -> str:
    return format_value(value)


def indicator_lines(indicator) -> list[Line]:
    home = indicator.home_area
    lines = []
    for (which, gender), (colour, dash) in LINE_STYLES.items():
        area = home if which == "home" else NATIONAL_AREA
        if which == "national" and home == NATIONAL_AREA:
            continue
        points = indicator.series(area, gender)
        if points:
            label = f"{area_name(area)}, {Gender(gender).label.lower()}"
            lines.append(Line(label=label, colour=colour, dash=dash, points=points))
    return lines


def line_chart(indicator) -> SafeString:
    lines = indicator_lines(indicator)
    if not lines:
        return mark_safe("")  # noqa: S308 - nothing to draw
    title = indicator.title
    left, right, top, width, plot_height = 56, 16, 12, 560, 150
    years = sorted({year for line in lines for year, _ in line.points})
    values = [value for line in lines for _, value in line.points]
    if indicator.target_value is not None:
        values.append(indicator.target_value)
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.1
    low, high = (0 if low >= 0 and low - pad < 0 else low - pad), high + pad
    plot_width = width - left - right
    first, last = years[0], years[-1]

    def x(year):
        return left + (plot_width * (year - first) / (last - first) if last != first else plot_width / 2)

    def y(value):
        return top + plot_height * (high - value) / (high - low)

    legend_y = top + plot_height + 40
    legend_items = [(line.label, line.colour, line.dash) for line in lines]
    if indicator.target_value is not None:
        legend_items.append((_("Mål"), TARGET_COLOUR, "1 3"))
    rows_of_legend = (len(legend_items) + 2) // 3
    height = legend_y + rows_of_legend * 20 + 4
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}" '
            'font-family="DejaVu Sans, sans-serif" font-size="12" class="indicator-chart">',
            width,
            height,
            title,
        ),
        format_html("<title>{}</title>", title),
    ]
    for value in (low, (low + high) / 2, high):
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d0d4da"/>'
                '<text x="{}" y="{}" text-anchor="end" fill="#1b1f24">{}</text>',
                left,
                width - right,
                f"{y(value):.1f}",
                f"{y(value):.1f}",
                left - 6,
                f"{y(value) + 4:.1f}",
                _format(value),
            )
        )
    step = max(1, len(years) // 8)
    for year in years[::step]:
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" fill="#1b1f24">{}</text>',
                f"{x(year):.1f}",
                top + plot_height + 18,
                year,
            )
        )
    if indicator.target_value is not None:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="1 3">'
                "<title>{}: {}</title></line>",
                left,
                width - right,
                f"{y(indicator.target_value):.1f}",
                f"{y(indicator.target_value):.1f}",
                TARGET_COLOUR,
                _("Mål"),
                _format(indicator.target_value),
            )
        )
    for line in lines:
        points = " ".join(f"{x(year):.1f},{y(value):.1f}" for year, value in line.points)
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2" stroke-dasharray="{}"/>',
                points,
                line.colour,
                line.dash or "none",
            )
        )
        parts.append(
            format_html_join(
                "",
                '<circle cx="{}" cy="{}" r="3" fill="{}"><title>{} {}: {}</title></circle>',
                (
                    (f"{x(year):.1f}", f"{y(value):.1f}", line.colour, line.label, year, _format(value))
                    for year, value in line.points
                ),
            )
        )
    for n, (label, colour, dash) in enumerate(legend_items):
        lx, ly = (n % 3) * 180, legend_y + (n // 3) * 20
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="3" stroke-dasharray="{}"/>'
                '<text x="{}" y="{}" fill="#1b1f24">{}</text>',
                lx,
                lx + 24,
                ly,
                ly,
                colour,
                dash or "none",
                lx + 30,
                ly + 4,
                label,
            )
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant
    return format_html_join("", "{}", ((part,) for part in parts))


@dataclass
class IndicatorPanel:
    """What a page shows for one indicator: latest value, direction since the plan started, chart, table."""

    indicator: object
    latest: object
    trend: str
    chart: SafeString
    table: object

    @property
    def trend_label(self) -> str:
        return Trend(self.trend).label

    @property
    def source_label(self) -> str:
        return self.indicator.get_source_display()


def indicator_panels(indicators, *, start_year: int) -> list[IndicatorPanel]:
    """One panel per indicator; pass a queryset with .with_values() so that this makes no queries."""
    return [
        IndicatorPanel(
            indicator=indicator,
            latest=indicator.latest(),
            trend=indicator.trend_since(start_year),
            chart=line_chart(indicator),
            table=indicator.table(),
        )
        for indicator in indicators
    ]


TREND_PARAMS = {
    Trend.BETTER: "battre",
    Trend.WORSE: "samre",
    Trend.UNCHANGED: "oforandrad",
    Trend.UNKNOWN: "okand",
}


@dataclass
class AreaTrends:
    """Per target area: how many linked indicators moved in the better direction since the plan started."""

    area: object
    counts: dict
    url: str

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def better(self) -> int:
        return self.counts.get(Trend.BETTER, 0)

    @property
    def worse(self) -> int:
        return self.counts.get(Trend.WORSE, 0)

    @property
    def other(self) -> int:
        return self.total - self.better - self.worse

    def url_for(self, trend: str) -> str:
        return f"{self.url}&utveckling={TREND_PARAMS[trend]}"

    @property
    def better_url(self) -> str:
        return self.url_for(Trend.BETTER)

    @property
    def worse_url(self) -> str:
        return self.url_for(Trend.WORSE)


def trends_by_target_area(plan) -> list[AreaTrends]:
    """The target areas that have indicators, in number order: one query when there are no indicators,
    three when there are (indicators, their target areas, their values)."""
    indicators = Indicator.objects.prefetch_related("target_areas").with_values()
    areas, by_area = {}, {}
    for indicator in indicators:
        trend = indicator.trend_since(plan.implementation_start)
        for area in indicator.target_areas.all():
            areas[area.number] = area
            counts = by_area.setdefault(area.number, {})
            counts[trend] = counts.get(trend, 0) + 1
    base = reverse("indicator-list", args=[plan.slug])
    return [
        AreaTrends(area=areas[number], counts=by_area[number], url=f"{base}?malomrade={number}")
        for number in sorted(areas)
    ]
