"""The office reporter's main journey, in a real browser."""

import re

from playwright.sync_api import expect

from plan.models import ActionPlan
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import PLAN_SLUG
from tests.reporting.conftest import open_round


def test_soc_reporter_submits_2_1_3_and_another_office_cannot_edit_it(page, site):
    open_round(ActionPlan.objects.get(slug=PLAN_SLUG), name="Årsuppföljning 2026")
    log_in(page, site, "rapportor.soc")
    expect(page.get_by_role("heading", name="Mina åtgärder", level=1)).to_be_visible()
    page.get_by_role("link", name="Skriv rapport 2.1.3 SoC").click()

    page.get_by_role("radio", name="Pågår", exact=True).check()
    page.get_by_label("Grön – enligt plan").check()
    page.get_by_label("Vad har gjorts under perioden").fill("Två grupper för barn som anhöriga har startat.")
    page.get_by_label("Nästa steg").fill("Utvärdera grupperna med familjerna.")
    page.get_by_role("button", name="Lämna in", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Rapporten för 2.1.3 är inlämnad.")

    page.get_by_role("link", name="Hela åtgärdsbehovet och dess historik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^" + re.escape("2.1.3")))
    expect(
        page.get_by_role("region").get_by_text("Två grupper för barn som anhöriga har startat.")
    ).to_be_visible()

    page.get_by_role("button", name="Logga ut").click()
    log_in(page, site, "rapportor.bou")
    page.goto(f"{site}/planer/{PLAN_SLUG}/atgarder/2.1.3/")
    page.get_by_role("link", name="Öppna rapporten").first.click()
    expect(page.get_by_text("tillhör en annan verksamhet")).to_be_visible()
    assert page.get_by_role("button", name="Lämna in", exact=True).count() == 0


def test_a_whole_round_can_be_reported_with_save_and_next(page, site):
    plan = ActionPlan.objects.get(slug=PLAN_SLUG)
    round = open_round(plan)
    total = round.reports.filter(office__abbreviation="KSK").count()
    log_in(page, site, "rapportor.ksk")
    page.locator(".card a.button").click()  # "Nästa att rapportera"
    for _ in range(total):
        page.get_by_role("radio", name="Pågår", exact=True).check()
        page.get_by_label("Gul – risk eller avvikelse").check()
        page.get_by_role("button", name="Lämna in och gå till nästa").click()
    expect(page.get_by_role("heading", name="Mina åtgärder", level=1)).to_be_visible()
    assert f"{total} / {total}" in page.locator(".card .big").inner_text()


def test_my_measures_and_report_form_have_no_accessibility_violations(page, site):
    open_round(ActionPlan.objects.get(slug=PLAN_SLUG))
    log_in(page, site, "rapportor.soc")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Skriv rapport 2.1.3 SoC").click()
    assert axe_violations(page) == []
