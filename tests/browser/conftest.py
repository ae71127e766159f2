"""Browser tests: Playwright drives Debian's chromium (never a downloaded browser)."""

import functools
import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.conftest import DEMO_PASSWORD, load_real_plan

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Assertions wait for the page as patiently as actions do: after a click the next page may still be
# loading on a busy CI machine, so a check must wait for it rather than read the page once.
WAIT_MS = 15_000
expect.set_options(timeout=WAIT_MS)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's base URL, with the real plan and demo users loaded."""
    load_real_plan()
    return live_server.url


@pytest.fixture
def task_worker(site):
    """The database backend's task worker, polling in a thread next to the live server. An in-memory
    SQLite test database is one connection, shared as the live server shares it; PostgreSQL gets its own."""
    import threading

    from django.db import connections
    from django_tasks_db.models import DBTaskResult

    from tests.worker import run_tasks

    shared = {
        conn.alias: conn for conn in connections.all() if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    for conn in shared.values():
        conn.inc_thread_sharing()
    stop, errors = threading.Event(), []

    def work():
        for alias, conn in shared.items():
            connections[alias] = conn
        try:
            while not stop.is_set():
                if DBTaskResult.objects.ready().exists():
                    run_tasks()
                stop.wait(0.2)
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            if not shared:
                connections.close_all()

    thread = threading.Thread(target=work, name="task-worker", daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join(timeout=120)
    for conn in shared.values():
        conn.dec_thread_sharing()
    assert not errors, errors


# Records every Content Security Policy violation the page reports (the policy is on in every test).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  (window.__cspViolations = window.__cspViolations || []).push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    violations.extend(csp_violations(page))
    context.close()
    assert not violations, f"Content Security Policy violations: {violations}"


def csp_violations(page):
    try:
        return page.evaluate("window.__cspViolations || []")
    except Exception:  # the page is navigating; its console messages are still caught
        return []


def log_in(page, site, username):
    page.goto(f"{site}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


@functools.cache
def _axe_source() -> str:
    return AXE.read_text()


def axe_violations(page, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")):
    """Runs axe-core (from the npm registry) and returns the violations.

    Evaluated through the DevTools protocol rather than added as an inline <script>, which the page's
    Content Security Policy rightly blocks. Injected once per loaded page (a resize keeps it)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    return page.evaluate("async (tags) => (await axe.run(document, {runOnly: tags})).violations", list(tags))
