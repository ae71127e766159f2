"""Two people editing the same meeting: the later save is refused and nothing typed is lost."""

import pytest

from reporting.models import Meeting
from tests.reporting.meeting_helpers import meeting_post

pytestmark = pytest.mark.django_db


def edit_url(plan, meeting):
    return f"/planer/{plan.slug}/styrgrupp/moten/{meeting.pk}/andra/"


@pytest.fixture
def meeting(client_for, plan):
    client_for("styrgrupp").post(f"/planer/{plan.slug}/styrgrupp/moten/nytt/", meeting_post(plan))
    return Meeting.objects.get()


def test_the_later_of_two_saves_is_refused_with_409_and_keeps_the_users_text(client_for, plan, meeting):
    opened = client_for("processledare").get(edit_url(plan, meeting)).context["form"]["version"].value()
    first = meeting_post(plan, minutes="Först sparat av styrgruppen.", version=opened)
    second = meeting_post(plan, minutes="Min egen text som inte får försvinna.", version=opened)

    assert client_for("styrgrupp").post(edit_url(plan, meeting), first).status_code == 302
    response = client_for("processledare").post(edit_url(plan, meeting), second)

    page = response.content.decode()
    assert response.status_code == 409
    assert "Någon annan har sparat mötet under tiden: Sam Styrgrupp sparade det" in page
    assert response.context["form"]["minutes"].value() == "Min egen text som inte får försvinna."
    assert response.context["form"]["version"].value() == Meeting.objects.get().version == opened + 1
    assert Meeting.objects.get().minutes == "Först sparat av styrgruppen."


def test_after_a_conflict_saving_again_deliberately_overwrites(client_for, plan, meeting):
    client_for("styrgrupp").post(edit_url(plan, meeting), meeting_post(plan, minutes="A", version=0))
    client = client_for("processledare")  # the same test client, now logged in as someone else
    conflict = client.post(edit_url(plan, meeting), meeting_post(plan, minutes="B", version=0))
    assert conflict.status_code == 409
    retry = meeting_post(plan, minutes="B", version=conflict.context["form"]["version"].value())
    assert client.post(edit_url(plan, meeting), retry).status_code == 302
    saved = Meeting.objects.get()
    assert (saved.minutes, saved.version) == ("B", 2)
    assert saved.history.latest().history_user.username == "processledare"


def test_the_edit_form_carries_the_meetings_version(client_for, plan, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(version=7)
    page = client_for("styrgrupp").get(edit_url(plan, meeting)).content.decode()
    assert 'name="version" value="7"' in page
