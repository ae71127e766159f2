"""State stimulus funds: allocations never exceed what a year has available."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from governance.models import Office
from reporting.dashboard import build_dashboard
from reporting.models import StimulusAllocation, StimulusFundYear
from reporting.services import stimulus_allocation_create, stimulus_fund_year_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund_year(plan):
    year = StimulusFundYear.objects.create(plan=plan, year=2024, amount_available=Decimal(500_000))
    StimulusAllocation.objects.create(fund_year=year, purpose="Samordnartjänst", amount=Decimal(300_000))
    return year


def url(plan, suffix=""):
    return f"/planer/{plan.slug}/stimulansmedel/{suffix}"


def test_an_allocation_within_what_is_left_is_saved(plan, fund_year):
    measure = plan.measures.get(code="2.1.1")
    allocation = stimulus_allocation_create(
        fund_year=fund_year,
        measure=measure,
        office=Office.objects.get(abbreviation="SoC"),
        purpose="Föräldraskapsstöd",
        amount=Decimal(200_000),
    )
    assert allocation.pk
    assert fund_year.allocations.count() == 2


def test_over_allocation_is_refused_and_nothing_is_saved(plan, fund_year):
    with pytest.raises(ValidationError) as refused:
        stimulus_allocation_create(
            fund_year=fund_year, measure=None, office=None, purpose="För mycket", amount=Decimal(200_001)
        )
    assert "kvar att fördela 200\u00a0000\u00a0kr" in refused.value.messages[0]
    assert fund_year.allocations.count() == 1


def test_over_allocation_through_the_page_shows_a_swedish_message(client_for, plan, fund_year):
    response = client_for("styrgrupp").post(
        url(plan, "fordelning/"),
        {
            "fund_year": fund_year.pk,
            "measure": "2.1.1",
            "office": "",
            "purpose": "Utbildning",
            "amount": "250000",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Fördelningen sparades inte" in page
    assert "ryms inte i stimulansmedlen för 2024" in page
    assert StimulusAllocation.objects.count() == 1


def test_an_allocation_through_the_page_is_shown_on_the_page(client_for, plan, fund_year):
    client = client_for("processledare")
    response = client.post(
        url(plan, "fordelning/"),
        {
            "fund_year": fund_year.pk,
            "measure": "2.1.1",
            "office": "",
            "purpose": "Utbildning",
            "amount": "150000",
        },
    )
    assert response.status_code == 302
    page = client.get(url(plan)).content.decode()
    assert "Utbildning" in page
    assert "kvar 50\u00a0000\u00a0kr" in page
    assert (
        StimulusAllocation.objects.get(purpose="Utbildning").history.get().history_user.username
        == "processledare"
    )


def test_bad_amounts_and_unknown_measures_get_swedish_errors(client_for, plan, fund_year):
    response = client_for("styrgrupp").post(
        url(plan, "fordelning/"),
        {"fund_year": fund_year.pk, "measure": "7.7.7", "purpose": "", "amount": "mycket"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Det finns inget åtgärdsbehov med nummer 7.7.7 i planen." in page
    assert "Ange ett tal." in page or "Fyll i ett tal." in page
    assert StimulusAllocation.objects.count() == 1


def test_a_year_cannot_be_lowered_below_what_is_allocated(plan, fund_year):
    with pytest.raises(ValidationError):
        stimulus_fund_year_save(plan=plan, year=2024, amount_available=Decimal(299_999))
    fund_year.refresh_from_db()
    assert fund_year.amount_available == 500_000


def test_a_new_year_is_added_through_the_page(client_for, plan):
    response = client_for("styrgrupp").post(url(plan, "ar/"), {"year": "2025", "amount_available": "750000"})
    assert response.status_code == 302
    assert StimulusFundYear.objects.get(plan=plan, year=2025).amount_available == 750_000


def test_the_dashboard_shows_allocated_against_available_per_year(plan, fund_year):
    line = build_dashboard(plan).funds[0]
    assert (line.year, line.available, line.allocated, line.remaining) == (2024, 500_000, 300_000, 200_000)
