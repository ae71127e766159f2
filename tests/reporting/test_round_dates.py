"""A new round's dates lie ahead, and a round nobody could report in is not opened by mistake."""

import datetime

import pytest

from reporting.forms import FollowUpRoundForm, default_round_dates
from reporting.models import FollowUpRound
from reporting.services import report_save
from tests.reporting.conftest import freeze_today, report_for, report_post

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def today():
    """Freezes the date the views ask for (timezone.localdate)."""
    with freeze_today(TODAY):
        yield TODAY


def test_the_interim_default_is_the_coming_31_august_once_this_years_deadline_has_passed():
    dates = default_round_dates("interim", TODAY)
    assert (dates["period_end"], dates["deadline"]) == (datetime.date(2027, 8, 31), datetime.date(2027, 9, 15))
    assert dates["name"] == "Delårsuppföljning 2027"


def test_the_annual_default_is_the_last_31_december_while_its_deadline_is_still_ahead():
    dates = default_round_dates("annual", datetime.date(2027, 1, 5))
    assert (dates["period_end"], dates["deadline"]) == (datetime.date(2026, 12, 31), datetime.date(2027, 1, 20))
    assert default_round_dates("annual", datetime.date(2027, 1, 21))["period_end"] == datetime.date(2027, 12, 31)


def test_new_round_form_prefills_dates_whose_deadline_lies_ahead(client_for, plan, today):
    client = client_for("processledare")
    for kind in ("interim", "annual"):
        initial = client.get(f"/planer/{plan.slug}/uppfoljning/ny/?typ={kind}").context["form"].initial
        assert initial["deadline"] > today and initial["period_end"] >= today


def post_round(client, plan, **overrides):
    data = {
        "name": "Delårsuppföljning 2026",
        "kind": "interim",
        "period_start": "2026-01-01",
        "period_end": "2026-08-31",
        "deadline": "2026-09-15",
        "grace_days": "7",
        **overrides,
    }
    return client.post(f"/planer/{plan.slug}/uppfoljning/ny/", data)


def test_a_round_whose_deadline_and_grace_have_passed_is_refused_with_a_swedish_explanation(
    client_for, plan, today
):
    response = post_round(client_for("processledare"), plan)
    assert response.status_code == 200
    message = response.context["form"].errors["deadline"][0]
    assert "2026-09-15" in message and "2026-09-22" in message and "redan passerat" in message
    assert "Ja, öppna ändå för efterregistrering" in message
    assert not FollowUpRound.objects.filter(name="Delårsuppföljning 2026").exists()


def test_a_round_whose_grace_days_are_still_running_is_opened(client_for, plan, today):
    response = post_round(client_for("processledare"), plan, deadline="2026-11-28", grace_days="7")
    assert response.status_code == 302
    assert FollowUpRound.objects.get(name="Delårsuppföljning 2026").accepts_reports(today)


def test_ticking_late_registration_opens_a_late_round_that_accepts_reports(client_for, plan, today, user):
    response = post_round(client_for("processledare"), plan, late_registration="on")
    assert response.status_code == 302
    round = FollowUpRound.objects.get(name="Delårsuppföljning 2026")
    assert round.late_registration and round.accepts_reports(today)
    report = report_for(round, "2.1.3", "SoC")
    report_save(
        report=report,
        user=user("rapportor.soc"),
        fields={"status": "in_progress", "traffic_light": "green", "done_text": "Efterregistrerat.",
                "results_text": "", "deviations_text": "", "next_steps_text": ""},
        activity_progress={},
        expected_version=report.version,
        submit=True,
    )
    report.refresh_from_db()
    assert report.is_submitted and report.is_late


def test_the_reporter_can_write_in_a_round_opened_for_late_registration(client_for, plan, today):
    post_round(client_for("processledare"), plan, late_registration="on")
    report = report_for(FollowUpRound.objects.get(name="Delårsuppföljning 2026"), "2.1.3", "SoC")
    client = client_for("rapportor.soc")
    response = client.post(f"/rapporter/{report.pk}/", report_post(report))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_submitted


def test_the_form_refusal_uses_the_given_day_not_the_clock(plan):
    data = {"name": "X", "kind": "annual", "period_start": "2026-01-01", "period_end": "2026-12-31",
            "deadline": "2027-01-20", "grace_days": "0"}
    assert FollowUpRoundForm(data, plan=plan, today=datetime.date(2027, 1, 20)).is_valid()
    assert not FollowUpRoundForm(data, plan=plan, today=datetime.date(2027, 1, 21)).is_valid()
