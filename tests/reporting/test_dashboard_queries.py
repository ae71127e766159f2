"""The dashboard costs the same number of queries for 25 measures as for 250 (bench/dashboard.py times 2,500)."""

import pytest

from reporting.models import StimulusAllocation, StimulusFundYear
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

# 1 session, 2 user, 3 plan, 4 the plan's rounds, 5 target areas, 6 offices,
# 7 report facts grouped by area/office/role/state/status/light (with late counts),
# 8 late reports (first 25), 9 changed-status count, 10 changed measures (first 25),
# 11 round-by-round lead statuses per area, 12 red/yellow lead reports (first 25),
# 13 stimulus fund years with allocated sums, 14 the main plan and 15 the user's roles for the navigation,
# 16 the outcome indicators (tests/measures/test_indicator_queries.py: with indicators).
DASHBOARD_QUERIES = 16


def add_funds(plan):
    fund = StimulusFundYear.objects.create(plan=plan, year=2024, amount_available=1_000_000)
    StimulusAllocation.objects.create(fund_year=fund, purpose="Samordnare", amount=400_000)


@pytest.mark.parametrize("size", [25, 250])
def test_dashboard_query_count_does_not_grow_with_the_plan(size, client_for, django_assert_max_num_queries):
    plan = build_plan(size)
    add_funds(plan)
    client = client_for("styrgrupp")
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = client.get(f"/planer/{plan.slug}/oversikt/")
    assert response.status_code == 200
    assert response.context["dashboard"].measure_count.count == size
