"""Pages with indicators make the same number of queries for 10 and for 200 indicators (× 10 years × 3 genders)."""

import pytest

from measures.indicators import Indicator, IndicatorValue
from measures.models import Measure
from plan.models import TargetArea
from tests.conftest import PLAN_SLUG


def build_indicators(count: int, measure) -> None:
    indicators = Indicator.objects.bulk_create(
        Indicator(source="kolada", source_id=f"N{n:05d}", title=f"Indikator {n}", target_value=10)
        for n in range(count)
    )
    area = TargetArea.objects.get(number=measure.target_area.number)
    for indicator in indicators:
        indicator.measures.add(measure)
        indicator.target_areas.add(area)
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=i, area_code=area_code, period=year, gender=gender, value=year - 2000)
        for i in indicators
        for year in range(2014, 2024)
        for gender in "TKM"
        for area_code in ("0188",)
    )


@pytest.mark.parametrize("count", [10, 200])
def test_a_measure_page_with_indicators_makes_a_constant_number_of_queries(
    client_for, django_assert_max_num_queries, count
):
    measure = Measure.objects.get(plan__slug=PLAN_SLUG, code="2.6.1")
    build_indicators(count, measure)
    client = client_for("styrgrupp")
    client.get(measure.get_absolute_url())  # session and user
    # The page's 17 queries without indicators, plus the measure's indicators and their values.
    with django_assert_max_num_queries(19):
        response = client.get(measure.get_absolute_url())
    assert response.content.decode().count("<polyline") == count * 3


@pytest.mark.parametrize("count", [10, 200])
def test_the_indicator_list_makes_a_constant_number_of_queries(
    client_for, django_assert_max_num_queries, count
):
    measure = Measure.objects.get(plan__slug=PLAN_SLUG, code="2.6.1")
    build_indicators(count, measure)
    client = client_for("styrgrupp")
    url = f"/planer/{PLAN_SLUG}/indikatorer/?malomrade={measure.target_area.number}"
    # session, user, plan, target area, indicators, their target areas, their values, roles, main plan
    with django_assert_max_num_queries(9):
        response = client.get(url)
    assert response.content.decode().count('class="indicator card"') == count


@pytest.mark.parametrize("count", [10, 200])
def test_the_dashboard_with_indicators_makes_a_constant_number_of_queries(
    client_for, django_assert_max_num_queries, count
):
    from tests.reporting.test_dashboard_queries import DASHBOARD_QUERIES

    measure = Measure.objects.get(plan__slug=PLAN_SLUG, code="2.6.1")
    build_indicators(count, measure)
    client = client_for("styrgrupp")
    # The dashboard's queries (one more while the plan has no round: the plan on its own), plus the
    # indicators, their target areas and their values.
    with django_assert_max_num_queries(DASHBOARD_QUERIES + 1 + 3):
        response = client.get(f"/planer/{PLAN_SLUG}/oversikt/")
    assert response.context["indicator_trends"][0].total == count
