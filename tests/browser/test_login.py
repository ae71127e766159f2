from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, log_in


def test_login_page_is_swedish_and_lets_a_reporter_in(page, site):
    page.goto(f"{site}/")
    assert page.locator("html").get_attribute("lang") == "sv"
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    log_in(page, site, "rapportor.soc")
    expect(page.get_by_role("heading", name="Mina åtgärder")).to_be_visible()


def test_wrong_password_gets_a_swedish_error(page, site):
    page.goto(f"{site}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("rapportor.soc")
    page.get_by_label("Lösenord").fill("fel")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("alert")).to_contain_text("korrekt användarnamn och lösenord")


def test_login_page_has_no_accessibility_violations(page, site):
    page.goto(f"{site}/konto/logga-in/")
    assert axe_violations(page) == []
