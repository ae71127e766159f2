from tests.browser.conftest import axe_violations, log_in


def test_login_page_is_swedish_and_lets_a_reporter_in(page, site):
    page.goto(f"{site}/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", name="Logga in").is_visible()
    log_in(page, site, "rapportor.soc")
    assert page.get_by_role("heading", name="Mina åtgärder").is_visible()


def test_wrong_password_gets_a_swedish_error(page, site):
    page.goto(f"{site}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("rapportor.soc")
    page.get_by_label("Lösenord").fill("fel")
    page.get_by_role("button", name="Logga in").click()
    assert "korrekt användarnamn och lösenord" in page.get_by_role("alert").inner_text()


def test_login_page_has_no_accessibility_violations(page, site):
    page.goto(f"{site}/konto/logga-in/")
    assert axe_violations(page) == []
