"""The steering group's way through the app: dashboard, a number, its list, a measure and its decisions."""

import datetime

import pytest
from playwright.sync_api import expect

from measures.status import MeasureStatus, TrafficLight
from plan.models import ActionPlan
from reporting.models import Decision, Meeting
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import PLAN_SLUG
from tests.factories import annual_round, submit


@pytest.fixture
def steering_site(site):
    """The real plan with two rounds of reports and a meeting whose decision concerns 2.1.1."""
    plan = ActionPlan.objects.get(slug=PLAN_SLUG)
    earlier = annual_round(plan, 2023)
    submit(earlier, "2.1.1", MeasureStatus.IN_PROGRESS, TrafficLight.YELLOW)
    latest = annual_round(plan, 2024, deadline=datetime.date(2025, 1, 31))
    submit(latest, "2.1.1", MeasureStatus.DONE, TrafficLight.GREEN)
    submit(latest, "2.2.1", MeasureStatus.IN_PROGRESS, TrafficLight.RED)
    meeting = Meeting.objects.create(steering_group=plan.steering_group, date=datetime.date(2025, 2, 10))
    decision = Decision.objects.create(
        meeting=meeting, number="SG 2025:3", text="Föräldraskapsstödet övergår i ordinarie verksamhet."
    )
    decision.measures.add(plan.measures.get(code="2.1.1"))
    return site


def test_steering_group_follows_a_number_to_its_list_and_a_measure_with_its_decisions(page, steering_site):
    log_in(page, steering_site, "styrgrupp")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Översikt").click()
    expect(page.get_by_role("heading", name="Översikt", level=1)).to_be_visible()
    overall = page.locator("section[aria-labelledby='status'] table")
    overall.get_by_role("row", name="Hela planen").locator("a[href*='status=done']").click()
    expect(page.get_by_role("heading", name="Åtgärdslista", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="1 åtgärdsbehov")).to_be_visible()
    assert "status=done" in page.url
    page.get_by_role("link", name="2.1.1", exact=True).click()
    expect(page.get_by_role("heading", name="Styrgruppens beslut")).to_be_visible()
    expect(page.get_by_text("Beslut SG 2025:3")).to_be_visible()
    expect(page.get_by_text("Föräldraskapsstödet övergår i ordinarie verksamhet.")).to_be_visible()


def test_dashboard_has_no_accessibility_violations(page, steering_site):
    log_in(page, steering_site, "styrgrupp")
    page.goto(f"{steering_site}/planer/{PLAN_SLUG}/oversikt/")
    assert axe_violations(page) == []


def test_measure_list_has_no_accessibility_violations(page, steering_site):
    log_in(page, steering_site, "styrgrupp")
    page.goto(f"{steering_site}/planer/{PLAN_SLUG}/atgarder/?status=bogus&sortera=status")
    expect(page.get_by_role("alert")).to_be_visible()
    assert axe_violations(page) == []


def test_governance_pages_have_no_accessibility_violations(page, steering_site):
    log_in(page, steering_site, "styrgrupp")
    for path in ["organisation/", "styrgrupp/moten/", "styrgrupp/moten/nytt/", "stimulansmedel/"]:
        page.goto(f"{steering_site}/planer/{PLAN_SLUG}/{path}")
        assert axe_violations(page) == [], path


def test_dashboard_number_can_be_reached_and_followed_with_the_keyboard(page, steering_site):
    log_in(page, steering_site, "styrgrupp")
    page.goto(f"{steering_site}/planer/{PLAN_SLUG}/oversikt/")
    link = page.locator("section[aria-labelledby='status'] a[href*='status=in_progress']").first
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Åtgärdslista", level=1)).to_be_visible()
    assert "2.2.1" in page.locator("table").inner_text()
