"""The plan's open data carries the indicator definitions and values; the CSV reads back in the import."""

import io
import json

from openpyxl import load_workbook

from measures.indicator_import import parse_csv
from measures.indicators import Indicator, IndicatorValue
from measures.models import Measure
from tests.conftest import PLAN_SLUG


def ohalsotal(plan):
    indicator = Indicator.objects.create(
        source="kolada", source_id="N00957", title="Ohälsotal", unit="dagar", better="lower"
    )
    indicator.measures.add(Measure.objects.get(plan=plan, code="2.6.1"))
    IndicatorValue.objects.create(indicator=indicator, area_code="0188", period=2021, value=30.5)
    IndicatorValue.objects.create(
        indicator=indicator, area_code="0188", period=2022, value=None, status="Missing"
    )
    return indicator


def test_the_plans_json_lists_indicators_with_their_values_and_missing_as_null(client, plan):
    ohalsotal(plan)
    data = json.loads(client.get(f"/api/plans/{PLAN_SLUG}.json").content)
    (indicator,) = data["indicators"]
    assert (indicator["source_id"], indicator["measures"], indicator["better"]) == (
        "N00957",
        ["2.6.1"],
        "lower",
    )
    assert [(v["period"], v["value"]) for v in indicator["values"]] == [(2021, 30.5), (2022, None)]


def test_the_indicator_csv_is_public_and_reads_back_in_the_import_unchanged(client, plan):
    ohalsotal(plan)
    response = client.get(f"/api/plans/{PLAN_SLUG}/indicators.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    parsed = parse_csv(response.content)
    assert not parsed.errors
    assert [(r.indicator, r.area, r.period, r.value, r.status) for r in parsed.rows] == [
        ("N00957", "0188", 2021, 30.5, ""),
        ("N00957", "0188", 2022, None, "Missing"),
    ]


def test_the_xlsx_export_has_a_sheet_of_indicator_values(plan, tmp_path):
    from django.core.management import call_command

    ohalsotal(plan)
    out = tmp_path / "plan.xlsx"
    call_command("export_plan", PLAN_SLUG, "--format", "xlsx", "--output", str(out))
    sheet = load_workbook(io.BytesIO(out.read_bytes()))["Indikatorer"]
    assert [c.value for c in sheet[2]][:6] == ["kolada", "N00957", "0188", 2021, "T", 30.5]
