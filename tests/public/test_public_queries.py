"""The public pages build in a constant number of queries (cache miss), whatever the plan's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.status import RoundStatus
from reporting.models import FollowUpRound
from tests.factories import build_plan

pytestmark = pytest.mark.django_db


def published(size):
    plan = build_plan(size, slug=f"offentlig-{size}")
    plan.published = True
    plan.save()
    FollowUpRound.objects.filter(plan=plan).update(status=RoundStatus.CLOSED)
    return plan


def queries(client, url) -> int:
    from reporting.public_cache import public_cache

    public_cache().clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "page",
    [
        lambda plan: reverse("plan-detail", args=[plan.slug]),
        lambda plan: reverse("plan-detail", args=[plan.slug]) + "?sok=behov",
        lambda plan: reverse("public-target-area", args=[plan.slug, 1]),
        lambda plan: reverse("public-office", args=[plan.slug, plan.measures.first().lead_office.abbreviation]),
        lambda plan: reverse("public-measure", args=[plan.slug, plan.measures.first().code]),
        lambda plan: reverse("public-open-data", args=[plan.slug]),
        lambda plan: reverse("public-download", args=[plan.slug, "statusar", "csv"]),
        lambda plan: reverse("public-download", args=[plan.slug, "plan", "xlsx"]),
    ],
)
def test_query_count_does_not_grow_with_the_plan(client, page, django_assert_max_num_queries):
    small, large = published(10), published(120)
    baseline = queries(client, page(small))
    assert baseline <= 20
    url = page(large)
    with django_assert_max_num_queries(baseline):
        assert client.get(url).status_code == 200
