"""Builders for test and benchmark data: whole plans with rounds and reports, made with bulk_create."""

import datetime
from itertools import cycle

from django.utils import timezone

from governance.models import Office
from measures.models import Activity, Measure, Responsibility, code_sort_key
from measures.status import MeasureStatus, TrafficLight
from plan.models import ActionPlan, InterventionLevel, TargetArea
from reporting.models import FollowUpRound, StatusReport
from reporting.services import round_open

STATUSES = [
    MeasureStatus.IN_PROGRESS,
    MeasureStatus.DONE,
    MeasureStatus.NOT_STARTED,
    MeasureStatus.TRANSFERRED,
]
LIGHTS = [TrafficLight.GREEN, TrafficLight.YELLOW, TrafficLight.RED, ""]


def aware(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def build_plan(size: int, slug: str | None = None, rounds: int = 2) -> ActionPlan:
    """A plan with `size` measures spread over the target areas and offices, and `rounds` rounds in
    which most lead offices have submitted (statuses and lights vary), some are drafts or missing, and
    some were submitted late."""
    plan = ActionPlan.objects.create(
        name=f"Testplan med {size} åtgärdsbehov",
        slug=slug or f"testplan-{size}",
        implementation_start=2023,
        implementation_end=2024,
        status=ActionPlan.Status.ADOPTED,
    )
    areas = list(TargetArea.objects.all())
    offices = list(Office.objects.all())
    levels = list(InterventionLevel.objects.all())
    measures = []
    for i in range(size):
        area = areas[i % len(areas)]
        code = f"{area.number}.{i // 100 + 1}.{i % 100 + 1}"
        measures.append(
            Measure(
                plan=plan,
                code=code,
                sort_key=code_sort_key(code),
                target_area=area,
                need=f"Behov nummer {i} av stöd till barn, unga och vuxna",
                status=STATUSES[i % len(STATUSES)],
                traffic_light=LIGHTS[i % len(LIGHTS)],
            )
        )
    measures = Measure.objects.bulk_create(measures)
    responsibilities, activities, level_links = [], [], []
    through = Measure.intervention_levels.through
    for i, measure in enumerate(measures):
        lead = offices[i % len(offices)]
        responsibilities.append(Responsibility(measure=measure, office=lead, position=1))
        if i % 3 == 0:
            responsibilities.append(
                Responsibility(measure=measure, office=offices[(i + 1) % len(offices)], position=2)
            )
        activities.append(Activity(measure=measure, position=1, text=f"Aktivitet för behov {i}"))
        level_links.append(through(measure=measure, interventionlevel=levels[i % len(levels)]))
    Responsibility.objects.bulk_create(responsibilities)
    Activity.objects.bulk_create(activities)
    through.objects.bulk_create(level_links)
    for number in range(rounds):
        year = 2023 + number
        report_round = round_open(
            plan=plan,
            name=f"Årsuppföljning {year}",
            kind="annual",
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
            deadline=datetime.date(year + 1, 1, 31),
        )
        fill_round(report_round, shift=number)
    return plan


def fill_round(report_round: FollowUpRound, shift: int = 0) -> None:
    """Submits most reports of a round with varying status and light; leaves every fifth alone."""
    reports = list(report_round.reports.order_by("pk"))
    statuses, lights = cycle(STATUSES[shift:] + STATUSES[:shift]), cycle(LIGHTS)
    on_time = aware(report_round.deadline - datetime.timedelta(days=3))
    late = aware(report_round.deadline + datetime.timedelta(days=4))
    for i, report in enumerate(reports):
        if i % 5 == 4:
            report.state = StatusReport.State.MISSING if i % 10 == 4 else StatusReport.State.DRAFT
            continue
        report.state = StatusReport.State.SUBMITTED
        report.status = next(statuses)
        report.traffic_light = next(lights)
        report.done_text = f"Vi har genomfört insats {i} med föräldraskapsstöd."
        report.submitted_at = late if i % 7 == 0 else on_time
    StatusReport.objects.bulk_update(
        reports, ["state", "status", "traffic_light", "done_text", "submitted_at"], batch_size=500
    )


def open_round(plan, year: int, deadline: datetime.date | None = None) -> FollowUpRound:
    return round_open(
        plan=plan,
        name=f"Årsuppföljning {year}",
        kind="annual",
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        deadline=deadline or datetime.date(year + 1, 1, 31),
    )


def submit(
    report_round, code, status, light="", office=None, days_after_deadline=-3, text=""
) -> StatusReport:
    """Submits the lead office's (or the given office's) report on a measure in a round."""
    reports = StatusReport.objects.filter(round=report_round, measure__code=code)
    report = reports.get(office__abbreviation=office) if office else reports.get(is_lead=True)
    report.state = StatusReport.State.SUBMITTED
    report.status, report.traffic_light, report.done_text = status, light, text
    report.submitted_at = aware(report_round.deadline + datetime.timedelta(days=days_after_deadline))
    report.save()
    return report
