"""The measure list: filters in the URL, search, sorting, pagination, and a fixed number of queries."""

import pytest

from measures.models import Measure
from measures.status import MeasureStatus, TrafficLight
from tests.factories import annual_round, build_plan, submit

pytestmark = pytest.mark.django_db


def codes(response):
    return [row["measure"].code for row in response.context["rows"]]


def get(client, plan, query=""):
    response = client.get(f"/planer/{plan.slug}/atgarder/{query}")
    assert response.status_code == 200
    return response


def test_without_filters_every_measure_of_the_plan_is_listed_in_plan_order(client_for, plan):
    response = get(client_for("rapportor.soc"), plan)
    assert response.context["page"].paginator.count == 25
    assert codes(response) == sorted(codes(response), key=lambda code: [int(p) for p in code.split(".")])


def test_target_area_filter_keeps_only_that_area(client_for, plan):
    response = get(client_for("styrgrupp"), plan, "?malomrade=2")
    assert set(codes(response)) == set(
        plan.measures.filter(target_area__number=2).values_list("code", flat=True)
    )


def test_office_filter_with_lead_keeps_only_measures_the_office_leads(client_for, plan):
    response = get(client_for("styrgrupp"), plan, "?verksamhet=SoC&ansvar=huvud")
    expected = plan.measures.filter(
        responsibilities__office__abbreviation="SoC", responsibilities__position=1
    )
    assert set(codes(response)) == set(expected.values_list("code", flat=True))


def test_office_filter_with_shared_keeps_only_measures_the_office_shares(client_for, plan):
    response = get(client_for("styrgrupp"), plan, "?verksamhet=SoC&ansvar=delat")
    expected = plan.measures.filter(
        responsibilities__office__abbreviation="SoC", responsibilities__position__gt=1
    )
    assert set(codes(response)) == set(expected.values_list("code", flat=True))
    assert codes(response)


def test_intervention_level_filter_keeps_only_measures_at_that_level(client_for, plan):
    response = get(client_for("styrgrupp"), plan, "?niva=framjande")
    expected = plan.measures.filter(intervention_levels__slug="framjande")
    assert set(codes(response)) == set(expected.values_list("code", flat=True))


def test_status_and_light_filters_use_the_current_status_without_a_round(client_for, plan):
    Measure.objects.filter(plan=plan, code="2.1.1").update(status=MeasureStatus.DONE, traffic_light="red")
    response = get(client_for("styrgrupp"), plan, "?status=done&ljus=red")
    assert codes(response) == ["2.1.1"]


def test_status_filter_in_a_round_uses_the_lead_offices_submitted_report(client_for, plan):
    round = annual_round(plan, 2024)
    submit(round, "2.3.1", MeasureStatus.DONE, TrafficLight.GREEN)
    response = get(client_for("styrgrupp"), plan, f"?omgang={round.pk}&status=done")
    assert codes(response) == ["2.3.1"]
    assert response.context["rows"][0]["status_label"] == "Klar"


def test_not_reported_in_a_round_lists_measures_whose_lead_has_not_submitted(client_for, plan):
    round = annual_round(plan, 2024)
    submit(round, "2.3.1", MeasureStatus.DONE)
    response = get(client_for("styrgrupp"), plan, f"?omgang={round.pk}&status=not_reported")
    assert response.context["page"].paginator.count == 24
    assert "2.3.1" not in codes(response)


def test_report_state_filter_lists_an_offices_outstanding_reports(client_for, plan):
    round = annual_round(plan, 2024)
    submit(round, "2.1.1", MeasureStatus.IN_PROGRESS)
    response = get(client_for("styrgrupp"), plan, f"?omgang={round.pk}&verksamhet=SoC&rapport=outstanding")
    expected = round.reports.filter(office__abbreviation="SoC").exclude(state="submitted")
    assert set(codes(response)) == set(expected.values_list("measure__code", flat=True))


def test_changed_filter_lists_measures_whose_status_changed_since_the_previous_round(client_for, plan):
    earlier, latest = annual_round(plan, 2023), annual_round(plan, 2024)
    submit(earlier, "2.1.1", MeasureStatus.IN_PROGRESS)
    submit(earlier, "2.1.2", MeasureStatus.IN_PROGRESS)
    submit(latest, "2.1.1", MeasureStatus.DONE)
    submit(latest, "2.1.2", MeasureStatus.IN_PROGRESS)
    response = get(client_for("styrgrupp"), plan, f"?omgang={latest.pk}&andrad=on")
    assert codes(response) == ["2.1.1"]


