"""Cached pages show every change at once: a changed report, round or plan content gives a new page."""

import pytest
from django.test.utils import CaptureQueriesContext

from measures.indicators import Indicator, IndicatorValue
from measures.status import ReportState, TrafficLight
from reporting.models import StatusReport, StimulusAllocation, StimulusFundYear
from tests.factories import build_plan

pytestmark = pytest.mark.django_db


def main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def attention_section(html: str) -> str:
    start = html.index("Åtgärdsbehov med rött eller gult ljus")
    return html[start : html.index("<h2", start)]


@pytest.fixture
def overview(client_for):
    plan = build_plan(25)
    client = client_for("styrgrupp")
    url = f"/planer/{plan.slug}/oversikt/"
    return plan, lambda: client.get(url).content.decode()


def test_the_dashboard_asked_again_unchanged_comes_from_the_cache(overview, django_assert_max_num_queries):
    plan, page = overview
    first = page()
    # session, user, plan with rounds and the content's version, stimulus funds
    with django_assert_max_num_queries(4):
        again = page()
    assert main(again) == main(first)


def test_a_report_turned_red_shows_at_once_on_the_dashboard(overview):
    plan, page = overview
    report = (
        StatusReport.objects.filter(
            round=plan.rounds.latest_first().first(),
            is_lead=True,
            state=ReportState.SUBMITTED,
            traffic_light=TrafficLight.GREEN,
        )
        .select_related("measure")
        .first()
    )
    assert f">{report.measure.code}<" not in attention_section(page())
    report.traffic_light = TrafficLight.RED
    report.save()
    assert f">{report.measure.code}<" in attention_section(page())


def test_a_renamed_round_shows_at_once_on_the_dashboard(overview):
    plan, page = overview
    round = plan.rounds.latest_first().first()
    assert round.name in page()
    round.name = "Årsuppföljning med nytt namn"
    round.save()
    assert "Årsuppföljning med nytt namn" in page()


def test_a_changed_need_shows_at_once_on_the_dashboard(overview):
    plan, page = overview
    report = StatusReport.objects.filter(
        round=plan.rounds.latest_first().first(), is_lead=True, traffic_light=TrafficLight.RED
    ).first()
    measure = report.measure
    assert measure.need.split()[0] in attention_section(page())
    measure.need = "Omformulerat behov av samordnat stöd"
    measure.save()
    assert "Omformulerat behov av samordnat stöd" in attention_section(page())


def test_a_new_stimulus_allocation_shows_at_once_on_the_dashboard(overview):
    plan, page = overview
    fund = StimulusFundYear.objects.create(plan=plan, year=2024, amount_available=1_000_000)
    assert "400000" not in main(page())
    StimulusAllocation.objects.create(fund_year=fund, purpose="Samordnare", amount=400_000)
    assert "400000" in main(page())


def test_a_new_day_gives_a_new_dashboard(overview, settings):
    """Lateness depends on the day: the cached page is the day's."""
    plan, page = overview
    page()
    from django.db import connection

    from tests.reporting.conftest import freeze_today

    with freeze_today(plan.rounds.latest_first().first().deadline), CaptureQueriesContext(connection) as queries:
        page()
    assert any("reporting_statusreport" in q["sql"] and "COUNT" in q["sql"] for q in queries.captured_queries)


def test_the_open_data_shows_a_changed_activity_at_once(client, plan, django_assert_max_num_queries):
    url = f"/api/plans/{plan.slug}.json"
    first = client.get(url).json()
    with django_assert_max_num_queries(1):  # the plan with its content's version
        assert client.get(url).json() == first
    activity = plan.measures.order_by("sort_key").first().activities.order_by("position").first()
    activity.text = "Ny formulering av aktiviteten"
    activity.save()
    measures = client.get(url).json()["measures"]
    assert measures[0]["activities"][0] == "Ny formulering av aktiviteten"


def test_the_open_data_shows_a_new_indicator_value_at_once(client, plan):
    url = f"/api/plans/{plan.slug}.json"
    indicator = Indicator.objects.create(source="kolada", source_id="N00957", title="Ohälsotal", unit="dagar")
    indicator.measures.add(plan.measures.order_by("sort_key").first())
    assert [i["values"] for i in client.get(url).json()["indicators"]] == [[]]
    IndicatorValue.objects.create(indicator=indicator, area_code="0188", period=2023, value=34)
    (values,) = [i["values"] for i in client.get(url).json()["indicators"]]
    assert [(v["period"], v["value"]) for v in values] == [(2023, 34)]


def test_my_measures_shows_a_submitted_report_at_once(client_for, plan, django_assert_max_num_queries):
    from tests.factories import submit
    from tests.reporting.conftest import open_round

    round = open_round(plan)
    client = client_for("rapportor.soc")
    first = client.get("/mina-atgarder/").content.decode()
    # session, user, the user's offices, open rounds with the content's version
    with django_assert_max_num_queries(4):
        assert main(client.get("/mina-atgarder/").content.decode()) == main(first)
    submit(round, "2.1.3", "in_progress", "green")  # SoC leads 2.1.3
    again = client.get("/mina-atgarder/")
    assert again.context["submitted_count"] == 1
    assert "1 / " in again.content.decode() and "0 / " in first


def test_a_wrong_round_on_the_dashboard_is_answered_with_its_message_also_after_a_cached_page(overview, client_for):
    plan, page = overview
    page()
    client = client_for("styrgrupp")
    wrong = client.get(f"/planer/{plan.slug}/oversikt/", {"omgang": "999999"}).content.decode()
    assert "Välj ett giltigt alternativ" in wrong
    assert "Välj ett giltigt alternativ" not in page()
