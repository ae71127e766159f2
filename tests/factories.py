"""Builders for test and benchmark data: whole plans with rounds and reports, made with bulk_create."""

import datetime
from itertools import cycle

from django.utils import timezone

from governance.models import Office, Organisation
from measures.models import Activity, ExpectedResult, Measure, Responsibility, code_sort_key
from measures.status import MeasureStatus, ReportState, RoundKind, TrafficLight
from plan.models import ActionPlan, InterventionLevel, TargetArea
from reporting.models import FollowUpRound, StatusReport
from reporting.services import round_open
from tests.plan_text import measure_blocks, responsible_offices

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
    # Owned by Norrtälje's two organisations, so that the demo users work in it as in the real plan.
    plan.organisations.set(Organisation.objects.filter(slug__in=ORGANISATION_OFFICES))
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
            report.state = ReportState.MISSING if i % 10 == 4 else ReportState.DRAFT
            continue
        report.state = ReportState.SUBMITTED
        report.status = next(statuses)
        report.traffic_light = next(lights)
        report.done_text = f"Vi har genomfört insats {i} med föräldraskapsstöd."
        report.submitted_at = late if i % 7 == 0 else on_time
    StatusReport.objects.bulk_update(
        reports, ["state", "status", "traffic_light", "done_text", "submitted_at"], batch_size=500
    )


def annual_round(
    plan, year: int, *, name: str | None = None, deadline: datetime.date | None = None, grace_days: int = 7
) -> FollowUpRound:
    """An annual round for a year: period the calendar year, deadline 31 January the year after."""
    return round_open(
        plan=plan,
        name=name or f"Årsuppföljning {year}",
        kind=RoundKind.ANNUAL,
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        deadline=deadline or datetime.date(year + 1, 1, 31),
        grace_days=grace_days,
    )


def submit_report(
    report: StatusReport,
    *,
    status,
    light=TrafficLight.GREEN,
    submitted_at: datetime.datetime | None = None,
    **texts,
) -> StatusReport:
    """Marks one report submitted with the given status, light and texts (done, results, deviations, next_steps)."""
    report.state = ReportState.SUBMITTED
    report.status = status
    report.traffic_light = light
    report.submitted_at = submitted_at or timezone.now()
    report.done_text = texts.get("done", f"Gjort för {report.measure.code} av {report.office.abbreviation}.")
    report.results_text = texts.get("results", "")
    report.deviations_text = texts.get("deviations", "")
    report.next_steps_text = texts.get("next_steps", "")
    report.save()
    return report


def submit(
    report_round, code, status, light="", office=None, days_after_deadline=-3, text=""
) -> StatusReport:
    """Submits the lead office's (or the given office's) report on a measure in a round."""
    reports = StatusReport.objects.filter(round=report_round, measure__code=code).select_related(
        "measure", "office"
    )
    report = reports.get(office__abbreviation=office) if office else reports.get(is_lead=True)
    submitted_at = aware(report_round.deadline + datetime.timedelta(days=days_after_deadline))
    return submit_report(report, status=status, light=light, submitted_at=submitted_at, done=text)


LIGHT_CYCLE = [TrafficLight.GREEN, TrafficLight.YELLOW, TrafficLight.RED, TrafficLight.GREEN]
TEXT = (
    "Arbetet har fortsatt enligt plan med samverkan mellan verksamheterna. Kartläggningen är klar och "
    "en arbetsgrupp med representanter från skola, socialtjänst och hälso- och sjukvård har träffats "
    "varannan månad. "
)


def submit_all(round, *, skip_codes=(), long_texts=False) -> dict[str, str]:
    """Submits every report in the round except those of skip_codes; returns {code: lead status}."""
    statuses = {}
    reports = round.reports.select_related("measure", "office").order_by("measure__sort_key", "-is_lead")
    for index, report in enumerate(reports):
        if report.measure.code in skip_codes:
            continue
        status = STATUSES[len(statuses) % len(STATUSES)] if report.is_lead else MeasureStatus.IN_PROGRESS
        text = TEXT * 3 if long_texts else f"Gjort för {report.measure.code} av {report.office.abbreviation}."
        submit_report(
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


# Which organisation each office belongs to (the brief's glossary: KSON is Kommunalförbundet's, the
# other offices Norrtälje kommun's).
ORGANISATION_OFFICES = {
    "kommunalforbundet": {"KSON"},
    "norrtalje-kommun": {"KSK", "SoC", "BoU", "KoF", "ToS"},
}


def _numeric(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


def in_scope_codes(organisation_slug: str) -> list[str]:
    """The real plan's measure codes, in report order, whose row in the plan's text names an office of
    the organisation: read from the plan, not from the fixture or the code under test."""
    offices = ORGANISATION_OFFICES[organisation_slug]
    return sorted((c for c in measure_blocks() if offices & set(responsible_offices(c))), key=_numeric)


def all_codes() -> list[str]:
    """Every measure code of the real plan's text, in report order."""
    return sorted(measure_blocks(), key=_numeric)


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
    for offset, status in enumerate(STATUSES):
        StatusReport.objects.filter(pk__in=reports[offset :: len(STATUSES)]).update(
            state=ReportState.SUBMITTED,
            status=status,
            traffic_light=LIGHT_CYCLE[offset],
            submitted_at=timezone.now(),
            done_text=text,
            results_text=text,
            deviations_text="" if offset else text,
            next_steps_text=text,
        )
