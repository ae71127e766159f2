"""The steering group's dashboard: the whole plan on one page for one follow-up round.

Everything is counted with a few aggregate queries whose number does not grow with the plan; every
count carries the URL of the measure list that shows the measures behind it (see reporting.selectors
for what a status "in a round" means, the list uses the same rules).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import BooleanField, Count, DecimalField, ExpressionWrapper, F, Q, Sum, Value, Window
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import Office
from governance.versions import has_history
from measures.indicator_charts import trends_by_target_area
from measures.indicators import Indicator, IndicatorValue
from measures.models import Measure, Responsibility
from measures.status import (
    ATTENTION,
    LATE,
    NO_LIGHT,
    NOT_REPORTED,
    NOT_REPORTED_LABEL,
    OUTSTANDING,
    ReportState,
    TrafficLight,
    status_label,
)
from plan.models import ActionPlan, TargetArea
from reporting import selectors
from reporting.charts import STATUS_COLOURS, Chart, Series, stacked_bars
from reporting.figures import LIGHT_SERIES, STATUS_SERIES
from reporting.filters import ANY, LEAD, SHARED, measure_list_url
from reporting.models import FollowUpRound, StatusReport, StimulusAllocation, StimulusFundYear

LIST_LIMIT = 25
# The models whose rows the dashboard shows: their history versions (governance.versions) key the
# cached dashboard, so any change to them shows at once.
CONTENT = (
    StatusReport,
    FollowUpRound,
    Measure,
    Responsibility,
    Office,
    TargetArea,
    ActionPlan,
    Indicator,
    IndicatorValue,
    StimulusFundYear,
    StimulusAllocation,
)


def indicator_trends(plan) -> list:
    """Per target area how the linked indicators moved since the plan started; no query while no
    indicator has ever been stored (the plan is loaded with the CONTENT versions)."""
    return trends_by_target_area(plan) if has_history(plan, Indicator) else []


ROUND_STATUS_SERIES = STATUS_SERIES + [
    Series(NOT_REPORTED, str(NOT_REPORTED_LABEL), STATUS_COLOURS[NOT_REPORTED])
]


@dataclass
class Cell:
    count: int
    url: str = ""


@dataclass
class Row:
    label: str
    cells: list[Cell]
    total: Cell
    url: str = ""


@dataclass
class Breakdown:
    """A table of counts (rows × series) and the chart drawn from the same numbers."""

    title: str
    series: list[Series]
    rows: list[Row]
    chart: Chart
    slug: str
    row_header: str = ""


@dataclass
class Fact:
    """One group of reports (or responsibilities when there is no round) with identical attributes."""

    area_id: int
    office_id: int | None
    is_lead: bool
    status: str
    light: str
    submitted: bool
    late: int
    n: int


@dataclass
class OfficeProgress:
    office: Office
    total: int
    submitted: Cell
    outstanding: Cell
    late: Cell


@dataclass
class MeasureLine:
    code: str
    need: str
    url: str
    detail: str = ""
    light: str = ""
    light_label: str = ""


@dataclass
class FundLine:
    year: int
    available: Decimal
    allocated: Decimal
    url: str

    @property
    def remaining(self) -> Decimal:
        return self.available - self.allocated

    @property
    def over_allocated(self) -> bool:
        return self.remaining < 0


@dataclass
class Dashboard:
    plan: object
    round: FollowUpRound | None
    previous: FollowUpRound | None
    rounds: list[FollowUpRound]
    measure_count: Cell
    status_overall: Breakdown
    light_overall: Breakdown
    by_area: list[Breakdown]
    by_office: list[Breakdown]
    matrix_offices: list[Office]
    matrix_rows: list[tuple[TargetArea, list[tuple[Cell, Cell]]]]
    office_progress: list[OfficeProgress] = field(default_factory=list)
    late_reports: list[MeasureLine] = field(default_factory=list)
    late_count: int = 0
    changed: list[MeasureLine] = field(default_factory=list)
    changed_count: Cell | None = None
    attention: list[MeasureLine] = field(default_factory=list)
    attention_count: int = 0
    progress: list[Breakdown] = field(default_factory=list)
    funds: list[FundLine] = field(default_factory=list)
    funds_chart: Chart | None = None
    # The key figures at the top, each a link to the measure list filtered to what it counts.
    attention_cell: Cell | None = None
    late_cell: Cell | None = None
    not_done_cell: Cell | None = None

    @property
    def offices_not_done(self) -> list[OfficeProgress]:
        return [row for row in self.office_progress if row.outstanding.count]


def build_dashboard(
    plan,
    round: FollowUpRound | None = None,
    *,
    rounds: list[FollowUpRound] | None = None,
    today: datetime.date | None = None,
    funds: "Funds | None" = None,
) -> Dashboard:
    """Assembles the dashboard for the plan and round (default: the latest round)."""
    today = today or timezone.localdate()
    if rounds is None:
        rounds = list(FollowUpRound.objects.filter(plan=plan).latest_first())
    if round is None and rounds:
        round = rounds[0]
    previous = round.previous(among=rounds) if round else None
    areas = list(TargetArea.objects.all())
    facts, measure_facts, offices, progress_counts = _facts(plan, round, today)
    base = {"omgang": round.pk if round else None}
    status_series = ROUND_STATUS_SERIES if round else STATUS_SERIES

    def link(count, **filters):
        return Cell(count, measure_list_url(plan, **base, **filters) if count else "")

    def breakdown(title, slug, series, kind, groups, row_header):
        """groups: [(label, row filters, [facts])] -> one row per group, one column per series."""
        rows, chart_rows = [], []
        for label, filters, group in groups:
            counts = defaultdict(int)
            for fact in group:
                counts[fact.status if kind == "status" else fact.light] += fact.n
            cells = [link(counts[s.key], **filters, **{kind_param(kind): s.key or NO_LIGHT}) for s in series]
            rows.append(Row(label, cells, link(sum(counts.values()), **filters)))
            chart_rows.append((label, dict(counts)))
        return Breakdown(title, series, rows, stacked_bars(title, chart_rows, series), slug, row_header)

    everything = [(_("Hela planen"), {}, measure_facts)]
    by_area_groups = [
        (str(area), {"malomrade": area.number}, [f for f in measure_facts if f.area_id == area.pk])
        for area in areas
    ]
    present = sorted({f.office_id for f in facts}, key=lambda pk: offices[pk].abbreviation)

    def office_groups(lead):
        role = LEAD if lead else SHARED
        groups = [
            (
                f"{offices[pk].label} ({offices[pk].abbreviation})",
                {"verksamhet": offices[pk].abbreviation, "ansvar": role},
                [f for f in facts if f.office_id == pk and f.is_lead == lead],
            )
            for pk in present
        ]
        return [group for group in groups if group[2]]

    dashboard = Dashboard(
        plan=plan,
        round=round,
        previous=previous,
        rounds=rounds,
        measure_count=link(sum(f.n for f in measure_facts)),
        status_overall=breakdown(
            _("Status, hela planen"), "status", status_series, "status", everything, _("Omfattning")
        ),
        light_overall=breakdown(
            _("Trafikljus, hela planen"), "ljus", LIGHT_SERIES, "light", everything, _("Omfattning")
        ),
        by_area=[
            breakdown(
                _("Status per målområde"),
                "status-malomrade",
                status_series,
                "status",
                by_area_groups,
                _("Målområde"),
            ),
            breakdown(
                _("Trafikljus per målområde"),
                "ljus-malomrade",
                LIGHT_SERIES,
                "light",
                by_area_groups,
                _("Målområde"),
            ),
        ],
        by_office=[
            breakdown(
                _("Status per verksamhet – huvudansvar"),
                "status-huvud",
                status_series,
                "status",
                office_groups(True),
                _("Verksamhet"),
            ),
            breakdown(
                _("Status per verksamhet – delat ansvar"),
                "status-delat",
                status_series,
                "status",
                office_groups(False),
                _("Verksamhet"),
            ),
            breakdown(
                _("Trafikljus per verksamhet – huvudansvar"),
                "ljus-huvud",
                LIGHT_SERIES,
                "light",
                office_groups(True),
                _("Verksamhet"),
            ),
            breakdown(
                _("Trafikljus per verksamhet – delat ansvar"),
                "ljus-delat",
                LIGHT_SERIES,
                "light",
                office_groups(False),
                _("Verksamhet"),
            ),
        ],
        matrix_offices=[offices[pk] for pk in present],
        matrix_rows=_matrix(areas, present, offices, facts, link),
    )
    late_reports, attention_reports = _first_late_and_attention(round, today) if round else ([], [])
    if round is not None:
        _add_round_follow_up(dashboard, facts, offices, present, link, late_reports)
        dashboard.progress = _progress(plan, rounds, areas, progress_counts)
    _add_attention(dashboard, measure_facts, attention_reports)
    dashboard.attention_cell = link(dashboard.attention_count, ljus=ATTENTION)
    if round is not None:
        dashboard.late_cell = link(dashboard.late_count, rapport=LATE, ansvar=ANY)
        dashboard.not_done_cell = link(len(dashboard.offices_not_done), rapport=OUTSTANDING, ansvar=ANY)
    funds = funds or fund_summary(plan)
    dashboard.funds, dashboard.funds_chart = funds.lines, funds.chart
    return dashboard


def kind_param(kind: str) -> str:
    return "status" if kind == "status" else "ljus"


OFFICE_FIELDS = ("office__organisation_id", "office__name", "office__short_name", "office__abbreviation")


def _office(row) -> Office:
    return Office(
        pk=row["office_id"],
        organisation_id=row["office__organisation_id"],
        name=row["office__name"],
        short_name=row["office__short_name"],
        abbreviation=row["office__abbreviation"],
    )


def _facts(plan, round, today):
    """(per office facts in the round, per measure facts, the offices met, every round's lead report counts):
    one query whose size grows with the vocabulary and the rounds, not with the plan. The lead counts
    are keyed (area, round) -> {round status: n} for the progress charts."""
    offices, progress = {}, defaultdict(lambda: defaultdict(int))
    if round is not None:
        rows = (
            StatusReport.objects.filter(round__plan=plan)
            .values(
                "round_id",
                "measure__target_area_id",
                "office_id",
                *OFFICE_FIELDS,
                "is_lead",
                "state",
                "status",
                "traffic_light",
            )
            .annotate(n=Count("id"), late=Count("id", filter=StatusReport.late_q(today)))
            .order_by()
        )
        facts = []
        for row in rows:
            offices.setdefault(row["office_id"], _office(row))
            status = selectors.round_status_key(row["state"], row["status"])
            if row["is_lead"]:
                progress[row["measure__target_area_id"], row["round_id"]][status] += row["n"]
            if row["round_id"] != round.pk:
                continue
            facts.append(
                Fact(
                    area_id=row["measure__target_area_id"],
                    office_id=row["office_id"],
                    is_lead=row["is_lead"],
                    status=status,
                    light=selectors.round_light_key(row["state"], row["traffic_light"]),
                    submitted=row["state"] == ReportState.SUBMITTED,
                    late=row["late"],
                    n=row["n"],
                )
            )
        return facts, [f for f in facts if f.is_lead], offices, progress
    responsibilities = (
        Responsibility.objects.filter(measure__plan=plan)
        .with_is_lead()
        .values(
            "measure__target_area_id",
            "office_id",
            *OFFICE_FIELDS,
            "lead",
            "measure__status",
            "measure__traffic_light",
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    facts = []
    for row in responsibilities:
        offices.setdefault(row["office_id"], _office(row))
        facts.append(
            Fact(
                area_id=row["measure__target_area_id"],
                office_id=row["office_id"],
                is_lead=row["lead"],
                status=row["measure__status"],
                light=row["measure__traffic_light"],
                submitted=True,
                late=0,
                n=row["n"],
            )
        )
    measures = Measure.objects.filter(plan=plan).counts_by_status()
    measure_facts = [
        Fact(row["target_area_id"], None, True, row["status"], row["traffic_light"], True, 0, row["n"])
        for row in measures
    ]
    return facts, measure_facts, offices, progress


def _matrix(areas, present, offices, facts, link):
    counts = defaultdict(int)
    for fact in facts:
        counts[fact.area_id, fact.office_id, fact.is_lead] += fact.n
    rows = []
    for area in areas:
        cells = []
        for pk in present:
            filters = {"malomrade": area.number, "verksamhet": offices[pk].abbreviation}
            cells.append(
                (
                    link(counts[area.pk, pk, True], **filters, ansvar=LEAD),
                    link(counts[area.pk, pk, False], **filters, ansvar=SHARED),
                )
            )
        rows.append((area, cells))
    return rows


def _add_round_follow_up(dashboard, facts, offices, present, link, late_reports):
    plan, round = dashboard.plan, dashboard.round
    for pk in present:
        group = [f for f in facts if f.office_id == pk]
        abbreviation = offices[pk].abbreviation
        submitted = sum(f.n for f in group if f.submitted)
        outstanding = sum(f.n for f in group if not f.submitted)
        late = sum(f.late for f in group)
        dashboard.office_progress.append(
            OfficeProgress(
                office=offices[pk],
                total=submitted + outstanding,
                submitted=link(submitted, verksamhet=abbreviation, rapport=ReportState.SUBMITTED),
                outstanding=link(outstanding, verksamhet=abbreviation, rapport=OUTSTANDING),
                late=link(late, verksamhet=abbreviation, rapport=LATE),
            )
        )
    dashboard.late_count = sum(f.late for f in facts)
    for report in late_reports:
        if report.submitted_at:
            detail = _("%(office)s, inlämnad %(date)s") % {
                "office": report.office.abbreviation,
                "date": f"{timezone.localdate(report.submitted_at):%Y-%m-%d}",
            }
        else:
            detail = _("%(office)s, ej inlämnad") % {"office": report.office.abbreviation}
        dashboard.late_reports.append(_line(plan, report.measure, detail))
    if dashboard.previous is not None:
        changed = selectors.changed_between(Measure.objects.filter(plan=plan), round, dashboard.previous)
        # The first LIST_LIMIT changed measures, each carrying how many there are in all.
        first = list(changed.annotate(total=Window(Count("id"))).order_by("sort_key")[:LIST_LIMIT])
        dashboard.changed_count = link(first[0].total if first else 0, andrad="1")
        for measure in first:
            detail = f"{status_label(measure.previous_status)} → {status_label(measure.round_status)}"
            dashboard.changed.append(_line(plan, measure, detail))


ATTENTION_LIGHTS = [TrafficLight.RED, TrafficLight.YELLOW]


def _first_late_and_attention(round, today) -> tuple[list[StatusReport], list[StatusReport]]:
    """The round's first LIST_LIMIT late reports (by office, then measure) and first LIST_LIMIT lead
    reports with a red or yellow light (red first), fetched together: each row is numbered within its
    list and only the rows within either limit come back."""
    late = StatusReport.late_q(today)
    attention = Q(is_lead=True, state=ReportState.SUBMITTED, traffic_light__in=ATTENTION_LIGHTS)
    rows = list(
        StatusReport.objects.filter(round=round)
        .filter(late | attention)
        .annotate(
            in_late=ExpressionWrapper(late, output_field=BooleanField()),
            in_attention=ExpressionWrapper(attention, output_field=BooleanField()),
        )
        .annotate(
            late_rank=Window(
                RowNumber(),
                partition_by=[F("in_late")],
                order_by=[F("office__abbreviation").asc(), F("measure__sort_key").asc()],
            ),
            attention_rank=Window(
                RowNumber(),
                partition_by=[F("in_attention")],
                order_by=[selectors.rank("traffic_light", ATTENTION_LIGHTS).asc(), F("measure__sort_key").asc()],
            ),
        )
        .filter(Q(late_rank__lte=LIST_LIMIT) | Q(attention_rank__lte=LIST_LIMIT))
        .select_related("measure", "office")
    )
    late_reports = sorted((r for r in rows if r.in_late and r.late_rank <= LIST_LIMIT), key=lambda r: r.late_rank)
    attention_reports = sorted(
        (r for r in rows if r.in_attention and r.attention_rank <= LIST_LIMIT), key=lambda r: r.attention_rank
    )
    return late_reports, attention_reports


def _add_attention(dashboard, measure_facts, attention_reports):
    """Measures with a red or yellow light (in the round, or now when there is no round)."""
    plan, round = dashboard.plan, dashboard.round
    lights = ATTENTION_LIGHTS
    dashboard.attention_count = sum(f.n for f in measure_facts if f.light in lights)
    if round is not None:
        pairs = [(report.measure, report.traffic_light) for report in attention_reports]
    else:
        measures = (
            Measure.objects.filter(plan=plan, traffic_light__in=lights)
            .order_by(selectors.rank("traffic_light", lights), "sort_key")
            .only("code", "need", "traffic_light")[:LIST_LIMIT]
        )
        pairs = [(measure, measure.traffic_light) for measure in measures]
    for measure, light in pairs:
        line = _line(plan, measure)
        line.light, line.light_label = light, TrafficLight(light).label
        dashboard.attention.append(line)


def _progress(plan, rounds, areas, counts) -> list[Breakdown]:
    """Per target area, how the lead statuses were distributed in each round, oldest round first
    (counts: (area, round) -> {round status: n}, from _facts)."""
    chronological = list(reversed(rounds))
    charts = []
    for area in areas:
        table, chart_rows = [], []
        for round in chronological:
            by_status = counts[area.pk, round.pk]
            if not by_status:
                continue
            cells = [
                Cell(
                    by_status[s.key],
                    _url(plan, by_status[s.key], omgang=round.pk, malomrade=area.number, status=s.key),
                )
                for s in ROUND_STATUS_SERIES
            ]
            total = sum(by_status.values())
            table.append(
                Row(round.name, cells, Cell(total, _url(plan, total, omgang=round.pk, malomrade=area.number)))
            )
            chart_rows.append((round.name, dict(by_status)))
        if table:
            title = _("Utveckling över omgångarna: %(area)s") % {"area": area}
            chart = stacked_bars(title, chart_rows, ROUND_STATUS_SERIES)
            charts.append(
                Breakdown(title, ROUND_STATUS_SERIES, table, chart, f"utveckling-{area.number}", _("Omgång"))
            )
    return charts


@dataclass
class Funds:
    lines: list[FundLine]
    chart: Chart | None


def fund_summary(plan) -> Funds:
    """The plan's stimulus fund years with what is allocated, and their chart."""
    years = (
        StimulusFundYear.objects.filter(plan=plan)
        .annotate(
            allocated=Coalesce(
                Sum("allocations__amount"),
                Value(Decimal(0)),
                output_field=DecimalField(max_digits=14, decimal_places=0),
            )
        )
        .order_by("year")
    )
    url = reverse("stimulus-funds", args=[plan.slug])
    lines = [FundLine(y.year, y.amount_available, y.allocated, f"{url}#ar-{y.year}") for y in years]
    chart = None
    if lines:
        series = [
            Series("allocated", _("Fördelat"), STATUS_COLOURS["in_progress"]),
            Series("remaining", _("Kvar att fördela"), STATUS_COLOURS[""]),
        ]
        rows = [
            (str(line.year), {"allocated": int(line.allocated), "remaining": max(int(line.remaining), 0)})
            for line in lines
        ]
        chart = stacked_bars(_("Statliga stimulansmedel per år (kr)"), rows, series)
    return Funds(lines, chart)


def _line(plan, measure, detail="") -> MeasureLine:
    url = reverse("measure-detail", args=[plan.slug, measure.code])
    return MeasureLine(measure.code, measure.need, url, detail)


def _url(plan, count, **filters) -> str:
    return measure_list_url(plan, **filters) if count else ""
