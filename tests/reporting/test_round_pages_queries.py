"""The rounds list, a round's page and the plan page cost the same queries at 25 and 250 measures."""

import pytest

from reporting.services import round_close
from tests.factories import build_plan


@pytest.mark.parametrize("size", [25, 250])
def test_round_list_query_count_does_not_grow_with_the_plan(size, client_for, django_assert_max_num_queries):
    build_plan(size)
    client = client_for("processledare")
    # session, user, page count, rounds with report counts, the user's groups, the navigation's plan,
    # the plans the process leader may open rounds in
    with django_assert_max_num_queries(7):
        response = client.get("/uppfoljning/")
    assert response.status_code == 200


@pytest.mark.parametrize("size", [25, 250])
def test_round_page_query_count_does_not_grow_with_the_plan(size, client_for, django_assert_max_num_queries):
    plan = build_plan(size)
    round = plan.rounds.first()
    client = client_for("processledare")
    # session, user, round with plan, counts per office, outstanding reports with measure/office/round,
    # reminders with user, the user's groups, the navigation's plan, the round's history with users,
    # whether an annual report of it is frozen (asked for closed rounds: can it be reopened?)
    round_close(round=round)
    with django_assert_max_num_queries(10):
        response = client.get(f"/uppfoljning/{round.pk}/")
    assert len(response.context["outstanding"]) > 0


@pytest.mark.parametrize("size", [25, 250])
def test_plan_page_query_count_does_not_grow_with_the_plan(size, client_for, django_assert_max_num_queries):
    plan = build_plan(size)
    client = client_for("rapportor.soc")
    # session, user, plan with adoptions (+ bodies), target areas, measures with area and plan,
    # responsibilities with office, activities, results, intervention levels, the navigation's plan, groups
    with django_assert_max_num_queries(12):
        response = client.get(f"/planer/{plan.slug}/")
    assert response.context["measure_count"] == size
