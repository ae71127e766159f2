"""The organisation page explains chapter 3 of the plan to a new member."""

import pytest

pytestmark = pytest.mark.django_db


def test_organisation_page_shows_steering_group_team_coordinator_and_networks(client_for, plan):
    response = client_for("rapportor.bou").get(f"/planer/{plan.slug}/organisation/")
    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        "Styrgrupp för Tillsammans för psykisk hälsa",
        "Avdelning LSS &amp; socialpsykiatri",
        "Genomförandeteam",
        "10,0 %",
        "Samordnare för psykisk hälsa",
        "50,0 %",
        "statliga stimulansmedel",
        "Suicidpreventiva nätverket Norrtälje",
        "Ungdomsrådet",
    ]:
        assert text in page, text


def test_steering_group_seat_shows_the_linked_member_and_roles(client_for, plan):
    seat = plan.steering_group.members.get(department__name="Avdelning kvalitet och innovation")
    seat.is_chair = True
    seat.save()
    page = client_for("styrgrupp").get(f"/planer/{plan.slug}/organisation/").content.decode()
    assert "Sam Styrgrupp" in page
    assert "ordförande" in page


def test_organisation_page_runs_a_fixed_number_of_queries(client_for, plan, django_assert_max_num_queries):
    client = client_for("styrgrupp")
    # session, user, plan, team, coordinator posts, steering group, seats, networks, main plan, roles
    with django_assert_max_num_queries(10):
        client.get(f"/planer/{plan.slug}/organisation/")
