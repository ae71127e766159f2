"""What the assembled annual report says: scope, order, statuses, changes, the year's work, what is missing."""

import datetime
import json

import pytest

from governance.models import DecisionBody
from measures.models import Measure
from measures.status import MeasureStatus, TrafficLight
from reporting.annual_report import assemble
from reporting.models import Decision, Meeting, StimulusAllocation, StimulusFundYear
from tests.factories import all_codes, annual_round, in_scope_codes, submit_all, submit_report


@pytest.fixture
def body():
    return lambda slug: DecisionBody.objects.select_related("organisation").get(slug=slug)


@pytest.fixture
def year_round(plan):
    round = annual_round(plan, 2022)
    submit_all(round)
    return round


def codes(content):
    return [m["code"] for area in content["target_areas"] for m in area["measures"]]


def measure(content, code):
    return next(m for area in content["target_areas"] for m in area["measures"] if m["code"] == code)


def test_direktionen_report_covers_only_measures_where_a_kommunalforbundet_office_is_responsible(
    plan, year_round, body
):
    content = assemble(plan=plan, round=year_round, decision_body=body("direktionen"), whole_plan=False)
    expected = in_scope_codes("kommunalforbundet")
    assert expected and len(expected) < 25
    assert codes(content) == expected


def test_kommunstyrelsen_report_covers_measures_where_a_norrtalje_kommun_office_is_responsible(
    plan, year_round, body
):
    content = assemble(plan=plan, round=year_round, decision_body=body("kommunstyrelsen"), whole_plan=False)
    assert codes(content) == in_scope_codes("norrtalje-kommun")


def test_whole_plan_option_covers_all_25_measures_in_target_area_order(plan, year_round, body):
    content = assemble(plan=plan, round=year_round, decision_body=body("direktionen"), whole_plan=True)
    assert codes(content) == all_codes()
    assert len(codes(content)) == 25
    assert [area["number"] for area in content["target_areas"]] == sorted(
        {area["number"] for area in content["target_areas"]}
    )


def test_cover_names_the_receiving_body_diary_number_and_author(plan, year_round, body):
    content = assemble(
        plan=plan,
        round=year_round,
        decision_body=body("direktionen"),
        whole_plan=False,
        diary_number="KSON 2023/17",
        author="Petra Processledare",
        today=datetime.date(2023, 2, 20),
    )
    cover = content["cover"]
    assert cover["receiving_body"] == "Direktionen"
    assert cover["organisation"] == "Kommunalförbundet Sjukvård och omsorg i Norrtälje"
    assert (cover["diary_number"], cover["author"], cover["date"], cover["year"]) == (
        "KSON 2023/17",
        "Petra Processledare",
        "2023-02-20",
        2022,
    )


def test_status_and_traffic_light_come_from_the_lead_offices_submitted_report(plan, body):
    round = annual_round(plan, 2022)
    lead = round.reports.get(measure__code="2.1.3", is_lead=True)
    shared = round.reports.get(measure__code="2.1.3", is_lead=False)
    submit_report(lead, status=MeasureStatus.DONE, light=TrafficLight.YELLOW)
    submit_report(shared, status=MeasureStatus.IN_PROGRESS, light=TrafficLight.RED)
    entry = measure(
        assemble(plan=plan, round=round, decision_body=body("direktionen"), whole_plan=False), "2.1.3"
    )
    assert (entry["status"], entry["traffic_light"]) == ("done", "yellow")
    assert entry["status_label"] == "Klar"
    assert entry["status_note"] == ""


def test_without_the_lead_offices_report_the_last_known_status_is_shown_and_said_so(plan, body):
    round = annual_round(plan, 2022)
    Measure.objects.filter(plan=plan, code="2.1.1").update(status=MeasureStatus.IN_PROGRESS)
    entry = measure(
        assemble(plan=plan, round=round, decision_body=body("direktionen"), whole_plan=False), "2.1.1"
    )
    assert entry["status"] == "in_progress"
    assert "har inte lämnat" in entry["status_note"]


def test_lead_offices_report_comes_before_the_shared_offices_reports(plan, year_round, body):
    entry = measure(
        assemble(plan=plan, round=year_round, decision_body=body("direktionen"), whole_plan=False), "2.2.4"
    )
    assert [r["office"] for r in entry["reports"]] == ["BoU", "KSON", "SoC", "KoF", "KSK"]
    assert [o["abbreviation"] for o in entry["offices"]][0] == "BoU"
    assert entry["offices"][0]["is_lead"] is True


