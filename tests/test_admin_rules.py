"""The admin follows governance.permissions: plan content is the process leader's; reports, meetings,
stimulus funds and frozen reports are written only in the app, where the domain rules are checked."""

import pytest

from measures.models import Measure
from reporting.models import Meeting, StimulusFundYear
from tests.reporting.conftest import open_round, report_for


@pytest.mark.parametrize("username", ["processledare", "admin"])
def test_status_reports_cannot_be_changed_in_the_admin(client_for, plan, username):
    report = report_for(open_round(plan), "2.1.3", "SoC")
    client = client_for(username)
    assert client.get(f"/admin/reporting/statusreport/{report.pk}/change/").status_code == 200  # readable
    response = client.post(f"/admin/reporting/statusreport/{report.pk}/change/", {"done_text": "Smygändrat"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.done_text == ""


@pytest.mark.parametrize("model", ["meeting", "stimulusfundyear", "statusreport", "annualreport"])
def test_records_with_domain_rules_cannot_be_added_in_the_admin(client_for, plan, model):
    assert client_for("processledare").get(f"/admin/reporting/{model}/add/").status_code == 403


def test_stimulus_funds_and_meetings_are_read_only_in_the_admin(client_for, plan):
    year = StimulusFundYear.objects.create(plan=plan, year=2024, amount_available=1000)
    meeting = Meeting.objects.create(steering_group=plan.steering_group, date="2024-02-01")
    client = client_for("processledare")
    assert (
        client.post(
            f"/admin/reporting/stimulusfundyear/{year.pk}/change/", {"amount_available": "1"}
        ).status_code
        == 403
    )
    assert client.post(f"/admin/reporting/meeting/{meeting.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_only_process_leaders_and_administrators_reach_the_admin(client_for, plan):
    measure = Measure.objects.get(plan=plan, code="2.1.1")
    assert client_for("processledare").get(f"/admin/measures/measure/{measure.pk}/change/").status_code == 200
    for username in ("rapportor.soc", "styrgrupp"):
        response = client_for(username).get(f"/admin/measures/measure/{measure.pk}/change/")
        assert response.status_code == 302 and "/admin/login/" in response.url
