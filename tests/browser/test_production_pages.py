"""With the Content Security Policy on: the policy bites, the admin works, the idle warning works."""

from playwright.sync_api import expect

from tests.browser.conftest import CSP_LISTENER, axe_violations, csp_violations, log_in


def test_the_policy_blocks_an_inline_script_and_the_tests_see_it(browser, site):
    context = browser.new_context(locale="sv-SE")
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"{site}/konto/logga-in/")
    page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.ran = 1";
                     document.body.append(s); }""")
    page.wait_for_function("(window.__cspViolations || []).length > 0")
    assert page.evaluate("window.ran") is None
    assert csp_violations(page) and any("Content Security Policy" in text for text in console)
    context.close()


def test_admin_pages_work_under_the_policy(page, site):
    log_in(page, site, "admin")
    page.goto(f"{site}/admin/")
    expect(
        page.get_by_role("heading", name="Administration av handlingsplaner och uppföljning")
    ).to_be_visible()
    page.goto(f"{site}/admin/measures/measure/")
    page.get_by_role("link", name="2.1.1").first.click()
    page.wait_for_load_state()
    expect(page.locator("#measure_form")).to_be_visible()
    page.goto(f"{site}/admin/measures/measure/import/")
    assert page.locator("input[type=file]").count() == 1


def test_idle_warning_appears_before_logout_and_stay_logged_in_renews(page, site):
    page.clock.install()
    log_in(page, site, "rapportor.soc")
    warning = page.get_by_role("alertdialog")
    assert warning.is_hidden()
    page.clock.run_for("28:01")
    assert warning.is_visible() and "Du loggas ut om 2 minuter" in warning.inner_text()
    with page.expect_response("**/konto/stanna-inloggad/") as response:
        warning.get_by_role("button", name="Stanna inloggad").click()
    assert response.value.status == 204
    page.wait_for_function("document.getElementById('session-warning').hidden")
    page.clock.run_for("29:00")
    assert warning.is_visible() and "Stanna inloggad" in warning.inner_text()


def test_accessibility_statement_has_digg_contents_and_no_violations(page, site):
    page.goto(f"{site}/tillganglighet/")
    text = page.locator("main").inner_text()
    assert "delvis förenlig med lagen om tillgänglighet till digital offentlig service" in text
    assert "Senaste bedömningen gjordes den" in text and "uppdaterades senast den" in text
    assert page.get_by_role("link", name="kontakta Digg och påtala det").get_attribute("href") == (
        "https://www.digg.se/tdosanmalan"
    )
    assert axe_violations(page) == []
