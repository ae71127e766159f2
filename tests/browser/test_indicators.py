"""The process leader loads Kolada figures in the browser: upload, preview, confirm; the measure page then
shows the indicator's chart with its table, reflows at 320 px and is clean for axe-core."""

import json

from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, log_in
from tests.browser.test_reflow import OVERFLOW, WCAG
from tests.conftest import PLAN_SLUG

PLAN = f"/planer/{PLAN_SLUG}"


def kolada_file(tmp_path):
    """A Kolada /v2/data response for the ohälsotal, Norrtälje and Sweden, total and by gender."""
    entries = [
        {
            "kpi": "N00957",
            "municipality": area,
            "period": year,
            "values": [
                {"gender": gender, "count": 1, "status": "", "value": base + year - 2019 + shift}
                for gender, shift in (("T", 0), ("K", 3), ("M", -3))
            ],
        }
        for area, base in (("0188", 30.0), ("0000", 24.0))
        for year in range(2019, 2024)
    ]
    path = tmp_path / "kolada-N00957.json"
    path.write_text(json.dumps({"values": entries, "count": len(entries)}), encoding="utf-8")
    return path


def test_process_leader_uploads_previews_and_confirms_and_the_measure_page_shows_chart_and_table(
    page, site, tmp_path
):
    call_command("loaddata", str(settings.BASE_DIR / "fixtures" / "indicators_tillsammans.json"), verbosity=0)
    log_in(page, site, "processledare")
    page.goto(f"{site}{PLAN}/indikatorer/import/")
    page.get_by_label("Fil").set_input_files(str(kolada_file(tmp_path)))
    page.get_by_role("button", name="Förhandsgranska").click()
    expect(page.get_by_role("heading", name="Förhandsgranskning")).to_be_visible()
    expect(page.get_by_text("30 nya värden")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Bekräfta och spara").click()
    expect(page.get_by_text("Importen är klar: 30 nya värden")).to_be_visible()

    page.goto(f"{site}{PLAN}/atgarder/2.6.1/")
    panel = page.get_by_role("region", name="Ohälsotal (dagar)", exact=True)
    expect(panel.get_by_role("img", name="Ohälsotal")).to_be_visible()
    table = panel.get_by_role("table", name="Värden per år: Ohälsotal")
    expect(table.get_by_role("row", name="2023")).to_be_visible()
    assert "34" in table.get_by_role("row", name="2023").inner_text()
    expect(panel.get_by_text("Källa: Kolada (N00957)")).to_be_visible()
    assert axe_violations(page, WCAG) == []
    page.set_viewport_size({"width": 320, "height": 640})
    problems = page.evaluate(OVERFLOW)
    assert problems["page"] <= 320 and problems["unlabelled"] == []
