"""Open data of a published plan, documented (issue 13): CSV and XLSX of the plan and of the public statuses,
one row per measure × closed round, with a page and a README sheet that define every column."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from measures import open_data
from reporting import public_data
from reporting.models import StatusReport
from tests.public.conftest import MEASURE

pytestmark = pytest.mark.django_db


def download(client, plan, dataset, format):
    response = client.get(reverse("public-download", args=[plan.slug, dataset, format]))
    assert response.status_code == 200
    return response


def test_status_csv_has_one_row_per_measure_and_closed_round(client, open_round_with_reports):
    plan = open_round_with_reports.plan
    rows = list(
        csv.reader(io.StringIO(download(client, plan, "statusar", "csv").content.decode("utf-8-sig")))
    )
    assert rows[0] == [str(label) for _key, label, _d in public_data.STATUS_COLUMNS]
    assert len(rows) == 2  # the one public report: 2.1.3 in the closed round
    row = dict(zip([key for key, _l, _d in public_data.STATUS_COLUMNS], rows[1], strict=True))
    assert (row["code"], row["office"], row["status_code"], row["traffic_light"]) == (
        MEASURE,
        "SoC",
        "in_progress",
        "yellow",
    )
    assert row["deviations_text"] == ""


def test_status_xlsx_has_a_readme_sheet_with_every_column_licence_and_date(client, closed_round):
    book = load_workbook(io.BytesIO(download(client, closed_round.plan, "statusar", "xlsx").content))
    assert book.sheetnames[0] == "README"
    readme = [[cell.value for cell in row] for row in book["README"].iter_rows()]
    labels = {row[0] for row in readme}
    assert {str(label) for _k, label, _d in public_data.STATUS_COLUMNS} <= labels
    assert any("CC0" in str(row[1]) for row in readme if row[0] == "Licens")
    assert any(row[0] == "Uppdaterad" and row[1] for row in readme)
    data = book[book.sheetnames[1]]
    assert data.max_row == 2


def test_plan_csv_and_xlsx_have_every_measure_and_only_closed_round_status(client, open_round_with_reports):
    plan = open_round_with_reports.plan
    rows = list(csv.reader(io.StringIO(download(client, plan, "plan", "csv").content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 25  # the plan's 25 åtgärdsbehov
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code[MEASURE][-1] == "Pågår"  # the closed round's, not the open round's "Klar"
    book = load_workbook(io.BytesIO(download(client, plan, "plan", "xlsx").content))
    assert book.sheetnames == ["README", "Åtgärdsbehov"]


def test_every_column_is_defined_on_the_open_data_page(client, closed_round):
    page = client.get(reverse("public-open-data", args=[closed_round.plan.slug])).content.decode()
    for key, label in open_data.FLAT_COLUMNS:
        assert public_data.PLAN_COLUMN_DESCRIPTIONS[key], key
        assert str(label) in page
    for _key, label, description in public_data.STATUS_COLUMNS:
        assert str(label) in page and str(description) in page
    assert "CC0 1.0 Universal" in page
    assert "Uppdaterad" in page


def test_the_plans_own_licence_is_used(client, closed_round):
    plan = closed_round.plan
    plan.licence = "CC-BY-4.0"
    plan.save()
    data = json.loads(download(client, plan, "statusar", "json").content)
    assert data["licence"]["code"] == "CC-BY-4.0"
    assert data["updated_on"]


def test_downloads_are_formula_safe(client, closed_round):
    report = StatusReport.objects.public().get(round=closed_round)
    report.done_text = '=HYPERLINK("http://evil.example","x")'
    report.save()
    text = download(client, closed_round.plan, "statusar", "csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    book = load_workbook(io.BytesIO(download(client, closed_round.plan, "statusar", "xlsx").content))
    cell = next(
        c
        for row in book[book.sheetnames[1]].iter_rows()
        for c in row
        if c.value and "HYPERLINK" in str(c.value)
    )
    assert cell.data_type == "s"


def test_an_unknown_dataset_is_404(client, published_plan):
    assert client.get(f"/planer/{published_plan.slug}/oppna-data/annat.csv").status_code == 404
    assert client.get(f"/planer/{published_plan.slug}/oppna-data/plan.exe").status_code == 404
