"""The process leader's follow-up rounds, in a real browser: opening one that people can report in,
closing it after a confirmation, reopening it for a reason, and freezing with reports missing."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from measures.models import Responsibility
from plan.models import ActionPlan
from reporting.services import round_close
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import PLAN_SLUG
from tests.factories import annual_round, submit_all
from tests.reporting.conftest import freeze_today, open_round

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def today():
    """The live server runs in this process: the views and the round's rules ask this date."""
    with freeze_today(TODAY):
        yield TODAY


def test_a_delar_round_opened_from_the_prefilled_form_takes_reports(page, site, today):
    log_in(page, site, "processledare")
    page.goto(f"{site}/planer/{PLAN_SLUG}/uppfoljning/ny/?typ=interim")
    assert page.get_by_label("Sista dag att rapportera").input_value() == "2027-09-15"
    assert page.get_by_label("Perioden slutar (per)").input_value() == "2027-08-31"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Öppna omgången").click()
    expect(page.get_by_role("status").first).to_contain_text("Delårsuppföljning 2027 är öppnad")

    page.get_by_role("button", name="Logga ut").click()
    log_in(page, site, "rapportor.soc")
    page.get_by_role("link", name="Skriv rapport 2.1.3 SoC").click()
    expect(page.get_by_role("button", name="Lämna in", exact=True)).to_be_visible()
    assert page.get_by_text("Omgången tar inte längre emot rapporter").count() == 0


def test_a_round_already_past_its_last_day_is_refused_unless_opened_for_late_registration(page, site, today):
    log_in(page, site, "processledare")
    page.goto(f"{site}/planer/{PLAN_SLUG}/uppfoljning/ny/?typ=interim")
    page.get_by_label("Namn").fill("Delårsuppföljning 2026")
    page.get_by_label("Perioden börjar").fill("2026-01-01")
    page.get_by_label("Perioden slutar (per)").fill("2026-08-31")
    page.get_by_label("Sista dag att rapportera").fill("2026-09-15")
    page.get_by_role("button", name="Öppna omgången").click()
    expect(page.get_by_role("alert").get_by_text("Omgången är inte öppnad")).to_be_visible()
    expect(page.get_by_text("har redan passerat, så ingen skulle kunna lämna en rapport")).to_be_visible()

    page.get_by_label("Ja, öppna ändå för efterregistrering").check()
    page.get_by_role("button", name="Öppna omgången").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delårsuppföljning 2026")
    expect(page.get_by_text("Omgången är öppen för efterregistrering")).to_be_visible()


def test_closing_asks_first_with_the_count_and_the_process_leader_can_reopen_for_a_reason(page, site, today):
    round = open_round(ActionPlan.objects.get(slug=PLAN_SLUG), name="Årsuppföljning 2026")
    expected = round.reports.count()
    log_in(page, site, "processledare")
    page.goto(f"{site}{round.get_absolute_url()}")
    page.get_by_role("button", name="Stäng omgången").click()
    expect(page.get_by_text(f"{expected} av {expected} rapporter är inte inlämnade.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ja, stäng omgången").click()
    expect(page.get_by_role("status").first).to_contain_text("är stängd")

    page.get_by_label("Varför öppnas omgången igen?").fill("BoU fick fel sista dag i kallelsen")
    page.get_by_role("button", name="Öppna igen").click()
    expect(page.get_by_role("status").first).to_contain_text("är öppnad igen")
    history = page.locator(".timeline")
    expect(history.get_by_text("öppnade omgången igen: BoU fick fel sista dag i kallelsen")).to_be_visible()
    expect(history.get_by_text("stängde omgången")).to_be_visible()
    assert axe_violations(page) == []


def test_freezing_with_reports_missing_shows_the_numbers_and_needs_a_confirmation(page, site, task_worker):
    plan = ActionPlan.objects.get(slug=PLAN_SLUG)
    round = annual_round(plan, 2022)
    submit_all(round, skip_codes=("2.1.3",))
    round_close(round=round)
    expected = round.reports.count()
    missing = Responsibility.objects.filter(measure__plan=plan, measure__code="2.1.3").count()
    log_in(page, site, "processledare")
    page.goto(f"{site}/planer/{PLAN_SLUG}/arsrapport/")
    page.get_by_role("button", name="Förhandsgranska").click()
    expect(
        page.get_by_text(f"Bara {expected - missing} av {expected} rapporter är inlämnade.")
    ).to_be_visible()
    page.get_by_role("button", name="Fastställ rapporten").click()  # the browser asks for the box first
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("^" + re.escape("Årsuppföljning 2022"))
    )
    page.get_by_label("Ja, fastställ rapporten fast alla rapporter inte är inlämnade").check()
    page.get_by_role("button", name="Fastställ rapporten").click()
    # The task worker renders the PDF, Word and Excel files: allow for a busy machine.
    page.get_by_role("link", name="Visa den fastställda rapporten").wait_for(timeout=90000)
    expect(page.get_by_role("status").first).to_contain_text("Rapporten är fastställd")


def test_a_round_with_nothing_submitted_cannot_be_frozen_from_the_preview(page, site):
    round_close(round=annual_round(ActionPlan.objects.get(slug=PLAN_SLUG), 2022))
    log_in(page, site, "processledare")
    page.goto(f"{site}/planer/{PLAN_SLUG}/arsrapport/")
    page.get_by_role("button", name="Förhandsgranska").click()
    expect(page.get_by_text("Ingen av omgångens")).to_be_visible()
    assert page.get_by_role("button", name="Fastställ rapporten").count() == 0
