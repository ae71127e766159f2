"""Every page of every role reflows at 320 CSS px (WCAG 1.4.10; the same layout as 1280 px at 400 % zoom)
and stays clean for axe-core at 320 and 1280 px."""

import pytest

from tests.browser.conftest import axe_violations
from tests.browser.roles import build_plan_in_use, close_pages, logged_in_pages, pages_by_role

# Sideways scrolling is allowed only inside a labelled, focusable region (the two-dimensional tables).
OVERFLOW = """() => {
  const scrollers = [...document.querySelectorAll('body *')].filter(el => {
    const x = getComputedStyle(el).overflowX;
    return (x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth;
  });
  return {
    page: document.documentElement.scrollWidth,
    unlabelled: scrollers.filter(el => !(el.getAttribute('role') === 'region' && el.getAttribute('aria-label')
      && el.tabIndex === 0)).map(el => el.outerHTML.slice(0, 100)),
  };
}"""
WCAG = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


def check(page, url, axe=True) -> dict:
    """What is wrong with the page at 320 px (and, with axe, for axe-core at 320 and 1280 px); {} if nothing."""
    page.set_viewport_size({"width": 320, "height": 640})
    response = page.goto(url)
    if response.status != 200:
        return {"status": response.status}
    problems = page.evaluate(OVERFLOW)
    if axe:
        problems["axe 320"] = [v["id"] for v in axe_violations(page, WCAG)]
        page.set_viewport_size({"width": 1280, "height": 800})
        problems["axe 1280"] = [v["id"] for v in axe_violations(page, WCAG)]
    problems["page"] = max(problems["page"] - 320, 0)  # how much wider than the screen
    return {key: value for key, value in problems.items() if value}


@pytest.fixture
def pages(site):
    return pages_by_role(build_plan_in_use())


def test_no_page_of_any_role_scrolls_sideways_at_320_px_and_axe_finds_nothing(browser, site, pages):
    logged_in = logged_in_pages(browser, site, pages)
    problems, axed = {}, set()
    # axe-core runs once per page, as the user who sees most of it (the admin comes last in the list);
    # the width is checked for every role, whose pages hold different buttons and rows.
    for username, paths in reversed(pages.items()):
        for path in paths:
            if found := check(logged_in[username], site + path, axe=path not in axed):
                problems[f"{username} {path}"] = found
            axed.add(path)
    close_pages(logged_in)
    assert problems == {}


def test_login_and_accessibility_statement_reflow_at_320_px(browser, site):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    problems = {path: check(page, site + path) for path in ["/konto/logga-in/", "/tillganglighet/"]}
    context.close()
    assert problems == {"/konto/logga-in/": {}, "/tillganglighet/": {}}
