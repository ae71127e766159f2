"""Each role's navigation holds exactly the links of its work, and on a phone it sits behind one "Meny" button
that opens with the keyboard."""

from playwright.sync_api import expect

from tests.browser.roles import close_pages, logged_in_pages

REPORTER = ["Mina åtgärder", "Planen", "Åtgärdslista"]
STEERING_GROUP = ["Mina åtgärder", "Planen", "Översikt", "Åtgärdslista", "Organisation", "Styrgruppsmöten"]
STEERING_GROUP += ["Stimulansmedel"]
PROCESS_LEADER = STEERING_GROUP + ["Uppföljningsomgångar", "Årsrapport"]
EXPECTED = {
    "rapportor.soc": REPORTER,
    "styrgrupp": STEERING_GROUP,
    # The demo process leader is staff, so the admin lets her in and the navigation links to it.
    "processledare": PROCESS_LEADER + ["Administration"],
    "admin": ["Mina åtgärder", "Planen", "Regionen"] + PROCESS_LEADER[2:] + ["Administration"],
    # The region's reader compares the plans and reads each one's overview and list.
    "region": ["Mina åtgärder", "Planen", "Regionen", "Översikt", "Åtgärdslista"],
}


def menu_links(page):
    return page.get_by_role("navigation", name="Huvudmeny").get_by_role("link").all_inner_texts()


def test_each_roles_navigation_holds_exactly_its_links(browser, site):
    pages = logged_in_pages(browser, site, EXPECTED)
    found = {}
    for username, page in pages.items():
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(f"{site}/mina-atgarder/")
        expect(page.get_by_role("navigation", name="Huvudmeny")).to_be_visible()
        found[username] = menu_links(page)
    close_pages(pages)
    assert found == EXPECTED


def test_the_menu_opens_with_the_keyboard_at_320_px(browser, site):
    pages = logged_in_pages(browser, site, ["styrgrupp"])
    page = pages["styrgrupp"]
    page.goto(f"{site}/mina-atgarder/")
    overview = page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Översikt")
    expect(overview).to_be_hidden()
    for _ in range(3):  # skip link, brand, Meny
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Meny"
    page.keyboard.press("Enter")
    expect(overview).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Mina åtgärder"
    page.keyboard.press("Escape")
    expect(overview).to_be_hidden()
    assert page.evaluate("document.activeElement.textContent.trim()") == "Meny"
    close_pages(pages)


def test_the_skip_link_moves_focus_to_the_main_content(browser, site):
    pages = logged_in_pages(browser, site, ["rapportor.soc"])
    page = pages["rapportor.soc"]
    page.goto(f"{site}/mina-atgarder/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till innehållet")
    assert skip.is_visible() and skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    close_pages(pages)
