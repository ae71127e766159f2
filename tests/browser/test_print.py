"""The steering group prints Översikt for its meetings: no navigation or buttons on paper, every chart with its
table, and the round and the date in a header."""

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.roles import PLAN, build_plan_in_use, close_pages, logged_in_pages


def test_printed_dashboard_has_no_navigation_and_every_chart_keeps_its_table(browser, site):
    build_plan_in_use()
    pages = logged_in_pages(browser, site, ["styrgrupp"])
    page = pages["styrgrupp"]
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site}{PLAN}/oversikt/")
    page.emulate_media(media="print")
    assert page.locator("nav").evaluate_all("navs => navs.filter(n => n.checkVisibility()).length") == 0
    assert (
        page.locator("main button, header, .filters").evaluate_all(
            "els => els.filter(e => e.checkVisibility()).length"
        )
        == 0
    )
    charts = page.locator(".chart")
    assert charts.count() > 10
    tables = charts.evaluate_all(
        """charts => charts.map(c => {
            const table = c.parentElement.querySelector('table');
            return !!table && table.checkVisibility() && c.checkVisibility();
        })"""
    )
    assert tables == [True] * charts.count()
    header = page.locator(".print-header")
    year = timezone.localdate().year
    expect(header).to_be_visible()
    assert f"Årsuppföljning {year}" in header.inner_text()
    assert f"Utskrivet {timezone.localdate():%Y-%m-%d}" in header.inner_text()
    page.emulate_media(media="screen")
    expect(header).to_be_hidden()
    close_pages(pages)
