"""Follow-up rounds: opened and closed by the process leader, one report slot per office and measure."""

from measures.models import Measure, Responsibility
from measures.status import ReportState
from reporting.models import FollowUpRound, StatusReport
from tests.reporting.conftest import open_round, report_for


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
    response = client.post(
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
    round = FollowUpRound.objects.get(name="Delårsuppföljning 2026")
    assert response.status_code == 302 and response.url == round.get_absolute_url()
    assert round.reports.count() == Responsibility.objects.filter(measure__plan=plan).count()


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
    assert client.post(f"/uppfoljning/{round.pk}/stang/").status_code == 302
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
