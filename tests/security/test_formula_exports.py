"""Every spreadsheet and CSV the app writes stores user text that starts like a formula as text:
= + - @ tab and carriage return (measures/spreadsheet.py is the one sanitizer)."""

import csv
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from governance.models import DecisionBody, Office
from measures.models import Activity, ExpectedResult, Measure
from measures.status import MeasureStatus
from reporting import writers
from reporting.annual_report import assemble
from tests.conftest import PLAN_SLUG
from tests.factories import annual_round, submit_report

DANGEROUS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def formula_text(plan):
    """Six measures, activities, expected results and offices whose text starts like a formula."""
    measures = list(Measure.objects.filter(plan=plan).order_by("sort_key")[:6])
    for measure, value in zip(measures, DANGEROUS, strict=True):
        Measure.objects.filter(pk=measure.pk).update(need=value)
        Activity.objects.filter(pk=measure.activities.first().pk).update(text=value)
        ExpectedResult.objects.filter(pk=measure.expected_results.first().pk).update(text=value)
    offices = Office.objects.filter(responsibilities__isnull=False).distinct().order_by("pk")
    planted = []
    for office, value in zip(offices, DANGEROUS, strict=False):
        Office.objects.filter(pk=office.pk).update(abbreviation=value[:20])
        planted.append(value[:20])
    assert len(planted) >= 4
    return planted


def assert_xlsx_holds_text_only(data: bytes, planted):
    cells = [
        c for sheet in load_workbook(io.BytesIO(data)).worksheets for row in sheet.iter_rows() for c in row
    ]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value: cell for cell in cells if isinstance(cell.value, str)}
    for value in planted:
        if value.startswith("\r"):
            continue  # XML turns a leading carriage return into a line break; the cell is text either way
        assert value in texts and texts[value].data_type == "s", repr(value)


def assert_csv_escapes(text: str, planted):
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert not [cell for cell in cells if cell.startswith(PREFIXES)]
    for value in planted:
        assert "'" + value in cells, repr(value)


def admin_export(client, model, format):
    page = client.get(f"/admin/measures/{model}/export/")
    form = page.context["form"]
    data = {name: "on" for name, field in form.fields.items() if field.widget.input_type == "checkbox"}
    data.update({"format": format, "resource": "0"})
    response = client.post(f"/admin/measures/{model}/export/", data)
    assert response.status_code == 200, response.content[:300]
    return response.content


ADMIN_EXPORTS = ["measure", "activity", "expectedresult", "responsibility"]


@pytest.mark.parametrize("model", ADMIN_EXPORTS)
def test_admin_csv_export_escapes_formula_like_text(client_for, formula_text, model):
    text = admin_export(client_for("processledare"), model, "0").decode("utf-8-sig")
    planted = formula_text if model == "responsibility" else DANGEROUS
    assert_csv_escapes(text, planted)


@pytest.mark.parametrize("model", ADMIN_EXPORTS)
def test_admin_xlsx_export_stores_formula_like_text_as_text(client_for, formula_text, model):
    data = admin_export(client_for("processledare"), model, "1")
    planted = formula_text if model == "responsibility" else DANGEROUS
    assert_xlsx_holds_text_only(data, planted)


def export_plan(fmt, tmp_path):
    out = tmp_path / f"plan.{fmt}"
    call_command("export_plan", PLAN_SLUG, "--format", fmt, "--output", str(out))
    return out.read_bytes()


def test_export_plan_csv_escapes_formula_like_text(formula_text, tmp_path):
    assert_csv_escapes(export_plan("csv", tmp_path).decode("utf-8-sig"), DANGEROUS)


def test_export_plan_xlsx_stores_formula_like_text_as_text(formula_text, tmp_path):
    assert_xlsx_holds_text_only(export_plan("xlsx", tmp_path), DANGEROUS)


def test_annual_report_xlsx_stores_formula_like_text_as_text(plan):
    round = annual_round(plan, 2022)
    report = round.reports.get(measure__code="2.1.1", is_lead=True)
    submit_report(
        report,
        status=MeasureStatus.IN_PROGRESS,
        done=DANGEROUS[0],
        results=DANGEROUS[1],
        deviations=DANGEROUS[2],
    )
    content = assemble(
        plan=plan,
        round=round,
        decision_body=DecisionBody.objects.get(slug="direktionen"),
        whole_plan=False,
        diary_number=DANGEROUS[3],
        author=DANGEROUS[4],
    )
    assert_xlsx_holds_text_only(writers.write_xlsx(content), DANGEROUS[:5])