def test_search_finds_words_in_report_texts(client_for, plan):
    round = annual_round(plan, 2024)
    submit(round, "2.5.1", MeasureStatus.IN_PROGRESS, text="Vi startade en fritidsbank i Hallstavik.")
    response = get(client_for("styrgrupp"), plan, "?q=fritidsbank")
    assert codes(response) == ["2.5.1"]


def test_search_finds_words_in_activities(client_for, plan):
    activity = plan.measures.get(code="2.1.1").activities.first()
    activity.text = "Samordna föräldrastödsprogram med elevhälsan"
    activity.save()
    response = get(client_for("styrgrupp"), plan, "?q=elevhälsan")
    assert codes(response) == ["2.1.1"]


def test_sorting_by_number_descending_reverses_the_order(client_for, plan):
    client = client_for("styrgrupp")
    ascending = codes(get(client, plan, "?sortera=nummer"))
    assert codes(get(client, plan, "?sortera=-nummer")) == list(reversed(ascending))


def test_sorting_by_traffic_light_puts_red_first(client_for, plan):
    Measure.objects.filter(plan=plan, code="2.6.1").update(traffic_light="red")
    Measure.objects.filter(plan=plan, code="2.1.1").update(traffic_light="green")
    found = codes(get(client_for("styrgrupp"), plan, "?sortera=ljus"))
    assert found[0] == "2.6.1"
    assert found.index("2.1.1") == 1


def test_filters_are_kept_in_the_pagination_links(client_for, db):
    big = build_plan(120, slug="sidplan", rounds=0)
    response = get(client_for("styrgrupp"), big, "?malomrade=1&sida=1&sortera=-nummer")
    assert response.context["page"].paginator.num_pages == 1
    response = get(client_for("styrgrupp"), big, "?sortera=-nummer")
    assert response.context["page"].paginator.num_pages == 3
    assert "?sortera=-nummer&amp;sida=2" in response.content.decode()


def test_invalid_filters_get_swedish_errors_and_no_500(client_for, plan):
    response = get(
        client_for("styrgrupp"), plan, "?status=nonsens&omgang=abc&malomrade=99&sida=x&sortera=%3Cscript%3E"
    )
    form = response.context["form"]
    assert set(form.errors) == {"status", "omgang", "malomrade", "sortera"}
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert response.context["page"].paginator.count == 25


def test_report_state_without_a_round_asks_for_a_round(client_for, plan):
    response = get(client_for("styrgrupp"), plan, "?rapport=late")
    assert "Välj en uppföljningsomgång" in response.content.decode()


def test_an_overlong_search_gets_an_error_not_a_500(client_for, plan):
    response = get(client_for("styrgrupp"), plan, "?q=" + "a" * 500)
    assert "q" in response.context["form"].errors


# 1 session, 2 user with their roles, 3 the plan with its rounds, 4 the page of measures (with target
# area, plan, round status and the count of all matching), 5 their responsibilities with offices,
# 6-8 the filter choices: target areas, offices, intervention levels.
LIST_QUERIES = 8


@pytest.mark.parametrize("size", [25, 250])
def test_measure_list_query_count_does_not_grow_with_the_plan(
    size, client_for, django_assert_max_num_queries
):
    plan = build_plan(size)
    round = plan.rounds.first()
    client = client_for("styrgrupp")
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(f"/planer/{plan.slug}/atgarder/?omgang={round.pk}&sortera=status&q=behov")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == size


def test_filtered_on_an_offices_shared_reports_the_list_shows_that_offices_status(client_for, plan):
    round = annual_round(plan, 2024)
    submit(round, "2.1.3", "in_progress", "green")  # SoC leads
    submit(round, "2.1.3", "done", "yellow", office="KSON")  # KSON shares
    page = client_for("styrgrupp").get(
        f"/planer/{plan.slug}/atgarder/",
        {"omgang": round.pk, "verksamhet": "KSON", "ansvar": "delat", "status": "done"},
    )
    rows = page.context["rows"]
    assert [row["measure"].code for row in rows] == ["2.1.3"]
    assert str(rows[0]["status_label"]) == "Klar" and rows[0]["light"] == "yellow"


def test_search_ignores_case_also_for_swedish_letters(client_for, plan):
    client = client_for("styrgrupp")
    for query in ("VÄNTETIDERNA", "väntetiderna", "Föräldraskapsstöd", "FÖRÄLDRASKAPSSTÖD"):
        page = client.get(f"/planer/{plan.slug}/atgarder/", {"q": query})
        assert len(page.context["rows"]) >= 1, query