def test_status_change_since_the_previous_years_annual_round_is_reported(plan, body):
    previous = annual_round(plan, 2021)
    submit_report(previous.reports.get(measure__code="2.1.1", is_lead=True), status=MeasureStatus.IN_PROGRESS)
    submit_report(previous.reports.get(measure__code="2.1.4", is_lead=True), status=MeasureStatus.IN_PROGRESS)
    round = annual_round(plan, 2022)
    submit_report(round.reports.get(measure__code="2.1.1", is_lead=True), status=MeasureStatus.DONE)
    submit_report(round.reports.get(measure__code="2.1.4", is_lead=True), status=MeasureStatus.IN_PROGRESS)
    submit_report(round.reports.get(measure__code="2.3.2", is_lead=True), status=MeasureStatus.IN_PROGRESS)
    content = assemble(plan=plan, round=round, decision_body=body("direktionen"), whole_plan=False)
    assert measure(content, "2.1.1")["change"] == "changed"
    assert measure(content, "2.1.1")["change_label"] == "Ändrad från Pågår"
    assert measure(content, "2.1.4")["change"] == "unchanged"
    assert measure(content, "2.3.2")["change"] == "new"
    assert content["summary"]["changed_count"] == 1


def test_measures_without_a_submitted_report_are_named_last(plan, body):
    round = annual_round(plan, 2022)
    submit_all(round, skip_codes={"2.1.1", "2.8.5"})
    content = assemble(plan=plan, round=round, decision_body=body("direktionen"), whole_plan=False)
    missing = {m["code"]: m for m in content["missing_reports"]}
    assert set(missing) == {"2.1.1", "2.8.5"}
    assert missing["2.1.1"]["offices"] == ["KSON"]
    assert missing["2.1.1"]["none_submitted"] is True
    assert list(content)[-1] == "missing_reports"


def test_summary_counts_measures_by_the_statuses_and_lights_the_lead_offices_submitted(plan, body):
    round = annual_round(plan, 2022)
    lights = [TrafficLight.GREEN, TrafficLight.YELLOW, TrafficLight.RED]
    submitted = {}  # code -> (status, light), as this test submits them
    for index, code in enumerate(all_codes()):
        status = [MeasureStatus.IN_PROGRESS, MeasureStatus.DONE, MeasureStatus.NOT_STARTED][index % 3]
        light = lights[index % 2]  # green and yellow only: red must count 0
        submit_report(round.reports.get(measure__code=code, is_lead=True), status=status, light=light)
        submitted[code] = (status, light)
    content = assemble(plan=plan, round=round, decision_body=body("direktionen"), whole_plan=True)
    summary = content["summary"]
    by_status = {s["key"]: s["count"] for s in summary["by_status"]}
    by_light = {s["key"]: s["count"] for s in summary["by_light"]}
    for status in MeasureStatus.values:
        assert by_status[status] == sum(1 for s, _ in submitted.values() if s == status), status
    for light in lights:
        assert by_light[light] == sum(1 for _, li in submitted.values() if li == light), light
    assert by_light[TrafficLight.RED] == 0 and summary["measure_count"] == len(submitted) == 25
    area_of = dict(Measure.objects.filter(plan=plan).values_list("code", "target_area__number"))
    for area in summary["target_areas"]:
        number = int(area["label"].split(".")[0])
        in_area = [submitted[code] for code in submitted if area_of[code] == number]
        assert area["measure_count"] == len(in_area)
        for status in MeasureStatus.values:
            assert area["by_status"].get(status, 0) == sum(1 for s, _ in in_area if s == status)
    assert [chart["series"] for chart in summary["charts"]] == ["status", "light"]


def test_steering_group_meetings_and_decisions_of_the_year_are_included(plan, year_round, body):
    group = plan.steering_group
    meeting = Meeting.objects.create(
        steering_group=group, date=datetime.date(2022, 3, 10), location="Norrtälje"
    )
    meeting.agenda_items.create(position=1, title="Uppföljning av handlingsplanen")
    decision = Decision.objects.create(meeting=meeting, number="2022:1", text="Stimulansmedel fördelas.")
    decision.measures.set(Measure.objects.filter(plan=plan, code="2.1.1"))
    Meeting.objects.create(steering_group=group, date=datetime.date(2021, 11, 1))
    content = assemble(plan=plan, round=year_round, decision_body=body("direktionen"), whole_plan=False)
    meetings = content["steering_group"]["meetings"]
    assert [m["date"] for m in meetings] == ["2022-03-10"]
    assert meetings[0]["agenda"] == ["Uppföljning av handlingsplanen"]
    assert [(d["number"], d["text"], d["measures"]) for d in meetings[0]["decisions"]] == [
        ("2022:1", "Stimulansmedel fördelas.", ["2.1.1"])
    ]


OUTSIDE_DIREKTIONEN = sorted(set(all_codes()) - set(in_scope_codes("kommunalforbundet")))


