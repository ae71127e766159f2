"""The process leader previews a new plan period and confirms it, in a real browser."""

from playwright.sync_api import expect

from measures.models import Measure
from measures.status import MeasureStatus
from plan.models import ActionPlan
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import PLAN_SLUG


def test_the_process_leader_previews_and_confirms_a_rollover(page, site):
    plan = ActionPlan.objects.get(slug=PLAN_SLUG)
    Measure.objects.filter(plan=plan, code="2.1.2").update(status=MeasureStatus.TRANSFERRED)
    log_in(page, site, "processledare")
    page.goto(f"{site}/uppfoljning/")
    page.get_by_role("link", name=f"Ny planperiod – {plan.name}").click()

    assert page.get_by_label("Kortkod").input_value() == f"{PLAN_SLUG}-2023"
    assert page.get_by_label("Planperioden från (år)").input_value() == "2023"
    assert page.get_by_label("Planperioden till (år)").input_value() == "2024"
    transferred = page.get_by_role("checkbox", name="2.1.2")
    assert transferred.is_disabled() and not transferred.is_checked()
    assert axe_violations(page) == []
    page.get_by_label("Den nya planens namn").fill("Tillsammans för psykisk hälsa 2023–2026")
    page.get_by_label("Planperioden till (år)").fill("2026")
    page.get_by_role("checkbox", name="2.1.1").uncheck()
    page.get_by_role("button", name="Skapa den nya planen").click()

    expect(page.get_by_role("status").first).to_contain_text("är nu skrivskyddad")
    successor = ActionPlan.objects.get(predecessor=plan)
    codes = set(Measure.objects.filter(plan=successor).values_list("code", flat=True))
    assert "2.1.1" not in codes and "2.1.2" not in codes and "2.1.3" in codes
    assert successor.period == "2023–2026"
