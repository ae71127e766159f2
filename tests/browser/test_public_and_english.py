"""The public page and the English interface in a real browser (issue 13)."""

import re

import pytest
from playwright.sync_api import expect

from measures.status import MeasureStatus, TrafficLight
from plan.models import ActionPlan
from reporting.services import round_close
from tests.browser.conftest import DEMO_PASSWORD, axe_violations
from tests.browser.test_reflow import OVERFLOW, WCAG
from tests.conftest import PLAN_SLUG
from tests.factories import annual_round, submit_report
from tests.public.conftest import lead_report
from tests.reporting.conftest import open_round


def test_a_reporter_switches_to_english_on_the_login_page_and_reports_in_english(page, site):
    open_round(ActionPlan.objects.get(slug=PLAN_SLUG), name="Årsuppföljning 2026")
    page.goto(f"{site}/konto/logga-in/")
    page.get_by_role("button", name="In English").click()
    expect(page.get_by_role("heading", name="Log in", level=1)).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url == f"{site}/konto/logga-in/"  # the Swedish, unprefixed address
    assert axe_violations(page) == []
    page.get_by_label("User name").fill("rapportor.soc")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()

    expect(page.get_by_role("heading", name="My measures", level=1)).to_be_visible()
    page.get_by_role("link", name="Write report 2.1.3 SoC").click()
    assert axe_violations(page) == []
    page.get_by_role("radio", name="In progress", exact=True).check()
    page.get_by_label("Green – according to plan").check()
    page.get_by_label("What has been done during the period").fill("Two groups for children have started.")
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("The report for 2.1.3 is submitted.")

    page.get_by_role("button", name="På svenska").click()
    assert page.locator("html").get_attribute("lang") == "sv"


@pytest.fixture
def published(site):
    plan = ActionPlan.objects.get(slug=PLAN_SLUG)
    plan.published = True
    plan.save()
    round = annual_round(plan, 2025)
    submit_report(
        lead_report(round, "2.1.3"),
        status=MeasureStatus.IN_PROGRESS,
        light=TrafficLight.YELLOW,
        done="Föräldragrupper har startat i Rimbo.",
    )
    round_close(round=round)
    return plan


PUBLIC_PATHS = [
    f"/planer/{PLAN_SLUG}/",
    f"/planer/{PLAN_SLUG}/?sok=grupp",
    f"/planer/{PLAN_SLUG}/malomraden/1/",
    f"/planer/{PLAN_SLUG}/verksamheter/SoC/",
    f"/planer/{PLAN_SLUG}/atgardsbehov/2.1.3/",
    f"/planer/{PLAN_SLUG}/oppna-data/",
]


def problems_at(page, url, width) -> dict:
    """320 px: the phone width (WCAG 1.4.10); 640 px: 1280 px at 200 % zoom. Both without sideways scroll,
    and clean for axe-core."""
    page.set_viewport_size({"width": width, "height": 700})
    response = page.goto(url)
    if response.status != 200:
        return {"status": response.status}
    found = page.evaluate(OVERFLOW)
    found["page"] = max(found["page"] - width, 0)
    found["axe"] = [v["id"] for v in axe_violations(page, WCAG)]
    return {key: value for key, value in found.items() if value}


def test_public_pages_are_accessible_in_both_languages_at_320_px_and_200_percent_zoom(page, site, published):
    problems = {}
    for language, switch in (("sv", None), ("en", "In English")):
        if switch:
            page.goto(site + PUBLIC_PATHS[0])
            page.get_by_role("button", name=switch).click()
            assert page.locator("html").get_attribute("lang") == language
        for path in PUBLIC_PATHS:
            for width in (320, 640):
                if found := problems_at(page, site + path, width):
                    problems[f"{language} {width} {path}"] = found
    assert problems == {}


def test_an_anonymous_visitor_browses_from_the_plan_to_a_measure(page, site, published):
    page.goto(f"{site}/planer/{PLAN_SLUG}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(published.name)
    page.get_by_role("link", name="2.1.3", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^" + re.escape("2.1.3")))
    expect(page.get_by_text("Föräldragrupper har startat i Rimbo.")).to_be_visible()
