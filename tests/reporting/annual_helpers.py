"""Rounds, reports and a ten-times plan for the annual report tests and bench/annual_report.py."""

import datetime

from django.utils import timezone

from measures.models import Activity, ExpectedResult, Measure, Responsibility, code_sort_key
from measures.status import MeasureStatus, RoundKind, TrafficLight
from plan.models import ActionPlan
from reporting.models import StatusReport
from reporting.services import round_open

STATUS_CYCLE = [
    MeasureStatus.IN_PROGRESS,
    MeasureStatus.DONE,
    MeasureStatus.NOT_STARTED,
    MeasureStatus.TRANSFERRED,
]
LIGHT_CYCLE = [TrafficLight.GREEN, TrafficLight.YELLOW, TrafficLight.RED, TrafficLight.GREEN]
TEXT = (
    "Arbetet har fortsatt enligt plan med samverkan mellan verksamheterna. Kartläggningen är klar och "
    "en arbetsgrupp med representanter från skola, socialtjänst och hälso- och sjukvård har träffats "
    "varannan månad. "
)


def annual_round(plan, year: int, name: str | None = None):
    return round_open(
        plan=plan,
        name=name or f"Årsuppföljning {year}",
        kind=RoundKind.ANNUAL,
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        deadline=datetime.date(year + 1, 1, 31),
        grace_days=7,
    )


def submit(report: StatusReport, *, status, light=TrafficLight.GREEN, **texts) -> StatusReport:
    report.state = StatusReport.State.SUBMITTED
    report.status = status
    report.traffic_light = light
    report.submitted_at = timezone.now()
    report.done_text = texts.get("done", f"Gjort för {report.measure.code} av {report.office.abbreviation}.")
    report.results_text = texts.get("results", "")
    report.deviations_text = texts.get("deviations", "")
    report.next_steps_text = texts.get("next_steps", "")
    report.save()
    return report


def submit_all(round, *, skip_codes=(), long_texts=False) -> dict[str, str]:
    """Submits every report in the round except those of skip_codes; returns {code: lead status}."""
    statuses = {}
    reports = round.reports.select_related("measure", "office").order_by("measure__sort_key", "-is_lead")
    for index, report in enumerate(reports):
        if report.measure.code in skip_codes:
            continue
        status = (
            STATUS_CYCLE[len(statuses) % len(STATUS_CYCLE)] if report.is_lead else MeasureStatus.IN_PROGRESS
        )
        text = TEXT * 3 if long_texts else f"Gjort för {report.measure.code} av {report.office.abbreviation}."
        submit(
            report,
            status=status,
            light=LIGHT_CYCLE[index % len(LIGHT_CYCLE)],
            done=text,
            results=text if long_texts else "",
            next_steps=text if long_texts else "",
        )
        if report.is_lead:
            statuses[report.measure.code] = status
    return statuses


def in_scope_codes(plan, organisation_slug: str) -> list[str]:
    """Measure codes, in report order, where an office of the organisation is responsible."""
    measures = Measure.objects.for_plan(plan).filter(
        responsibilities__office__organisation__slug=organisation_slug
    )
    return [
        m.code
        for m in measures.distinct().select_related("target_area").order_by("target_area__number", "sort_key")
    ]


def all_codes(plan) -> list[str]:
    return [m.code for m in Measure.objects.for_plan(plan).order_by("target_area__number", "sort_key")]


def copy_plan(source, *, copies: int, slug: str) -> ActionPlan:
    """A plan with the source's measures `copies` times over (codes 1.2.1.1, 2.2.1.1, ...)."""
    plan = ActionPlan.objects.create(
        name=f"{source.name} ×{copies}",
        slug=slug,
        implementation_start=source.implementation_start,
        implementation_end=source.implementation_end,
        status=ActionPlan.Status.ADOPTED,
    )
    plan.organisations.set(source.organisations.all())
    originals = list(Measure.objects.for_plan(source).with_plan_content())
    copies_made = []
    for n in range(1, copies + 1):
        for m in originals:
            code = f"{n}.{m.code}"
            copies_made.append(
                Measure(
                    plan=plan,
                    code=code,
                    sort_key=code_sort_key(code),
                    target_area=m.target_area,
                    need=m.need,
                    status=m.status,
                )
            )
    created = Measure.objects.bulk_create(copies_made)
    activities, results, responsibilities = [], [], []
    for index, measure in enumerate(created):
        original = originals[index % len(originals)]
        activities += [
            Activity(measure=measure, position=a.position, text=a.text) for a in original.activities.all()
        ]
        results += [
            ExpectedResult(measure=measure, position=r.position, text=r.text)
            for r in original.expected_results.all()
        ]
        responsibilities += [
            Responsibility(measure=measure, office=r.office, position=r.position)
            for r in original.ordered_responsibilities
        ]
    Activity.objects.bulk_create(activities)
    ExpectedResult.objects.bulk_create(results)
    Responsibility.objects.bulk_create(responsibilities)
    return plan


def submit_all_fast(round, *, long_texts=True) -> None:
    """Submits every report with one UPDATE per status (for large plans)."""
    text = TEXT * 3 if long_texts else "Gjort."
    reports = list(round.reports.values_list("id", flat=True).order_by("id"))
    for offset, status in enumerate(STATUS_CYCLE):
        StatusReport.objects.filter(pk__in=reports[offset :: len(STATUS_CYCLE)]).update(
            state=StatusReport.State.SUBMITTED,
            status=status,
            traffic_light=LIGHT_CYCLE[offset],
            submitted_at=timezone.now(),
            done_text=text,
            results_text=text,
            deviations_text="" if offset else text,
            next_steps_text=text,
        )
