"""The plan as open data: manage.py export_plan and the read-only JSON API."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.conftest import PLAN_SLUG
from tests.plan_text import measure_blocks, responsible_offices, target_area_names


def export(fmt, tmp_path):
    out = tmp_path / f"plan.{fmt}"
    call_command("export_plan", PLAN_SLUG, "--format", fmt, "--output", str(out))
    return out.read_bytes()


def test_json_export_lists_the_eight_target_areas_and_25_measures_of_the_plan(plan, tmp_path):
    data = json.loads(export("json", tmp_path))
    assert data["plan"] == {**data["plan"], "slug": PLAN_SLUG, "name": plan.name}
    assert [(a["number"], a["name"]) for a in data["target_areas"]] == list(enumerate(target_area_names(), 1))
    assert [m["code"] for m in data["measures"]] == sorted(measure_blocks(), key=lambda c: c.split("."))
    for measure in data["measures"]:
        assert measure["target_area"] == int(measure["code"].split(".")[1])
        assert measure["responsible_offices"] == responsible_offices(measure["code"])
        assert measure["activities"] and measure["expected_results"] and measure["need"] and measure["status"]


def test_json_export_goes_to_stdout_without_output_option(plan, capfdbinary):
    call_command("export_plan", PLAN_SLUG)
    data = json.loads(capfdbinary.readouterr().out)
    assert len(data["measures"]) == 25


def test_csv_export_has_a_row_per_measure_with_offices_lead_first(plan, tmp_path):
    rows = list(csv.reader(io.StringIO(export("csv", tmp_path).decode("utf-8-sig"))))
    assert rows[0][0] == "Nummer"
    body = {row[0]: row for row in rows[1:]}
    assert len(body) == 25
    assert body["2.2.4"][5] == ", ".join(responsible_offices("2.2.4"))


def test_xlsx_export_has_a_filterable_sheet_of_measures(plan, tmp_path):
    sheet = load_workbook(io.BytesIO(export("xlsx", tmp_path))).active
    assert sheet.max_row == 26
    assert sheet.auto_filter.ref
    assert sheet["A2"].value == "2.1.1"


def test_unknown_plan_slug_is_a_clear_error(db):
    with pytest.raises(CommandError, match="Ingen plan med kortkoden"):
        call_command("export_plan", "finns-inte")


def test_public_api_lists_plans_without_login(client, plan):
    response = client.get("/api/plans.json")
    assert response.status_code == 200
    assert {"slug": PLAN_SLUG, "name": plan.name} in response.json()["plans"]


def test_public_api_serves_the_same_json_as_the_export(client, plan, tmp_path):
    response = client.get(f"/api/plans/{PLAN_SLUG}.json")
    assert response.status_code == 200
    assert response.json() == json.loads(export("json", tmp_path))


def test_public_api_is_read_only_and_404s_unknown_plans(client, plan):
    assert client.get("/api/plans/finns-inte.json").status_code == 404
    assert client.post(f"/api/plans/{PLAN_SLUG}.json").status_code == 405


def test_text_that_starts_like_a_formula_is_never_a_formula_in_xlsx_or_csv(plan, tmp_path):
    plan.measures.filter(code="2.1.1").update(need='=HYPERLINK("http://example.invalid")')
    sheet = load_workbook(io.BytesIO(export("xlsx", tmp_path))).active
    cell = sheet["C2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.invalid")', "s")
    rows = list(csv.reader(io.StringIO(export("csv", tmp_path).decode("utf-8-sig"))))
    assert rows[1][2] == '\'=HYPERLINK("http://example.invalid")'
