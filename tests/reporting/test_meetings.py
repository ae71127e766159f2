"""Steering-group meetings: the members and the process leader record them; a measure shows its decisions."""

import pytest

from reporting.models import Decision, Meeting
from tests.reporting.meeting_helpers import meeting_post

pytestmark = pytest.mark.django_db


def url(plan, suffix=""):
    return f"/planer/{plan.slug}/styrgrupp/moten/{suffix}"


def test_steering_group_member_records_a_meeting_with_agenda_and_decisions(client_for, plan):
    data = meeting_post(
        plan,
        agenda=[("Uppföljning av målområde 2", "2.1.1, 2.1.2")],
        decisions=[("SG 2024:1", "Styrgruppen prioriterar föräldraskapsstöd.", "2.1.1")],
    )
    response = client_for("styrgrupp").post(url(plan, "nytt/"), data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == url(plan, f"{meeting.pk}/")
    assert meeting.attendees.count() == 3
    item = meeting.agenda_items.get()
    assert sorted(item.measures.values_list("code", flat=True)) == ["2.1.1", "2.1.2"]
    decision = meeting.decisions.get()
    assert decision.number == "SG 2024:1"
    assert list(decision.measures.values_list("code", flat=True)) == ["2.1.1"]


def test_process_leader_can_record_a_meeting(client_for, plan):
    response = client_for("processledare").post(url(plan, "nytt/"), meeting_post(plan))
    assert response.status_code == 302
    assert Meeting.objects.count() == 1


def test_measure_page_shows_the_decisions_that_concern_it(client_for, plan):
    data = meeting_post(plan, decisions=[("SG 2024:7", "Medel avsätts till föräldraskapsstöd.", "2.1.1")])
    client = client_for("styrgrupp")
    client.post(url(plan, "nytt/"), data)
    page = client.get(f"/planer/{plan.slug}/atgarder/2.1.1/").content.decode()
    assert "Beslut SG 2024:7" in page
    assert "Medel avsätts till föräldraskapsstöd." in page
    other = client.get(f"/planer/{plan.slug}/atgarder/2.1.2/").content.decode()
    assert "SG 2024:7" not in other


def test_meeting_page_lists_attendees_agenda_decisions_and_minutes(client_for, plan):
    client = client_for("styrgrupp")
    client.post(
        url(plan, "nytt/"),
        meeting_post(
            plan, agenda=[("Stimulansmedel", "")], decisions=[("SG 1", "Beslut om medel.", "2.2.1")]
        ),
    )
    meeting = Meeting.objects.get()
    page = client.get(url(plan, f"{meeting.pk}/")).content.decode()
    for text in ["Socialkontoret", "§1 Stimulansmedel", "Beslut SG 1", "2.2.1", "årets uppföljning"]:
        assert text in page


def test_unknown_measure_numbers_get_a_swedish_error_and_nothing_is_saved(client_for, plan):
    data = meeting_post(plan, decisions=[("SG 1", "Text", "2.1.1, 9.9.9")])
    response = client_for("styrgrupp").post(url(plan, "nytt/"), data)
    assert response.status_code == 400
    assert "Det finns inget åtgärdsbehov med nummer 9.9.9 i planen." in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_same_decision_number_twice_in_a_meeting_is_refused(client_for, plan):
    data = meeting_post(plan, decisions=[("SG 1", "Ett", ""), ("SG 1", "Två", "")])
    response = client_for("styrgrupp").post(url(plan, "nytt/"), data)
    assert response.status_code == 400
    assert "Beslutsnummer får bara förekomma en gång per möte: SG 1." in response.content.decode()
    assert not Decision.objects.exists()


def test_an_invalid_date_gets_a_swedish_error(client_for, plan):
    response = client_for("styrgrupp").post(url(plan, "nytt/"), meeting_post(plan, date="den 14:e"))
    assert response.status_code == 400
    assert "Fyll i ett giltigt datum." in response.content.decode()


def test_editing_a_meeting_adds_a_decision_and_keeps_history_with_the_user(client_for, plan):
    client = client_for("styrgrupp")
    client.post(url(plan, "nytt/"), meeting_post(plan, decisions=[("SG 1", "Första beslutet.", "")]))
    meeting = Meeting.objects.get()
    form = client.get(url(plan, f"{meeting.pk}/andra/")).context
    first = meeting.decisions.get()
    data = meeting_post(plan, minutes="Justerat protokoll.")
    data.update(
        {
            "beslut-TOTAL_FORMS": "2",
            "beslut-INITIAL_FORMS": "1",
            "beslut-0-id": str(first.pk),
            "beslut-0-meeting": str(meeting.pk),
            "beslut-0-number": "SG 1",
            "beslut-0-text": "Första beslutet.",
            "beslut-0-measures": "",
            "beslut-1-number": "SG 2",
            "beslut-1-text": "Andra beslutet.",
            "beslut-1-measures": "2.1.3",
        }
    )
    assert form["decisions"].total_form_count() == 3
    response = client.post(url(plan, f"{meeting.pk}/andra/"), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "Justerat protokoll."
    assert sorted(meeting.decisions.values_list("number", flat=True)) == ["SG 1", "SG 2"]
    assert meeting.history.latest().history_user.username == "styrgrupp"
    assert Decision.history.filter(number="SG 2").earliest().history_user.username == "styrgrupp"


def test_reporters_can_read_meetings_but_get_no_form(client_for, plan):
    client_for("styrgrupp").post(url(plan, "nytt/"), meeting_post(plan))
    client = client_for("rapportor.soc")
    listing = client.get(url(plan))
    assert listing.status_code == 200
    assert "Skriv in ett nytt möte" not in listing.content.decode()
    assert "Ändra mötet" not in client.get(url(plan, f"{Meeting.objects.get().pk}/")).content.decode()
    assert client.get(url(plan, f"{Meeting.objects.get().pk}/")).status_code == 200
    assert client.get(url(plan, "nytt/")).status_code == 403


@pytest.mark.parametrize("username", ["styrgrupp", "processledare"])
def test_those_who_record_meetings_get_the_new_and_edit_buttons(client_for, plan, username):
    client_for("styrgrupp").post(url(plan, "nytt/"), meeting_post(plan))
    client = client_for(username)
    assert "Skriv in ett nytt möte" in client.get(url(plan)).content.decode()
    assert "Ändra mötet" in client.get(url(plan, f"{Meeting.objects.get().pk}/")).content.decode()
