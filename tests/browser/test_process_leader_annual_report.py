"""The process leader's annual report, in a real browser: preview, the three files, and fastställ."""

import io

from playwright.sync_api import expect
from pypdf import PdfReader

from plan.models import ActionPlan
from reporting.services import round_close
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import PLAN_SLUG
from tests.factories import annual_round, submit_all

# Rendering a document runs inside the request (freezing renders all three in the task worker): on a loaded
# CI machine that can take longer than the default 15 s wait.
RENDER_TIMEOUT = 90_000


def test_process_leader_previews_and_downloads_the_direktionen_report_in_all_three_formats(page, site):
    submit_all(annual_round(ActionPlan.objects.get(slug=PLAN_SLUG), 2022))
    log_in(page, site, "processledare")
    page.get_by_role("link", name="Årsrapport").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Årsrapport till Direktionen och Kommunstyrelsen"
    )
    page.get_by_label("Uppföljningsomgång").select_option(
        label="Årsuppföljning 2022 (2022-01-01 – 2022-12-31)"
    )
    page.get_by_label("Mottagare").select_option(label="Direktionen (Kommunalförbundet)")
    page.get_by_label("Diarienummer").fill("KSON 2023/17")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Förhandsgranska").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Årsuppföljning 2022 till Direktionen – Tillsammans för psykisk hälsa"
    )
    expect(
        page.get_by_text("Till Direktionen, Kommunalförbundet Sjukvård och omsorg i Norrtälje")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="2.1.1 Väntetiderna", level=3)).to_be_visible()
    assert axe_violations(page) == []

    files = {}
    for button, suffix in (("Ladda ner PDF", "pdf"), ("Ladda ner Word", "docx"), ("Ladda ner Excel", "xlsx")):
        with page.expect_download(timeout=RENDER_TIMEOUT) as download:
            page.get_by_role("button", name=button).click(timeout=RENDER_TIMEOUT)
        assert download.value.suggested_filename == f"arsuppfoljning-2022-direktionen.{suffix}"
        with open(download.value.path(), "rb") as stored:
            files[suffix] = stored.read()
    assert "KSON 2023/17" in PdfReader(io.BytesIO(files["pdf"])).pages[0].extract_text()
    assert files["docx"].startswith(b"PK") and files["xlsx"].startswith(b"PK")


def test_process_leader_freezes_the_report_and_finds_it_in_the_list(page, site, task_worker):
    round = annual_round(ActionPlan.objects.get(slug=PLAN_SLUG), 2022)
    submit_all(round)
    round_close(round=round)  # only a closed annual round can be fastställd
    log_in(page, site, "processledare")
    page.goto(f"{site}/planer/{PLAN_SLUG}/arsrapport/")
    page.get_by_label("Mottagare").select_option(label="Kommunstyrelsen (Norrtälje kommun)")
    page.get_by_role("button", name="Förhandsgranska").click()
    page.get_by_role("button", name="Fastställ rapporten").click()
    # The request only queues the job: its page answers at once and follows the worker's progress.
    expect(page.get_by_role("heading", level=1)).to_have_text("Fastställ årsrapporten")
    page.get_by_role("link", name="Ladda ner PDF").wait_for(timeout=RENDER_TIMEOUT)
    expect(page.get_by_role("status").first).to_contain_text("Rapporten är fastställd")
    expect(page.get_by_role("link", name="Ladda ner Excel")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Visa den fastställda rapporten").click()
    expect(page.get_by_role("link", name="Ladda ner PDF")).to_be_visible()
    page.get_by_role("link", name="Fastställda årsrapporter").click()
    expect(
        page.get_by_role(
            "link", name="Årsuppföljning 2022 till Kommunstyrelsen – Tillsammans för psykisk hälsa"
        )
    ).to_be_visible()
