"""'Mina åtgärder': the reporter's office's measures for the open round, by target area."""

import pytest

from governance.models import Office
from measures.models import Activity, ExpectedResult, Measure, Responsibility, code_sort_key
from plan.models import TargetArea
from tests.plan_text import measure_blocks, responsible_offices
from tests.reporting.conftest import open_round, report_for


def test_reporter_sees_exactly_the_measures_their_office_is_responsible_for(client_for, round):
    page = client_for("rapportor.soc").get("/mina-atgarder/")
    shown = [r.measure.code for _, reports in page.context["groups"] for r in reports]
    expected = [code for code in measure_blocks() if "SoC" in responsible_offices(code)]
    assert sorted(shown) == sorted(expected)


def test_measures_are_grouped_by_target_area_in_order(client_for, round):
    groups = client_for("rapportor.soc").get("/mina-atgarder/").context["groups"]
    numbers = [area.number for area, _ in groups]
    assert numbers == sorted(numbers)
    for area, reports in groups:
        assert {r.measure.target_area_id for r in reports} == {area.id}


def test_each_row_shows_where_the_report_stands(client_for, round):
    report = report_for(round, "2.1.3", "SoC")
    report.state = "draft"
    report.save()
    page = client_for("rapportor.soc").get("/mina-atgarder/").content.decode()
    assert "Utkast" in page and "Saknas" in page and f"/rapporter/{report.pk}/" in page


def test_without_an_open_round_the_page_says_so(client_for, plan):
    page = client_for("rapportor.soc").get("/mina-atgarder/").content.decode()
    assert "Det finns ingen öppen uppföljningsomgång" in page


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/mina-atgarder/")
    assert response.status_code == 302 and response.url.startswith("/konto/logga-in/")


def add_measures(plan, count):
    """Grows the plan with `count` extra measures, each with SoC responsible (shared with KSON)."""
    area = TargetArea.objects.get(number=1)
    soc, kson = Office.objects.get(abbreviation="SoC"), Office.objects.get(abbreviation="KSON")
    codes = [f"9.{i // 100}.{i % 100}" for i in range(count)]
    Measure.objects.bulk_create(
        Measure(plan=plan, code=c, sort_key=code_sort_key(c), target_area=area, need=f"Behov {c}")
        for c in codes
    )
    measures = Measure.objects.filter(plan=plan, code__in=codes)
    Responsibility.objects.bulk_create(
        [Responsibility(measure=m, office=soc, position=1) for m in measures]
        + [Responsibility(measure=m, office=kson, position=2) for m in measures]
    )
    Activity.objects.bulk_create(Activity(measure=m, position=1, text="Aktivitet") for m in measures)
    ExpectedResult.objects.bulk_create(
        ExpectedResult(measure=m, position=1, text="Resultat") for m in measures
    )


@pytest.mark.parametrize("extra", [0, 225])
def test_my_measures_uses_the_same_number_of_queries_at_25_and_250_measures(
    client_for, plan, django_assert_max_num_queries, extra
):
    add_measures(plan, extra)
    open_round(plan)
    client = client_for("rapportor.soc")
    # session, user, the user's offices, open rounds (+ the chosen one), reports with measure, area,
    # office and editor, the navigation's plan, the user's groups
    with django_assert_max_num_queries(9):
        response = client.get("/mina-atgarder/")
    assert response.context["report_count"] == Responsibility.objects.filter(office__abbreviation="SoC").count()


def test_a_report_not_yet_written_shows_no_status_from_an_earlier_round(client_for, round, plan):
    Measure.objects.filter(plan=plan).update(status="in_progress")  # as an earlier round left them
    page = client_for("rapportor.soc").get("/mina-atgarder/").content.decode()
    assert "Saknas" in page
    assert "Pågår" not in page
    assert "Ingen status rapporterad i omgången" in page
