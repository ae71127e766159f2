"""Every page people wait on stays within one query budget, for a plan of 25 measures as for 250.

Each page is asked for by the role that normally uses it, in a plan with two rounds of reports
(bench/dashboard.py times the same pages at 2,500 measures). The budget counts everything the request
costs: the session, the user with their roles, the navigation and the page itself.
"""

import pytest

from governance.models import DecisionBody
from measures.models import Responsibility
from measures.status import ReportState
from reporting.models import StatusReport, StimulusAllocation, StimulusFundYear
from reporting.services import round_close
from tests.factories import annual_round, build_plan, copy_plan, submit_all_fast
from tests.reporting.conftest import open_round, report_post

pytestmark = pytest.mark.django_db

PAGE_BUDGET = 8
SIZES = [25, 250]


@pytest.fixture
def plan_of(db):
    """plan_of(size) -> a plan with `size` measures, two rounds of reports and stimulus funds."""

    def build(size):
        plan = build_plan(size)
        fund = StimulusFundYear.objects.create(plan=plan, year=2024, amount_available=1_000_000)
        StimulusAllocation.objects.create(fund_year=fund, purpose="Samordnare", amount=400_000)
        return plan

    return build


def soc_report(plan, *, lead=True):
    """A report SoC owes in the plan's latest round, on a measure SoC leads (or shares)."""
    responsibilities = Responsibility.objects.filter(measure__plan=plan, office__abbreviation="SoC")
    responsibility = (responsibilities.lead() if lead else responsibilities.shared()).first()
    return (
        StatusReport.objects.filter(measure=responsibility.measure, office=responsibility.office)
        .select_related("round", "measure")
        .order_by("-round__period_end")
        .first()
    )


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_keeps_to_the_budget(size, plan_of, client_for, django_assert_max_num_queries):
    plan = plan_of(size)
    client = client_for("styrgrupp")
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(f"/planer/{plan.slug}/oversikt/")
    assert response.context["dashboard"].measure_count.count == size


@pytest.mark.parametrize("size", SIZES)
def test_measure_list_keeps_to_the_budget(size, plan_of, client_for, django_assert_max_num_queries):
    plan = plan_of(size)
    round = plan.rounds.first()
    client = client_for("styrgrupp")
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(f"/planer/{plan.slug}/atgarder/?omgang={round.pk}&sortera=status")
    assert response.context["page"].paginator.count == size


@pytest.mark.parametrize("size", SIZES)
def test_measure_list_without_a_round_keeps_to_the_budget(
    size, plan_of, client_for, django_assert_max_num_queries
):
    plan = plan_of(size)
    client = client_for("styrgrupp")
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(f"/planer/{plan.slug}/atgarder/")
    assert response.context["page"].paginator.count == size


@pytest.mark.parametrize("size", SIZES)
def test_my_measures_keeps_to_the_budget(size, plan_of, client_for, django_assert_max_num_queries):
    plan = plan_of(size)
    open_round(plan)
    client = client_for("rapportor.soc")
    expected = Responsibility.objects.filter(measure__plan=plan, office__abbreviation="SoC").count()
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get("/mina-atgarder/")
    assert response.context["report_count"] == expected


@pytest.mark.parametrize("size", SIZES)
def test_measure_page_keeps_to_the_budget(size, plan_of, client_for, django_assert_max_num_queries):
    plan = plan_of(size)
    measure = soc_report(plan).measure
    client = client_for("rapportor.soc")
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(f"/planer/{plan.slug}/atgarder/{measure.code}/")
    assert response.context["measure"] == measure
    assert len(response.context["reports"]) >= 1


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lead", [True, False], ids=["lead", "shared"])
def test_report_form_keeps_to_the_budget(size, lead, plan_of, client_for, django_assert_max_num_queries):
    plan = plan_of(size)
    report = soc_report(plan, lead=lead)
    client = client_for("rapportor.soc")
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(f"/rapporter/{report.pk}/")
    assert response.context["report"] == report


@pytest.mark.parametrize("size", SIZES)
def test_report_form_shown_again_with_errors_keeps_to_the_budget(
    size, plan_of, client_for, django_assert_max_num_queries
):
    plan = plan_of(size)
    round = open_round(plan)
    report = (
        StatusReport.objects.filter(round=round, office__abbreviation="SoC", is_lead=True)
        .select_related("round", "measure")
        .first()
    )
    client = client_for("rapportor.soc")
    data = report_post(report, status="")
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.post(f"/rapporter/{report.pk}/", data)
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    report.refresh_from_db()
    assert report.state == ReportState.MISSING


@pytest.mark.parametrize("size", SIZES)
def test_round_page_keeps_to_the_budget(size, plan_of, client_for, django_assert_max_num_queries):
    plan = plan_of(size)
    round = plan.rounds.first()
    round_close(round=round)
    client = client_for("processledare")
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(f"/uppfoljning/{round.pk}/")
    assert len(response.context["outstanding"]) > 0


@pytest.mark.parametrize("copies", [1, 10], ids=["25", "250"])
def test_annual_report_preview_keeps_to_the_budget(
    copies, plan, client_for, django_assert_max_num_queries
):
    each = plan if copies == 1 else copy_plan(plan, copies=copies, slug="tio-ganger-storre")
    earlier = annual_round(each, 2022)
    submit_all_fast(earlier)
    round = annual_round(each, 2023)
    submit_all_fast(round)
    round_close(round=round)
    body = DecisionBody.objects.get(slug="direktionen")
    client = client_for("processledare")
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(
            f"/planer/{each.slug}/arsrapport/forhandsvisning/",
            {"omgang": round.pk, "mottagare": body.slug, "hela_planen": "on"},
        )
    assert response.status_code == 200
    assert response.context["report"]["summary"]["measure_count"] == 25 * copies
