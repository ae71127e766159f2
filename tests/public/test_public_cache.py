"""The public pages are cached for anonymous visitors and change when what they show changes (issue 13)."""

import pytest
from django.urls import reverse

from reporting.models import StatusReport
from reporting.services import round_close
from tests.factories import annual_round
from tests.public.conftest import MEASURE, frozen_report

pytestmark = pytest.mark.django_db


def test_a_cache_hit_costs_at_most_one_query(client, closed_round, django_assert_max_num_queries):
    slug = closed_round.plan.slug
    for url in (
        reverse("plan-detail", args=[slug]),
        reverse("public-measure", args=[slug, MEASURE]),
        reverse("public-target-area", args=[slug, 1]),
        reverse("public-office", args=[slug, "SoC"]),
        reverse("public-open-data", args=[slug]),
    ):
        first = client.get(url)
        assert first["X-Public-Cache"] == "miss"
        with django_assert_max_num_queries(1):
            second = client.get(url)
        assert second["X-Public-Cache"] == "hit"
        assert second.status_code == 200
        assert "Content-Security-Policy" in second


def test_the_page_changes_after_a_round_closes(client, closed_round):
    url = reverse("plan-detail", args=[closed_round.plan.slug])
    later = annual_round(closed_round.plan, 2026)
    assert later.name not in client.get(url).content.decode()
    round_close(round=later)
    page = client.get(url)
    assert page["X-Public-Cache"] == "miss"
    assert later.name in page.content.decode()


def test_the_page_changes_when_a_report_text_or_annual_report_is_published(
    client, closed_round, user, client_for
):
    plan = closed_round.plan
    measure_url = reverse("public-measure", args=[plan.slug, MEASURE])
    plan_url = reverse("plan-detail", args=[plan.slug])
    client.get(measure_url)
    report = frozen_report(plan, closed_round, user, published=False)
    client.get(plan_url)
    leader = client_for("processledare")
    leader.post(
        reverse(
            "report-deviations-public", args=[StatusReport.objects.public().get(measure__code=MEASURE).pk]
        ),
        {"offentlig": "ja"},
    )
    leader.post(reverse("annual-report-publish", args=[report.pk]), {"publicera": "ja"})
    leader.logout()
    assert "Rekryteringen av gruppledare" in client.get(measure_url).content.decode()
    assert (
        reverse("public-annual-report-pdf", args=[plan.slug, report.pk])
        in client.get(plan_url).content.decode()
    )


def test_unpublishing_the_plan_empties_the_cache(client, published_plan):
    url = reverse("plan-detail", args=[published_plan.slug])
    assert client.get(url).status_code == 200
    published_plan.published = False
    published_plan.save()
    assert client.get(url).status_code == 404


def test_logged_in_users_are_not_served_from_the_cache(client, published_plan, client_for):
    url = reverse("public-target-area", args=[published_plan.slug, 1])
    client.get(url)
    response = client_for("rapportor.soc").get(url)
    assert "X-Public-Cache" not in response
    assert "Logga ut" in response.content.decode()


def test_every_cached_page_gets_the_visitors_own_csrf_token(client, published_plan):
    url = reverse("plan-detail", args=[published_plan.slug])
    client.get(url)
    from django.test import Client

    other = Client()
    page = other.get(url)
    assert page["X-Public-Cache"] == "hit"
    assert "csrftoken" in page.cookies or 'name="csrfmiddlewaretoken"' not in page.content.decode()
