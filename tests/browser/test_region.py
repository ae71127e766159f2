"""The region's way through the app: the plans side by side, then one target area in the second
municipality's own list; and a reporter of that municipality who sees only their plan."""

import os

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, log_in

DEMO = "demokommun-psykisk-halsa-demo"


@pytest.fixture
def region_site(site):
    call_command("loaddata", str(settings.BASE_DIR / "fixtures" / "demo_region.json"), verbosity=0)
    call_command("load_demo_users", force=True, stdout=open(os.devnull, "w"))
    return site


def test_a_regional_reader_follows_a_target_area_into_the_second_plans_list(page, region_site):
    log_in(page, region_site, "region")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Regionen").click()
    expect(page.get_by_role("heading", name="Regionen: planerna sida vid sida", level=1)).to_be_visible()
    assert axe_violations(page) == []
    area = page.get_by_role("region", name="1. Det tidiga livets villkor")
    area.get_by_role("link", name="Demokommun (demo): Psykisk hälsa för alla").click()
    expect(page.get_by_role("heading", name="Åtgärdslista", level=1)).to_be_visible()
    assert f"/planer/{DEMO}/atgarder/" in page.url and "malomrade=1" in page.url
    expect(page.get_by_text("Föräldrar till små barn saknar stöd i föräldraskapet.")).to_be_visible()


def test_a_reporter_of_the_second_municipality_sees_only_their_plan(page, region_site):
    log_in(page, region_site, "rapportor.demo")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Åtgärdslista").click()
    expect(page.get_by_text("Föräldrar till små barn saknar stöd i föräldraskapet.")).to_be_visible()
    assert f"/planer/{DEMO}/atgarder/" in page.url
    page.goto(f"{region_site}/region/")
    expect(page.get_by_role("link", name="Demokommun (demo): Psykisk hälsa för alla").first).to_be_visible()
    assert page.get_by_role("link", name="Tillsammans för psykisk hälsa").count() == 0
    response = page.goto(f"{region_site}/planer/tillsammans-for-psykisk-halsa/atgarder/")
    assert response.status == 404
