"""Follow-up rounds: opened and closed by the process leader, one report slot per office and measure."""

import datetime

from governance.models import DecisionBody
from measures.models import Measure, Responsibility
from measures.status import ReportState
from reporting.annual_report import annual_report_freeze
from reporting.models import FollowUpRound, StatusReport
from reporting.services import round_close
from tests.factories import annual_round, submit_all
from tests.reporting.conftest import freeze_today, open_round, report_for


def test_opening_a_round_creates_a_slot_per_measure_and_responsible_office(plan):
    round = open_round(plan)
    expected = set(Responsibility.objects.filter(measure__plan=plan).values_list("measure_id", "office_id"))
    assert set(round.reports.values_list("measure_id", "office_id")) == expected
    assert round.reports.filter(state=ReportState.MISSING).count() == len(expected)


def test_the_first_listed_office_gets_the_lead_slot(plan):
    round = open_round(plan)
    assert report_for(round, "2.2.4", "BoU").is_lead
    assert not report_for(round, "2.2.4", "KSK").is_lead


def test_inactive_measures_get_no_slot(plan):
    Measure.objects.filter(plan=plan, code="2.8.5").update(is_active=False)
    round = open_round(plan)
    assert not round.reports.filter(measure__code="2.8.5").exists()


def test_new_round_form_defaults_to_the_municipal_cycle(client_for, plan):
    client = client_for("processledare")
    interim = client.get(f"/planer/{plan.slug}/uppfoljning/ny/?typ=interim").context["form"].initial
    annual = client.get(f"/planer/{plan.slug}/uppfoljning/ny/?typ=annual").context["form"].initial
    assert (interim["period_end"].month, interim["period_end"].day) == (8, 31)
    assert (annual["period_end"].month, annual["period_end"].day) == (12, 31)
    assert interim["name"].startswith("Delårsuppföljning") and annual["name"].startswith("Årsuppföljning")


def test_process_leader_opens_a_round_from_the_form(client_for, plan):
    client = client_for("processledare")
    with freeze_today(datetime.date(2026, 6, 1)):
        response = open_from_form(client, plan)
    round = FollowUpRound.objects.get(name="Delårsuppföljning 2026")
    assert response.status_code == 302 and response.url == round.get_absolute_url()
    assert round.reports.count() == Responsibility.objects.filter(measure__plan=plan).count()


def open_from_form(client, plan):
    return client.post(
        f"/planer/{plan.slug}/uppfoljning/ny/",
        {
            "name": "Delårsuppföljning 2026",
            "kind": "interim",
            "period_start": "2026-01-01",
            "period_end": "2026-08-31",
            "deadline": "2026-09-15",
            "grace_days": "7",
        },
    )


def test_a_round_ending_before_it_starts_is_refused_with_a_swedish_message(client_for, plan):
    response = client_for("processledare").post(
        f"/planer/{plan.slug}/uppfoljning/ny/",
        {
            "name": "Fel",
            "kind": "annual",
            "period_start": "2026-12-31",
            "period_end": "2026-01-01",
            "deadline": "2027-01-20",
            "grace_days": "0",
        },
    )
    assert response.status_code == 200
    assert "Perioden kan inte sluta innan den börjar." in response.content.decode()
    assert not FollowUpRound.objects.filter(name="Fel").exists()


