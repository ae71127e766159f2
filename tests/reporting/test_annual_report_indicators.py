"""The annual report's indicator section: per target area, the indicators with their last values and the
direction since the plan started, in the PDF, Word and Excel files alike; left out when there is none."""

import datetime
import io

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from governance.models import DecisionBody
from measures.indicators import Indicator, IndicatorValue
from measures.models import Measure
from reporting import writers
from reporting.annual_report import assemble
from tests.factories import annual_round, submit_all_fast
from tests.reporting.test_annual_report_queries import ASSEMBLY_QUERIES

CREATED = datetime.datetime(2023, 2, 20, 9, 30, tzinfo=datetime.UTC)


def ohalsotal(plan):
    """Lower is better; 30 in 2021 (the plan's first year), 28 in 2022, and a 2023 value after the report."""
    indicator = Indicator.objects.create(
        source="kolada", source_id="N00957", title="Ohälsotal", unit="dagar", better="lower", target_value=25
    )
    indicator.measures.add(Measure.objects.get(plan=plan, code="2.6.1"))
    for year, value in ((2020, 31.0), (2021, 30.0), (2022, 28.0), (2023, 40.0)):
        IndicatorValue.objects.create(indicator=indicator, area_code="0188", period=year, value=value)
        IndicatorValue.objects.create(indicator=indicator, area_code="0000", period=year, value=value - 5)
    IndicatorValue.objects.create(indicator=indicator, area_code="0188", period=2022, gender="K", value=33.5)
    return indicator


def content_for(plan, with_indicators=True):
    if with_indicators:
        ohalsotal(plan)
    round = annual_round(plan, 2022)
    submit_all_fast(round)
    body = DecisionBody.objects.get(slug="kommunstyrelsen")
    return assemble(plan=plan, round=round, decision_body=body, whole_plan=True, today=CREATED.date())


def test_the_assembled_section_holds_the_last_values_up_to_the_reports_year_and_the_direction(plan):
    content = content_for(plan)
    (area,) = content["indicators"]
    (entry,) = area["indicators"]
    assert area["number"] == Measure.objects.get(plan=plan, code="2.6.1").target_area.number
    assert (entry["latest_year"], entry["latest_text"], entry["national_text"]) == (2022, "28", "23")
    assert (entry["start_year"], entry["start_text"], entry["women_text"]) == (2021, "30", "33,5")
    assert entry["trend"] == "better" and entry["measures"] == ["2.6.1"]


def test_pdf_word_and_excel_carry_the_indicator_section(plan):
    content = content_for(plan)
    pdf = " ".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(writers.write_pdf(content, created=CREATED))).pages
    )
    assert "Indikatorer per målområde" in pdf and "Ohälsotal (dagar)" in pdf and "Bättre" in pdf

    doc = Document(io.BytesIO(writers.write_docx(content, created=CREATED)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Indikatorer per målområde" in headings
    rows = [[cell.text for cell in row.cells] for table in doc.tables for row in table.rows]
    assert ["28 (2022)", "23", "30 (2021)", "Bättre", "25"] in [row[1:] for row in rows]

    book = load_workbook(io.BytesIO(writers.write_xlsx(content, created=CREATED)))
    sheet = book["Indikatorer"]
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert (row["Indikator"], row["Senaste år"], row["Senaste värde"], row["Utveckling"]) == (
        "Ohälsotal",
        2022,
        "28",
        "Bättre",
    )


def test_a_report_without_indicators_leaves_the_section_out(plan):
    content = content_for(plan, with_indicators=False)
    assert content["indicators"] == []
    doc = Document(io.BytesIO(writers.write_docx(content, created=CREATED)))
    assert "Indikatorer per målområde" not in [p.text for p in doc.paragraphs]
    assert (
        "Indikatorer"
        not in load_workbook(io.BytesIO(writers.write_xlsx(content, created=CREATED))).sheetnames
    )


@pytest.mark.parametrize("count", [10, 200])
def test_assembly_with_indicators_costs_a_constant_number_of_queries(
    plan, django_assert_max_num_queries, count
):
    indicators = Indicator.objects.bulk_create(
        Indicator(source="kolada", source_id=f"N{n:05d}", title=f"Indikator {n}") for n in range(count)
    )
    measure = Measure.objects.get(plan=plan, code="2.6.1")
    for indicator in indicators:
        indicator.measures.add(measure)
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=i, area_code="0188", period=year, gender=g, value=year)
        for i in indicators
        for year in range(2013, 2023)
        for g in "TKM"
    )
    round = annual_round(plan, 2022)
    body = DecisionBody.objects.get(slug="kommunstyrelsen")
    # The assembly's queries, plus the indicators' target areas, measures and values.
    with django_assert_max_num_queries(ASSEMBLY_QUERIES + 3):
        content = assemble(plan=plan, round=round, decision_body=body, whole_plan=True)
    assert len(content["indicators"][0]["indicators"]) == count