def test_a_bodys_report_leaves_out_decisions_only_on_other_measures_and_marks_them_in_shared_ones(
    plan, year_round, body
):
    inside, outside = in_scope_codes("kommunalforbundet")[0], OUTSIDE_DIREKTIONEN[0]
    meeting = Meeting.objects.create(steering_group=plan.steering_group, date=datetime.date(2022, 3, 10))
    for number, codes in (("1", [inside, outside]), ("2", [outside]), ("3", [])):
        decision = Decision.objects.create(meeting=meeting, number=number, text=f"Beslut {number}")
        decision.measures.set(Measure.objects.filter(plan=plan, code__in=codes))

    def decisions(**scope):
        content = assemble(plan=plan, round=year_round, decision_body=body("direktionen"), **scope)
        return content["steering_group"]

    own = decisions(whole_plan=False)
    assert [(d["number"], d["measures_text"]) for d in own["meetings"][0]["decisions"]] == [
        ("1", f"{inside}, {outside} (utanför rapporten)"),
        ("3", "–"),
    ]
    assert own["omitted_decision_count"] == 1
    whole = decisions(whole_plan=True)
    assert [d["measures_text"] for d in whole["meetings"][0]["decisions"]] == [
        f"{inside}, {outside}",
        outside,
        "–",
    ]
    assert whole["omitted_note"] == ""


def test_a_bodys_report_lists_only_allocations_to_its_measures_and_says_how_much_went_elsewhere(
    plan, year_round, body
):
    inside, outside = in_scope_codes("kommunalforbundet")[0], OUTSIDE_DIREKTIONEN[0]
    fund_year = StimulusFundYear.objects.create(plan=plan, year=2022, amount_available=500000)
    for code, amount in ((inside, 100000), (outside, 40000), (None, 60000)):
        StimulusAllocation.objects.create(
            fund_year=fund_year,
            measure=Measure.objects.get(plan=plan, code=code) if code else None,
            purpose=f"Till {code}",
            amount=amount,
        )
    funds = assemble(plan=plan, round=year_round, decision_body=body("direktionen"), whole_plan=False)[
        "stimulus_funds"
    ]
    assert [a["measure"] for a in funds["allocations"]] == [inside, ""]
    assert (funds["available"], funds["allocated"], funds["outside_scope"], funds["remaining"]) == (
        500000,
        200000,
        40000,
        300000,
    )
    assert funds["totals_caption"] == "Stimulansmedel 2022 för hela planen"


def test_a_measure_whose_lead_office_has_not_reported_this_year_is_not_compared_with_last_year(plan, body):
    previous = annual_round(plan, 2021)
    submit_report(previous.reports.get(measure__code="2.1.1", is_lead=True), status=MeasureStatus.IN_PROGRESS)
    Measure.objects.filter(plan=plan, code="2.1.1").update(status=MeasureStatus.IN_PROGRESS)
    round = annual_round(plan, 2022)
    content = assemble(plan=plan, round=round, decision_body=body("direktionen"), whole_plan=False)
    entry = measure(content, "2.1.1")
    assert (entry["change"], entry["change_label"]) == ("not_reported", "Ingen rapport i år")
    assert content["summary"]["changed_count"] == 0


def test_the_title_names_the_receiving_body(plan, year_round, body):
    def title(slug, whole_plan=False):
        content = assemble(plan=plan, round=year_round, decision_body=body(slug), whole_plan=whole_plan)
        return content["cover"]["title"]

    assert title("direktionen") == "Årsuppföljning 2022 till Direktionen – Tillsammans för psykisk hälsa"
    assert (
        title("kommunstyrelsen") == "Årsuppföljning 2022 till Kommunstyrelsen – Tillsammans för psykisk hälsa"
    )
    assert "hela planen" in title("direktionen", whole_plan=True)


def test_stimulus_funds_show_available_allocated_and_per_measure(plan, year_round, body):
    fund_year = StimulusFundYear.objects.create(plan=plan, year=2022, amount_available=500000)
    target = Measure.objects.get(plan=plan, code="2.1.1")
    StimulusAllocation.objects.create(
        fund_year=fund_year, measure=target, purpose="Gruppverksamhet", amount=120000
    )
    StimulusAllocation.objects.create(fund_year=fund_year, measure=target, purpose="Utbildning", amount=30000)
    funds = assemble(plan=plan, round=year_round, decision_body=body("direktionen"), whole_plan=False)[
        "stimulus_funds"
    ]
    assert (funds["available"], funds["allocated"], funds["remaining"]) == (500000, 150000, 350000)
    assert funds["per_measure"] == [
        {"measure": "2.1.1", "need": target.need, "amount": 150000, "amount_text": "150\u00a0000\u00a0kr"}
    ]


def test_assembled_report_is_plain_json(plan, year_round, body):
    content = assemble(plan=plan, round=year_round, decision_body=body("direktionen"), whole_plan=False)
    assert json.loads(json.dumps(content)) == content


def test_control_characters_typed_into_a_report_do_not_reach_the_files(plan, body):
    round = annual_round(plan, 2022)
    submit_report(
        round.reports.get(measure__code="2.1.1"), status=MeasureStatus.DONE, done="Före\x0c\x01efter"
    )
    entry = measure(
        assemble(plan=plan, round=round, decision_body=body("direktionen"), whole_plan=False), "2.1.1"
    )
    assert entry["reports"][0]["texts"][0]["text"] == "Föreefter"
