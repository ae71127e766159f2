"""Writing a status report: drafts, submission, prefill, lateness and the measure's current status."""

import datetime

from django.utils import timezone

from measures.models import Measure
from measures.status import ReportState
from reporting.models import StatusReport
from tests.reporting.conftest import open_round, report_for, report_post


def test_reporter_submits_a_report_for_their_own_office(client_for, round):
    report = report_for(round, "2.1.3", "SoC")
    response = client_for("rapportor.soc").post(f"/rapporter/{report.pk}/", report_post(report))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert report.submitted_by.username == "rapportor.soc"
    assert report.done_text == "Gruppverksamhet startad i Norrtälje och Rimbo."


def test_the_lead_offices_submitted_report_sets_the_measures_status(client_for, round):
    report = report_for(round, "2.1.3", "SoC")
    client_for("rapportor.soc").post(
        f"/rapporter/{report.pk}/", report_post(report, status="done", traffic_light="yellow")
    )
    measure = Measure.objects.get(pk=report.measure_id)
    assert (measure.status, measure.traffic_light) == ("done", "yellow")
    assert set(measure.activities.values_list("status", flat=True)) == {"in_progress"}


def test_a_shared_offices_report_leaves_the_measures_status_alone(client_for, round):
    report = report_for(round, "2.1.3", "KSON")
    client_for("rapportor.kson").post(f"/rapporter/{report.pk}/", report_post(report, status="done"))
    assert Measure.objects.get(pk=report.measure_id).status == "not_started"


def test_a_draft_can_be_saved_half_filled(client_for, round):
    report = report_for(round, "2.1.3", "SoC")
    data = report_post(report, action="save", status="", traffic_light="", done_text="Påbörjat")
    assert client_for("rapportor.soc").post(f"/rapporter/{report.pk}/", data).status_code == 302
    report.refresh_from_db()
    assert (report.state, report.done_text) == (ReportState.DRAFT, "Påbörjat")


def test_submitting_without_status_and_light_is_refused_with_swedish_errors(client_for, round):
    report = report_for(round, "2.1.3", "SoC")
    response = client_for("rapportor.soc").post(
        f"/rapporter/{report.pk}/", report_post(report, status="", traffic_light="")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Välj en status innan du lämnar in." in page and "Välj ett trafikljus innan du lämnar in." in page
    assert StatusReport.objects.get(pk=report.pk).state == ReportState.MISSING


def test_unknown_status_and_overlong_text_are_form_errors(client_for, round):
    report = report_for(round, "2.1.3", "SoC")
    response = client_for("rapportor.soc").post(
        f"/rapporter/{report.pk}/", report_post(report, status="hemlig", done_text="x" * 6000)
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"status", "done_text"}
    assert StatusReport.objects.get(pk=report.pk).done_text == ""


def test_new_report_is_prefilled_from_the_offices_previous_report(client_for, plan):
    last_year = open_round(plan, name="Årsuppföljning förra året", year=timezone.localdate().year - 1)
    previous = report_for(last_year, "2.1.3", "SoC")
    client = client_for("rapportor.soc")
    client.post(f"/rapporter/{previous.pk}/", report_post(previous, next_steps_text="Fortsätt i Väddö."))
    this_year = open_round(plan, name="Årsuppföljning i år")
    page = client.get(f"/rapporter/{report_for(this_year, '2.1.3', 'SoC').pk}/")
    initial = page.context["form"].initial
    assert initial["next_steps_text"] == "Fortsätt i Väddö."
    assert initial["status"] == "in_progress"
    assert "förifyllt" in page.content.decode()


def test_a_submitted_report_can_be_reopened_by_its_office(client_for, round):
    report = report_for(round, "2.1.3", "SoC")
    client = client_for("rapportor.soc")
    client.post(f"/rapporter/{report.pk}/", report_post(report))
    assert client.post(f"/rapporter/{report.pk}/oppna-igen/").status_code == 302
    assert StatusReport.objects.get(pk=report.pk).state == ReportState.DRAFT


def test_a_report_after_the_deadline_is_accepted_within_grace_days_and_marked_late(client_for, plan):
    round = open_round(plan, deadline_in_days=-2, grace_days=5)
    report = report_for(round, "2.1.3", "SoC")
    client_for("rapportor.soc").post(f"/rapporter/{report.pk}/", report_post(report))
    report.refresh_from_db()
    assert report.is_submitted and report.is_late
    assert report.display_state_label == "Sen"


def test_a_report_after_the_grace_days_is_refused(client_for, plan):
    round = open_round(plan, deadline_in_days=-10, grace_days=3)
    report = report_for(round, "2.1.3", "SoC")
    response = client_for("rapportor.soc").post(f"/rapporter/{report.pk}/", report_post(report))
    assert response.status_code == 403
    assert StatusReport.objects.get(pk=report.pk).state == ReportState.MISSING


def test_save_and_next_goes_to_the_offices_next_outstanding_report(client_for, round):
    report = report_for(round, "2.1.3", "SoC")
    response = client_for("rapportor.soc").post(
        f"/rapporter/{report.pk}/", report_post(report, action="submit_next")
    )
    following = StatusReport.objects.get(pk=int(response.url.strip("/").split("/")[-1]))
    assert following.office.abbreviation == "SoC"
    assert following.measure.sort_key > report.measure.sort_key
    assert not following.is_submitted


def test_measure_page_shows_the_submitted_report_and_the_change(client_for, round):
    report = report_for(round, "2.1.3", "SoC")
    client = client_for("rapportor.soc")
    client.post(f"/rapporter/{report.pk}/", report_post(report))
    page = client_for("rapportor.kson").get(report.measure.get_absolute_url()).content.decode()
    assert "Gruppverksamhet startad i Norrtälje och Rimbo." in page
    assert "Rut Rapportör (SoC)" in page  # the timeline names who changed it


def test_reporter_sees_other_offices_reports_read_only(client_for, round):
    report = report_for(round, "2.1.3", "SoC")
    page = client_for("rapportor.bou").get(f"/rapporter/{report.pk}/")
    assert page.status_code == 200 and not page.context["can_edit"]
    assert "tillhör en annan verksamhet" in page.content.decode()


def test_deadline_passed_marks_missing_reports_late(plan):
    round = open_round(plan, deadline_in_days=-1)
    assert report_for(round, "2.1.3", "SoC").display_state_label == "Sen"
    assert round.deadline < timezone.localdate() <= round.deadline + datetime.timedelta(days=round.grace_days)


def test_saving_a_submitted_report_as_draft_takes_it_back_to_draft_and_leaves_the_measure(client_for, round):
    report = report_for(round, "2.1.3", "SoC")
    client = client_for("rapportor.soc")
    client.post(f"/rapporter/{report.pk}/", report_post(report, status="in_progress"))
    report.refresh_from_db()
    client.post(f"/rapporter/{report.pk}/", report_post(report, action="save", status="done"))
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    assert Measure.objects.get(pk=report.measure_id).status == "in_progress"


def test_a_report_reopened_after_the_deadline_counts_as_late(client_for, plan):
    round = open_round(plan, deadline_in_days=-1, grace_days=5)
    report = report_for(round, "2.1.3", "SoC")
    report.state = ReportState.SUBMITTED
    report.submitted_at = timezone.now() - datetime.timedelta(days=3)  # on time
    report.save()
    assert not report.is_late
    client_for("rapportor.soc").post(f"/rapporter/{report.pk}/oppna-igen/")
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and report.is_late