def test_garbage_in_the_round_form_gets_form_errors_not_a_crash(client_for, plan):
    response = client_for("processledare").post(
        f"/planer/{plan.slug}/uppfoljning/ny/",
        {"name": "x" * 500, "kind": "hemlig", "period_start": "igår", "deadline": "", "grace_days": "-3"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {
        "name",
        "kind",
        "period_start",
        "deadline",
        "grace_days",
    }
    assert not FollowUpRound.objects.exists()


def test_closing_a_round_locks_its_reports(client_for, plan):
    round = open_round(plan)
    client = client_for("processledare")
    assert client.post(f"/uppfoljning/{round.pk}/stang/", {"bekrafta": "ja"}).status_code == 302
    round.refresh_from_db()
    assert not round.is_open and not round.accepts_reports()
    page = client_for("rapportor.soc").get(f"/rapporter/{report_for(round, '2.1.3', 'SoC').pk}/")
    assert "Omgången tar inte längre emot rapporter" in page.content.decode()


def test_round_page_shows_progress_per_office(client_for, plan):
    round = open_round(plan)
    StatusReport.objects.filter(pk=report_for(round, "2.1.3", "SoC").pk).update(state="submitted")
    page = client_for("styrgrupp").get(round.get_absolute_url())
    rows = {row["office__abbreviation"]: row for row in page.context["offices"]}
    soc_total = Responsibility.objects.filter(measure__plan=plan, office__abbreviation="SoC").count()
    assert (rows["SoC"]["submitted"], rows["SoC"]["total"]) == (1, soc_total)


def test_stang_omgangen_first_asks_with_the_number_of_reports_not_yet_submitted(client_for, plan):
    round = open_round(plan)
    StatusReport.objects.filter(pk=report_for(round, "2.1.3", "SoC").pk).update(state="submitted")
    client = client_for("processledare")
    page = client.get(f"/uppfoljning/{round.pk}/stang/")
    expected = Responsibility.objects.filter(measure__plan=plan).count()
    assert f"{expected - 1} av {expected} rapporter är inte inlämnade." in page.content.decode()
    round.refresh_from_db()
    assert round.is_open


def test_a_post_without_the_confirmation_does_not_close_the_round(client_for, plan):
    round = open_round(plan)
    response = client_for("processledare").post(f"/uppfoljning/{round.pk}/stang/")
    assert response.status_code == 200 and "Ja, stäng omgången" in response.content.decode()
    round.refresh_from_db()
    assert round.is_open


def test_process_leader_reopens_a_closed_round_with_a_reason_kept_in_its_history(client_for, plan):
    round = open_round(plan)
    client = client_for("processledare")
    client.post(f"/uppfoljning/{round.pk}/stang/", {"bekrafta": "ja"})
    response = client.post(f"/uppfoljning/{round.pk}/oppna-igen/", {"reason": "KoF fick fel sista dag"})
    assert response.status_code == 302
    round.refresh_from_db()
    assert round.is_open and round.accepts_reports() and round.closed_at is None
    latest = round.history.latest()
    assert (latest.history_change_reason, latest.history_user.username) == (
        "KoF fick fel sista dag",
        "processledare",
    )
    page = client.get(round.get_absolute_url()).content.decode()
    assert "öppnade omgången igen: KoF fick fel sista dag" in page
    assert "stängde omgången" in page


def test_reopening_needs_a_stated_reason(client_for, plan):
    round = open_round(plan)
    round_close(round=round)
    client_for("processledare").post(f"/uppfoljning/{round.pk}/oppna-igen/", {"reason": "  "})
    round.refresh_from_db()
    assert not round.is_open


def test_a_round_reopened_after_its_last_day_accepts_reports_again(client_for, plan):
    round = open_round(plan, deadline_in_days=-30, grace_days=7)
    round_close(round=round)
    client_for("processledare").post(f"/uppfoljning/{round.pk}/oppna-igen/", {"reason": "Efterregistrering"})
    round.refresh_from_db()
    assert round.accepts_reports()


def test_a_round_with_a_frozen_annual_report_cannot_be_reopened(client_for, plan, user):
    round = annual_round(plan, 2022)
    submit_all(round)
    round_close(round=round)
    annual_report_freeze(
        plan=plan,
        round=round,
        decision_body=DecisionBody.objects.get(slug="direktionen"),
        whole_plan=False,
        user=user("processledare"),
    )
    client = client_for("processledare")
    assert "Öppna igen" not in client.get(round.get_absolute_url()).content.decode()
    response = client.post(f"/uppfoljning/{round.pk}/oppna-igen/", {"reason": "Ändra siffror"}, follow=True)
    assert "en årsrapport för den är fastställd" in response.content.decode()
    round.refresh_from_db()
    assert not round.is_open
