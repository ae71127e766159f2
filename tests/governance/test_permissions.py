"""Only steering-group members and the process leader change governance data: the rest get 403."""

from decimal import Decimal

import pytest

from governance.models import Meeting, StimulusAllocation, StimulusFundYear
from tests.governance.helpers import meeting_post

pytestmark = pytest.mark.django_db

OUTSIDERS = ["rapportor.soc", "rapportor.kson"]


@pytest.fixture
def records(plan):
    meeting = Meeting.objects.create(steering_group=plan.steering_group, date="2024-02-01")
    fund_year = StimulusFundYear.objects.create(plan=plan, year=2024, amount_available=Decimal(100_000))
    return meeting, fund_year


def governance_posts(plan, meeting, fund_year):
    base = f"/planer/{plan.slug}"
    return [
        (f"{base}/styrgrupp/moten/nytt/", meeting_post(plan)),
        (f"{base}/styrgrupp/moten/{meeting.pk}/andra/", meeting_post(plan, minutes="Ändrat")),
        (f"{base}/stimulansmedel/ar/", {"year": "2025", "amount_available": "1000"}),
        (
            f"{base}/stimulansmedel/fordelning/",
            {"fund_year": fund_year.pk, "purpose": "Test", "amount": "10"},
        ),
    ]


@pytest.mark.parametrize("username", OUTSIDERS)
def test_users_outside_the_steering_group_get_403_on_every_governance_post(
    client_for, plan, records, username
):
    meeting, fund_year = records
    client = client_for(username)
    for path, data in governance_posts(plan, meeting, fund_year):
        assert client.post(path, data).status_code == 403, path
    assert Meeting.objects.count() == 1
    assert Meeting.objects.get().minutes == ""
    assert StimulusFundYear.objects.count() == 1
    assert not StimulusAllocation.objects.exists()


def test_users_outside_the_steering_group_get_no_governance_forms(client_for, plan, records):
    meeting, _ = records
    client = client_for("rapportor.soc")
    assert client.get(f"/planer/{plan.slug}/styrgrupp/moten/nytt/").status_code == 403
    assert client.get(f"/planer/{plan.slug}/styrgrupp/moten/{meeting.pk}/andra/").status_code == 403
    page = client.get(f"/planer/{plan.slug}/stimulansmedel/").content.decode()
    assert "Spara fördelningen" not in page


def test_anonymous_visitors_are_sent_to_log_in(client, plan, records):
    response = client.post(
        f"/planer/{plan.slug}/stimulansmedel/ar/", {"year": "2025", "amount_available": "1"}
    )
    assert response.status_code == 302
    assert "/konto/logga-in/" in response.url


def test_steering_group_member_may_post_governance_data(client_for, plan, records):
    meeting, fund_year = records
    client = client_for("styrgrupp")
    for path, data in governance_posts(plan, meeting, fund_year):
        assert client.post(path, data).status_code == 302, path
