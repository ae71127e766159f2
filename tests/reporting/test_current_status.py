"""A measure's current status is its lead office's submitted report in the latest round, whatever the order
in which reports were submitted; a report in an older round never overwrites it."""

import datetime

from django.utils import timezone

from governance.models import DecisionBody
from measures.models import Measure
from measures.status import MeasureStatus, RoundKind, TrafficLight
from reporting.annual_report import assemble
from reporting.services import measure_status_refresh, responsibilities_sync, round_open
from tests.factories import annual_round, submit
from tests.reporting.conftest import report_for, report_post

CODE, LEAD = "2.1.3", "SoC"  # the plan's Ansvar column for 2.1.3 starts with SoC


def open_round_ending(plan, name, kind, period_end):
    today = timezone.localdate()
    return round_open(
        plan=plan,
        name=name,
        kind=kind,
        period_start=period_end.replace(month=1, day=1),
        period_end=period_end,
        deadline=today + datetime.timedelta(days=14),
    )


def submit_lead_report(client, round, status, light):
    report = report_for(round, CODE, LEAD)
    data = report_post(report, status=status, traffic_light=light)
    for activity in report.measure.activities.all():
        data[f"activity_{activity.pk}_status"] = "done" if status == MeasureStatus.DONE else "in_progress"
    assert client.post(f"/rapporter/{report.pk}/", data).status_code == 302
    return report


def current(code=CODE):
    measure = Measure.objects.get(code=code)
    return measure.status, measure.traffic_light


def test_submitting_the_older_rounds_report_after_the_newer_does_not_take_the_status_back(client_for, plan):
    year = timezone.localdate().year
    older = open_round_ending(plan, "Delår", RoundKind.INTERIM, datetime.date(year, 8, 31))
    newer = open_round_ending(plan, "År", RoundKind.ANNUAL, datetime.date(year, 12, 31))
    client = client_for("rapportor.soc")
    submit_lead_report(client, newer, MeasureStatus.DONE, TrafficLight.GREEN)
    submit_lead_report(client, older, MeasureStatus.IN_PROGRESS, TrafficLight.RED)
    assert current() == (MeasureStatus.DONE, TrafficLight.GREEN)
    activities = Measure.objects.get(code=CODE).activities.values_list("status", flat=True)
    assert set(activities) == {"done"}  # the newer round's activity statuses stay too


def test_the_newer_rounds_report_sets_the_status_when_submitted_last(client_for, plan):
    year = timezone.localdate().year
    older = open_round_ending(plan, "Delår", RoundKind.INTERIM, datetime.date(year, 8, 31))
    newer = open_round_ending(plan, "År", RoundKind.ANNUAL, datetime.date(year, 12, 31))
    client = client_for("rapportor.soc")
    submit_lead_report(client, older, MeasureStatus.IN_PROGRESS, TrafficLight.RED)
    assert current() == (MeasureStatus.IN_PROGRESS, TrafficLight.RED)
    submit_lead_report(client, newer, MeasureStatus.DONE, TrafficLight.GREEN)
    assert current() == (MeasureStatus.DONE, TrafficLight.GREEN)


def test_with_the_same_period_end_the_annual_round_comes_after_the_tertial(client_for, plan):
    year = timezone.localdate().year
    annual = open_round_ending(plan, "År", RoundKind.ANNUAL, datetime.date(year, 12, 31))
    tertial = open_round_ending(plan, "Tertial 3", RoundKind.TERTIAL, datetime.date(year, 12, 31))
    client = client_for("rapportor.soc")
    submit_lead_report(client, annual, MeasureStatus.DONE, TrafficLight.GREEN)
    submit_lead_report(client, tertial, MeasureStatus.IN_PROGRESS, TrafficLight.YELLOW)
    assert current() == (MeasureStatus.DONE, TrafficLight.GREEN)


def test_reopening_the_newest_report_keeps_its_status_rather_than_the_older_rounds(client_for, plan):
    year = timezone.localdate().year
    older = open_round_ending(plan, "Delår", RoundKind.INTERIM, datetime.date(year, 8, 31))
    newer = open_round_ending(plan, "År", RoundKind.ANNUAL, datetime.date(year, 12, 31))
    client = client_for("rapportor.soc")
    report = submit_lead_report(client, newer, MeasureStatus.DONE, TrafficLight.GREEN)
    assert client.post(f"/rapporter/{report.pk}/oppna-igen/").status_code == 302
    submit_lead_report(client, older, MeasureStatus.IN_PROGRESS, TrafficLight.RED)
    assert current() == (MeasureStatus.DONE, TrafficLight.GREEN)


def test_annual_reports_fallback_is_the_last_status_up_to_its_round_not_a_later_one(plan):
    submit(annual_round(plan, 2022), CODE, MeasureStatus.IN_PROGRESS, TrafficLight.YELLOW)
    year_2023 = annual_round(plan, 2023)  # the lead office does not report for 2023
    later = open_round_ending(plan, "Delår 2024", RoundKind.INTERIM, datetime.date(2024, 8, 31))
    submit(later, CODE, MeasureStatus.DONE, TrafficLight.GREEN)
    measure_status_refresh(measure=Measure.objects.get(code=CODE))
    assert current() == (MeasureStatus.DONE, TrafficLight.GREEN)
    entry = annual_entry(plan, year_2023)
    assert (entry["status"], entry["traffic_light"], entry["status_source"]) == (
        MeasureStatus.IN_PROGRESS,
        TrafficLight.YELLOW,
        "plan",
    )


def test_annual_reports_fallback_is_the_plans_status_when_only_a_later_round_has_a_report(plan):
    year_2023 = annual_round(plan, 2023)
    later = open_round_ending(plan, "Delår 2024", RoundKind.INTERIM, datetime.date(2024, 8, 31))
    submit(later, CODE, MeasureStatus.DONE, TrafficLight.GREEN)
    measure_status_refresh(measure=Measure.objects.get(code=CODE))
    entry = annual_entry(plan, year_2023)
    assert (entry["status"], entry["traffic_light"]) == (MeasureStatus.NOT_STARTED, "")  # as the plan has it


def test_when_the_lead_moves_to_an_office_without_reports_the_measure_has_the_plans_status_again(plan):
    measure = Measure.objects.get(code=CODE)
    assert current() == (MeasureStatus.NOT_STARTED, "")  # as the plan has it
    round = open_round_ending(plan, "År", RoundKind.ANNUAL, datetime.date(timezone.localdate().year, 12, 31))
    submit(round, CODE, MeasureStatus.IN_PROGRESS, TrafficLight.GREEN)
    measure_status_refresh(measure=measure)
    assert current() == (MeasureStatus.IN_PROGRESS, TrafficLight.GREEN)
    lead = measure.responsibilities.lead().get()
    lead.position = 99  # the other office (KSON, no report yet) becomes the lead
    lead.save()
    responsibilities_sync(measures=[measure])
    assert measure.responsibilities.lead().get().office.abbreviation == "KSON"
    assert current() == (MeasureStatus.NOT_STARTED, "")


def annual_entry(plan, round):
    body = DecisionBody.objects.select_related("organisation").get(slug="kommunstyrelsen")
    content = assemble(plan=plan, round=round, decision_body=body, whole_plan=True)
    return next(m for a in content["target_areas"] for m in a["measures"] if m["code"] == CODE)
