"""The shipped fixture holds the real plan exactly as its text states it."""

import re

from django.core.management import call_command

from measures.models import Activity, ExpectedResult, Measure, Responsibility
from measures.status import MeasureStatus
from plan.models import TargetArea
from tests.conftest import FIXTURES
from tests.plan_text import (
    ansvar_column,
    measure_blocks,
    normalise,
    normalised_text,
    raw_text,
    responsible_offices,
    row_text,
    target_area_names,
)


def test_fixture_holds_every_measure_the_plan_numbers(plan):
    assert sorted(Measure.objects.for_plan(plan).values_list("code", flat=True)) == sorted(measure_blocks())
    assert len(measure_blocks()) == 25


def test_target_areas_are_the_eight_named_in_section_1_4(db):
    assert list(TargetArea.objects.values_list("number", "name")) == list(enumerate(target_area_names(), 1))


def test_each_measure_sits_in_the_target_area_of_the_plan_section_that_lists_it(plan):
    """The plan's text numbers each row inside its chapter-2 section (2.4.1 is listed under 2.4, the
    fourth target area); the fixture's measure with that number sits in that target area."""
    headings = set(re.findall(r"(?<![\d.])2\.(\d) [A-ZÅÄÖ]", raw_text()))
    areas = dict(Measure.objects.for_plan(plan).values_list("code", "target_area__number"))
    for code in measure_blocks():
        section = code.split(".")[1]
        assert section in headings, code
        assert areas[code] == int(section), code


def test_responsible_offices_follow_the_plan_order_lead_first(plan):
    for measure in Measure.objects.for_plan(plan).with_plan_content():
        offices = [office.abbreviation for office in measure.offices_in_order]
        assert offices == responsible_offices(measure.code), measure.code


def test_2_2_4_is_shared_by_five_offices_with_bou_leading(plan):
    measure = Measure.objects.get(plan=plan, code="2.2.4")
    assert [o.abbreviation for o in measure.offices_in_order] == responsible_offices("2.2.4")
    assert measure.lead_office.abbreviation == responsible_offices("2.2.4")[0] == "BoU"


def test_need_activities_results_and_offices_fill_the_plans_row_in_order(plan):
    """A dropped, truncated, reordered or misplaced text leaves the row different from the plan's."""
    for measure in Measure.objects.for_plan(plan).with_plan_content():
        cells = [
            measure.need,
            *[a.text for a in measure.activities.all()],
            *[r.text for r in measure.expected_results.all()],
        ]
        row = row_text(measure.code).removeprefix(measure.code).strip()
        assert row == f"{normalise(' '.join(cells))} {ansvar_column(measure.code)}", measure.code


def test_every_measure_has_at_least_one_activity_and_one_expected_result(plan):
    for measure in Measure.objects.for_plan(plan).with_plan_content():
        assert measure.activities.all(), measure.code
        assert measure.expected_results.all(), measure.code


def test_ksk_measures_whose_activities_are_still_to_be_developed_say_so(plan):
    to_be_developed = {code for code, block in measure_blocks().items() if "Aktiviteter tas fram" in block}
    assert to_be_developed == {"2.4.1", "2.4.2"}
    pending = set(
        Measure.objects.for_plan(plan)
        .filter(status=MeasureStatus.ACTIVITIES_PENDING)
        .values_list("code", flat=True)
    )
    assert pending == to_be_developed
    for code in to_be_developed:
        assert responsible_offices(code) == ["KSK"]


def test_the_plan_names_its_adopting_bodies(plan):
    bodies = set(plan.adoptions.values_list("decision_body__name", flat=True))
    text = normalised_text()
    assert "antagen av Direktionen för Kommunalförbundet och Kommunstyrelsen" in text
    assert "Direktionen för Kommunalförbundet och Kommunfulllmäktige" in text
    assert bodies == {"Direktionen", "Kommunstyrelsen", "Kommunfullmäktige"}


def test_steering_group_is_composed_as_chapter_3_lists_it(plan):
    chapter_3 = normalised_text().split("3. Genomförande", 1)[1].split("Fler verksamhetsområden", 1)[0]
    seats = [
        (seat.department.name if seat.department else seat.office.name)
        for seat in plan.steering_group.members.select_related("office", "department")
    ]
    assert len(seats) == chapter_3.count("•") == 6
    for seat in seats:
        assert seat in chapter_3


def test_loading_the_fixtures_again_changes_and_duplicates_nothing(plan):
    counts = [model.objects.count() for model in (Measure, Activity, ExpectedResult, Responsibility)]
    history = Measure.history.count()
    call_command("loaddata", *FIXTURES, verbosity=0)
    assert [model.objects.count() for model in (Measure, Activity, ExpectedResult, Responsibility)] == counts
    assert Measure.history.count() == history
