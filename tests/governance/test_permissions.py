"""Governance forms are not even shown to users outside the steering group.

The POSTs themselves, for every role, are in tests/test_permission_matrix.py.
"""

from decimal import Decimal

import pytest

from reporting.models import Meeting, StimulusFundYear

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(plan):
    meeting = Meeting.objects.create(steering_group=plan.steering_group, date="2024-02-01")
    fund_year = StimulusFundYear.objects.create(plan=plan, year=2024, amount_available=Decimal(100_000))
    return meeting, fund_year


def test_users_outside_the_steering_group_get_no_governance_forms(client_for, plan, records):
    meeting, _ = records
    client = client_for("rapportor.soc")
    assert client.get(f"/planer/{plan.slug}/styrgrupp/moten/nytt/").status_code == 403
    assert client.get(f"/planer/{plan.slug}/styrgrupp/moten/{meeting.pk}/andra/").status_code == 403
    page = client.get(f"/planer/{plan.slug}/stimulansmedel/").content.decode()
    assert "Spara fördelningen" not in page


@pytest.mark.parametrize("username", ["styrgrupp", "processledare"])
def test_steering_group_members_and_the_process_leader_get_the_governance_forms(
    client_for, plan, records, username
):
    meeting, _ = records
    client = client_for(username)
    assert client.get(f"/planer/{plan.slug}/styrgrupp/moten/nytt/").status_code == 200
    assert client.get(f"/planer/{plan.slug}/styrgrupp/moten/{meeting.pk}/andra/").status_code == 200
    page = client.get(f"/planer/{plan.slug}/stimulansmedel/").content.decode()
    assert "Spara fördelningen" in page
    meetings = client.get(f"/planer/{plan.slug}/styrgrupp/moten/").content.decode()
    assert "Skriv in ett nytt möte" in meetings
    assert "Ändra mötet" in client.get(f"/planer/{plan.slug}/styrgrupp/moten/{meeting.pk}/").content.decode()


def test_navigation_gives_each_role_the_links_of_its_work(user):
    from governance.permissions import navigation_for

    reporter = ["my-measures", "plan", "measure-list"]
    steering = ["my-measures", "plan", "dashboard", "measure-list", "organisation", "meetings", "stimulus"]
    assert navigation_for(user("rapportor.soc")) == reporter
    assert navigation_for(user("styrgrupp")) == steering
    assert navigation_for(user("processledare")) == steering + ["rounds", "annual-report", "admin"]


def test_the_admin_lets_in_exactly_those_the_navigation_links_to_it(client_for):
    for username, allowed in [("rapportor.soc", False), ("styrgrupp", False), ("processledare", True)]:
        response = client_for(username).get("/admin/")
        assert (response.status_code == 200) is allowed, username
