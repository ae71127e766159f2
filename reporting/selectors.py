"""What a number on the dashboard means, as querysets: shared by the dashboard and the measure list.

A measure's status and traffic light in a follow-up round are those of its lead office's submitted
report; until that report is submitted the measure counts as "not reported" and "not assessed".
The same rule applies to one office's report when the list is filtered on an office.
"""

import datetime

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When

from measures.status import (
    ATTENTION,
    NO_LIGHT,
    NOT_REPORTED,
    OUTSTANDING,
    MeasureStatus,
    ReportState,
    TrafficLight,
)
from reporting.models import FollowUpRound, StatusReport

SUBMITTED = StatusReport.State.SUBMITTED
ATTENTION_LIGHTS = [TrafficLight.RED, TrafficLight.YELLOW]


def late_q(round: FollowUpRound, today: datetime.date | None = None) -> Q:
    """Reports that are late, as StatusReport.is_late decides it for one report."""
    submitted_late = Q(state=SUBMITTED, submitted_at__date__gt=round.deadline)
    if round.is_past_deadline(today):
        return submitted_late | ~Q(state=SUBMITTED)
    return submitted_late


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
    elif state == ReportState.LATE:
        q &= late_q(round, today)
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
    submitted = submitted.filter(office=office) if office else submitted.filter(is_lead=True)
    return measures.annotate(
        round_status=Subquery(submitted.values("status")[:1]),
        round_light=Subquery(submitted.values("traffic_light")[:1]),
    )


def changed_between(measures, round: FollowUpRound, previous: FollowUpRound):
    """Measures whose submitted lead status in round differs from the one in the previous round."""
    previous_status = Subquery(
        StatusReport.objects.filter(round=previous, is_lead=True, state=SUBMITTED, measure=OuterRef("pk"))
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


def round_order(round: FollowUpRound) -> tuple:
    """Rounds follow each other by period end, and by when they were opened when it is the same."""
    return (round.period_end, round.pk)


def previous_round(round: FollowUpRound) -> FollowUpRound | None:
    """The plan's round just before this one, in round_order."""
    return (
        FollowUpRound.objects.filter(plan_id=round.plan_id)
        .filter(Q(period_end__lt=round.period_end) | Q(period_end=round.period_end, pk__lt=round.pk))
        .order_by("-period_end", "-pk")
        .first()
    )


def previous_round_in(round: FollowUpRound, rounds: list[FollowUpRound]) -> FollowUpRound | None:
    """previous_round() picked from the plan's rounds already loaded, without a query."""
    earlier = [r for r in rounds if r.plan_id == round.plan_id and round_order(r) < round_order(round)]
    return max(earlier, key=round_order, default=None)


def rank(field: str, values: list[str]) -> Case:
    """Sorts a field in vocabulary order rather than alphabetically."""
    return Case(
        *[When(**{field: value}, then=Value(i)) for i, value in enumerate(values)],
        default=Value(len(values)),
        output_field=IntegerField(),
    )


STATUS_ORDER = [*MeasureStatus.values]
LIGHT_ORDER = [TrafficLight.RED, TrafficLight.YELLOW, TrafficLight.GREEN]


def reports_exist(round: FollowUpRound, **conditions) -> Exists:
    return Exists(StatusReport.objects.filter(round=round, measure=OuterRef("pk")).filter(**conditions))
