"""The plan's public page (issue 13): what anonymous visitors see, assembled once for every public view.

What may be shown is decided by one queryset, StatusReport.objects.public(); this module only arranges it.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from measures.models import Measure
from measures.status import NOT_REPORTED_LABEL, RoundStatus
from reporting.models import AnnualReport, FollowUpRound, StatusReport


@dataclass
class PublicRow:
    """One measure with the status its lead office reported in the last closed round (None: not reported)."""

    measure: Measure
    report: StatusReport | None = None
    not_reported_label: str = field(default_factory=lambda: str(NOT_REPORTED_LABEL))


def closed_rounds(plan):
    return FollowUpRound.objects.filter(plan=plan, status=RoundStatus.CLOSED).latest_first()


def last_closed_round(plan) -> FollowUpRound | None:
    return closed_rounds(plan).first()


def search_q(query: str) -> Q:
    """Free-text search over a measure's number, need, activities and expected results (?sok=)."""
    q = Q(code=query)
    for name in ("need", "activities__text", "expected_results__text", "target_area__name"):
        q |= Q(**{f"{name}__lower__contains": query.lower()})
    for name in ("need_en", "activities__text_en", "expected_results__text_en"):
        q |= Q(**{f"{name}__icontains": query})  # the English text, where the plan has one
    return q


def public_rows(plan, *, target_area=None, office=None, query: str = "") -> tuple[list[PublicRow], object]:
    """The plan's measures (filtered) with their public status of the last closed round, and that round."""
    measures = Measure.objects.for_plan(plan)
    if target_area is not None:
        measures = measures.filter(target_area=target_area)
    if office is not None:
        measures = measures.filter(responsibilities__office=office)
    if query:
        measures = measures.filter(pk__in=Measure.objects.for_plan(plan).filter(search_q(query)).values("pk"))
    measures = list(measures.with_plan_content())
    last_round = last_closed_round(plan)
    reports = {}
    if last_round is not None:
        reports = {
            r.measure_id: r
            for r in StatusReport.objects.public().filter(
                round=last_round, measure__in=[m.pk for m in measures]
            )
        }
    return [PublicRow(m, reports.get(m.pk)) for m in measures], last_round


def rows_by_area(rows: list[PublicRow]) -> list[tuple[object, list[PublicRow]]]:
    areas: dict = {}
    for row in rows:
        areas.setdefault(row.measure.target_area, []).append(row)
    return sorted(areas.items(), key=lambda item: item[0].number)


def measure_public_reports(measure) -> list[StatusReport]:
    """The measure's public status in every closed round, the latest first."""
    return list(
        StatusReport.objects.public()
        .filter(measure=measure)
        .select_related("round", "office")
        .order_by(*FollowUpRound.latest_first("round__"))
    )


def published_annual_reports(plan):
    return AnnualReport.objects.public().filter(plan=plan).select_related("decision_body")
