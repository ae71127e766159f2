"""The dashboard costs the same number of queries for 25 measures as for 250 (bench/dashboard.py times 2,500)."""

import pytest

from reporting.models import StimulusAllocation, StimulusFundYear
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

# 1 session, 2 user with their roles, 3 the plan with its rounds, 4 target areas,
# 5 report facts of every round grouped by round/area/office/role/state/status/light (with late counts and
# the offices met), 6 the first 25 late and the first 25 red/yellow lead reports, 7 the first 25 changed
# measures with their count, 8 stimulus fund years with allocated sums. The navigation uses the page's plan.
DASHBOARD_QUERIES = 8


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
