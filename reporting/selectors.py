"""What a number on the dashboard means, as querysets: shared by the dashboard and the measure list.

A measure's status and traffic light in a follow-up round are those of its lead office's submitted
report; until that report is submitted the measure counts as "not reported" and "not assessed".
The same rule applies to one office's report when the list is filtered on an office.
"""

import datetime

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When

from measures.status import (
    ATTENTION,
    LATE,
    NO_LIGHT,
    NOT_REPORTED,
    OUTSTANDING,
    MeasureStatus,
    ReportState,
    TrafficLight,
)
from reporting.models import FollowUpRound, StatusReport

SUBMITTED = ReportState.SUBMITTED
ATTENTION_LIGHTS = [TrafficLight.RED, TrafficLight.YELLOW]


def report_q(
    round: FollowUpRound,
    *,
    status: str = "",
    light: str = "",
    state: str = "",
    today: datetime.date | None = None,
) -> Q:
    """StatusReport conditions for one status, traffic light and report state (each optional)."""
    q = Q()
    if status == NOT_REPORTED:
        q &= ~Q(state=SUBMITTED) | Q(status="")
    elif status:
        q &= Q(state=SUBMITTED, status=status)
    if light == NO_LIGHT:
        q &= ~Q(state=SUBMITTED) | Q(traffic_light="")
    elif light == ATTENTION:
        q &= Q(state=SUBMITTED, traffic_light__in=ATTENTION_LIGHTS)
    elif light:
        q &= Q(state=SUBMITTED, traffic_light=light)
    if state == OUTSTANDING:
        q &= ~Q(state=SUBMITTED)
    elif state == LATE:
        q &= StatusReport.late_q(today)
    elif state:
        q &= Q(state=state)
    return q


def round_status_key(state: str, status: str) -> str:
    return status if state == SUBMITTED and status else NOT_REPORTED


def round_light_key(state: str, light: str) -> str:
    return light if state == SUBMITTED else ""


def with_round_status(measures, round: FollowUpRound, office=None):
    """Annotates round_status and round_light: those of the submitted report in focus (the given
    office's, else the lead office's), or None."""
    submitted = StatusReport.objects.filter(round=round, measure=OuterRef("pk"), state=SUBMITTED)
    submitted = submitted.filter(office=office) if office else submitted.lead()
    return measures.annotate(
        round_status=Subquery(submitted.values("status")[:1]),
        round_light=Subquery(submitted.values("traffic_light")[:1]),
    )


def changed_between(measures, round: FollowUpRound, previous: FollowUpRound):
    """Measures whose submitted lead status in round differs from the one in the previous round: the
    database side of measures.status.status_changed()."""
    previous_status = Subquery(
        StatusReport.objects.lead().filter(round=previous, state=SUBMITTED, measure=OuterRef("pk"))
        .exclude(status="")
        .values("status")[:1]
    )
    return (
        with_round_status(measures, round)
        .annotate(previous_status=previous_status)
        .filter(round_status__isnull=False, previous_status__isnull=False)
        .exclude(round_status="")
        .exclude(round_status=F("previous_status"))
    )


def rank(field: str, values: list[str]) -> Case:
    """Sorts a field in vocabulary order rather than alphabetically."""
    return Case(
        *[When(**{field: value}, then=Value(i)) for i, value in enumerate(values)],
        default=Value(len(values)),
        output_field=IntegerField(),
    )


STATUS_ORDER = [*MeasureStatus.values]
LIGHT_ORDER = [TrafficLight.RED, TrafficLight.YELLOW, TrafficLight.GREEN]


def reports_exist(round: FollowUpRound, reports=None) -> Exists:
    """Whether the measure has a report in the round (among `reports`, default all)."""
    reports = StatusReport.objects.all() if reports is None else reports
    return Exists(reports.filter(round=round, measure=OuterRef("pk")))
