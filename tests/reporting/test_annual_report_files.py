"""The PDF, Word and Excel files, read back with pypdf, python-docx and openpyxl.

One Direktionen report is generated once for the module (a PDF render costs seconds) and every test
reads those files. Its year has what a real year has: long report texts, a measure whose lead office has
not reported (2.1.1), a previous annual round, steering-group decisions and stimulus funds touching
measures inside and outside Direktionen's scope.
"""

import datetime
import io
import re
import types
import zipfile

import openpyxl.writer.excel
import pytest
from django.db import transaction
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from openpyxl import load_workbook
from PIL import ImageFont
from pypdf import PdfReader

from governance.models import DecisionBody, SteeringGroup
from measures.models import Measure
from measures.status import MeasureStatus, TrafficLight
from plan.models import ActionPlan
from reporting import writers
from reporting.annual_report import assemble
from reporting.charts import stacked_bars
from reporting.figures import STATUS_SERIES
from reporting.models import Decision, Meeting, StimulusAllocation, StimulusFundYear
from tests.conftest import PLAN_SLUG
from tests.factories import annual_round, in_scope_codes, submit_all, submit_report
from tests.plan_text import target_area_names

# The module's report is built in the test database, so the database must be set up for these tests.
pytestmark = pytest.mark.django_db

CREATED = datetime.datetime(2023, 2, 20, 9, 30, tzinfo=datetime.UTC)
SCOPE = in_scope_codes("kommunalforbundet")
NOT_REPORTED = "2.1.1"  # in scope; its lead office (KSON) does not report in 2022
OUTSIDE_ALLOCATION = "2.2.1"  # outside Direktionen's scope: funds and a shared decision
OUTSIDE_DECISION = "2.5.1"  # outside: a decision that concerns nothing else
STATUS_LABELS = {str(label) for _, label in MeasureStatus.choices}


def _year_with_everything():
    plan = ActionPlan.objects.get(slug=PLAN_SLUG)
    previous = annual_round(plan, 2021)
    for report in previous.reports.filter(is_lead=True).select_related("measure", "office"):
        submit_report(report, status=MeasureStatus.IN_PROGRESS)
    # The last known status equals last year's: the comparison that must not be printed.
    Measure.objects.filter(plan=plan, code=NOT_REPORTED).update(
        status=MeasureStatus.IN_PROGRESS, traffic_light=TrafficLight.GREEN
    )
    round = annual_round(plan, 2022)
    statuses = submit_all(round, skip_codes={NOT_REPORTED, "2.8.5"}, long_texts=True)

    group, _ = SteeringGroup.objects.get_or_create(plan=plan)
    meeting = Meeting.objects.create(
        steering_group=group, date=datetime.date(2022, 3, 10), location="Norrtälje"
    )
    meeting.agenda_items.create(position=1, title="Fördelning av stimulansmedel")
    shared = Decision.objects.create(meeting=meeting, number="2022:1", text="Stimulansmedel fördelas.")
    shared.measures.set(Measure.objects.filter(plan=plan, code__in=[NOT_REPORTED, OUTSIDE_ALLOCATION]))
    other = Decision.objects.create(meeting=meeting, number="2022:2", text="Uppdrag om suicidprevention.")
    other.measures.set(Measure.objects.filter(plan=plan, code=OUTSIDE_DECISION))
    Decision.objects.create(meeting=meeting, number="2022:3", text="Nästa uppföljning per 31 augusti.")

    fund_year = StimulusFundYear.objects.create(
        plan=plan, year=2022, amount_available=1_000_000, note="Statsbidraget för psykisk hälsa 2022."
    )
    in_scope = Measure.objects.get(plan=plan, code=NOT_REPORTED)
    for measure, purpose, amount in (
        (in_scope, "Gruppverksamhet", 120_000),
        (in_scope, "Utbildning", 30_000),
        (Measure.objects.get(plan=plan, code=OUTSIDE_ALLOCATION), "Elevhälsans kompetensutveckling", 250_000),
        (None, "Samordnare för psykisk hälsa", 380_000),
    ):
        StimulusAllocation.objects.create(
            fund_year=fund_year, measure=measure, purpose=purpose, amount=amount, decision=shared
        )
    content = assemble(
        plan=plan,
        round=round,
        decision_body=DecisionBody.objects.get(slug="direktionen"),
        whole_plan=False,
        diary_number="KSON 2023/17",
        author="Petra Processledare",
        today=datetime.date(2023, 2, 20),
    )
    return content, statuses, in_scope.need


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    """Direktionen's 2022 report and its three files, made once; the data is rolled back afterwards."""
    assert NOT_REPORTED in SCOPE and OUTSIDE_ALLOCATION not in SCOPE and OUTSIDE_DECISION not in SCOPE
    with django_db_blocker.unblock(), transaction.atomic():
        content, statuses, need = _year_with_everything()
        transaction.set_rollback(True)
    pdf = writers.write_pdf(content, created=CREATED)
    return types.SimpleNamespace(
        content=content,
        statuses=statuses,
        need=need,
        pdf=pdf,
        pages=[_flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages],
        docx=writers.write_docx(content, created=CREATED),
        xlsx=writers.write_xlsx(content, created=CREATED),
    )


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def pdf_text(report) -> str:
    return " ".join(report.pages)


def docx(report):
    return Document(io.BytesIO(report.docx))


def docx_text(doc) -> str:
    """Every paragraph and table cell, in document order."""
    return _flat(" ".join(node.text or "" for node in doc.element.body.iter(qn("w:t"))))


def in_order(text: str, items: list[str], start: int = 0) -> bool:
    position = start
    for item in items:
        position = text.find(item, position)
        if position < 0:
            return False
        position += len(item)
    return True


def status_label(status):
    return str(MeasureStatus(status).label)


def entry(content, code):
    return next(m for area in content["target_areas"] for m in area["measures"] if m["code"] == code)


def measure_section(text: str, code: str, following: str) -> str:
    """The text from a measure's heading to the next measure's heading, past the table of contents."""
    body = text.index("Sammanfattning", text.index("Sammanfattning") + 1)
    start = text.index(f"{code} ", text.index("Målområde 1.", body))
    return text[start : text.index(f"{following} ", start)]


# PDF ---------------------------------------------------------------------------------------------


def test_pdf_has_the_cover_every_in_scope_measure_in_order_and_their_statuses(report):
    text = pdf_text(report)
    assert "Årsuppföljning 2022 till Direktionen – Tillsammans för psykisk hälsa" in text
    assert "Till Direktionen" in text
    assert "KSON 2023/17" in text and "Petra Processledare" in text
    body = text.index("Sammanfattning", text.index("Sammanfattning") + 1)  # past the table of contents
    headings = [f"{code} {entry(report.content, code)['need'][:12]}" for code in SCOPE]
    assert in_order(text, headings, body)
    reported = [code for code in SCOPE if code in report.statuses]
    assert in_order(
        text,
        [item for code in reported for item in (code, "Status " + status_label(report.statuses[code]))],
        body,
    )


def test_pdf_declares_swedish_its_title_with_the_receiving_body_and_a_tagged_structure(report):
    reader = PdfReader(io.BytesIO(report.pdf))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv"
    assert reader.metadata.title == "Årsuppföljning 2022 till Direktionen – Tillsammans för psykisk hälsa"
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]


def test_pdf_table_of_contents_gives_page_numbers_and_pages_are_numbered(report):
    assert "Innehåll" in report.pages[1]
    assert re.search(r"Sammanfattning[ .]+3", report.pages[1])
    assert f"Sida 3 av {len(report.pages)}" in report.pages[2]


def test_pdf_bookmarks_are_the_chapters_target_areas_and_measures_only(report):
    outline = PdfReader(io.BytesIO(report.pdf)).outline
    top = [item.title for item in outline if not isinstance(item, list)]
    # A measure's code is chapter 2, target area, number: 2.<area>.<n>.
    areas = [target_area_names()[number - 1] for number in sorted({int(c.split(".")[1]) for c in SCOPE})]
    assert top[:2] == ["Innehåll", "Sammanfattning"]
    assert [t.split(". ", 1)[1] for t in top[2:-3]] == areas
    assert top[-3:] == [
        "Styrgruppens arbete under 2022",
        "Statliga stimulansmedel 2022",
        "Åtgärdsbehov som saknar inlämnad rapport",
    ]
    children = [item.title.split(" ")[0] for group in outline if isinstance(group, list) for item in group]
    assert children == SCOPE
    assert not any(isinstance(item, list) for group in outline if isinstance(group, list) for item in group)


def test_a_measure_running_onto_the_next_page_is_named_in_that_pages_header(report):
    continued = [
        (index, match)
        for index, page in enumerate(report.pages)
        for match in re.findall(r"(2\.\d\.\d) \(forts\.\)", page)
    ]
    assert continued, "with long report texts some measure spans pages"
    for index, code in continued:
        heading = f"{code} {entry(report.content, code)['need'][:20]}"
        started = [i for i, page in enumerate(report.pages) if heading in page and i > 1]
        assert started and started[0] < index, code


def test_pdf_charts_point_to_the_table_with_their_numbers(report):
    text = pdf_text(report)
    for title in ("Status per målområde", "Trafikljus per målområde"):
        assert f"Diagram: {title}. Siffrorna finns i tabellen under diagrammet." in text
        assert f"{title} (samma siffror som i diagrammet)" in text


def test_chart_row_labels_are_wrapped_not_cut():
    label = "8. Jämlik och hälsofrämjande hälso- och sjukvård för alla i kommunen"
    chart = stacked_bars("Status", [(label, {"done": 2})], STATUS_SERIES)
    shown = " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", chart.svg))
    assert shown == label
    assert "…" not in chart.svg


# The same content in every format ----------------------------------------------------------------


def _unmarked(text: str, code: str) -> list[str]:
    """Mentions of a measure code not followed by the out-of-scope mark."""
    mentions = re.finditer(rf"(?<![\d.]){re.escape(code)}(?![\d.])(.{{0,22}})", text)
    return [m.group(0) for m in mentions if not m.group(1).startswith(" (utanför rapporten)")]


@pytest.mark.parametrize("format", ["pdf", "docx"])
def test_direktionen_report_lists_no_decision_or_allocation_outside_its_scope_unmarked(report, format):
    text = pdf_text(report) if format == "pdf" else docx_text(docx(report))
    assert _unmarked(text, OUTSIDE_ALLOCATION) == []
    assert _unmarked(text, OUTSIDE_DECISION) == []
    assert "Elevhälsans kompetensutveckling" not in text
    assert "Uppdrag om suicidprevention" not in text
    # What is listed: the decision on an in-scope measure and the one on the plan as a whole, the
    # whole plan's totals and how much went outside the report.
    assert "Stimulansmedel fördelas" in text and "Nästa uppföljning per 31 augusti" in text
    assert "1 beslut som bara gäller åtgärdsbehov utanför rapporten redovisas inte här." in text
    assert "Stimulansmedel 2022 för hela planen" in text
    assert "varav till åtgärdsbehov utanför rapporten 250 000 kr" in text


@pytest.mark.parametrize("format", ["pdf", "docx"])
def test_a_measure_without_this_years_lead_report_says_so_instead_of_unchanged(report, format):
    text = pdf_text(report) if format == "pdf" else docx_text(docx(report))
    section = measure_section(text, NOT_REPORTED, SCOPE[SCOPE.index(NOT_REPORTED) + 1])
    assert "Förändring sedan förra året Ingen rapport i år" in section
    assert "Oförändrad" not in section
    assert "Oförändrad" in text  # other measures, reported both years, are compared


@pytest.mark.parametrize("format", ["pdf", "docx"])
def test_summary_fund_note_and_missing_reports_are_in_pdf_and_docx_alike(report, format):
    text = pdf_text(report) if format == "pdf" else docx_text(docx(report))
    assert "Statsbidraget för psykisk hälsa 2022." in text
    assert (
        "För dessa åtgärdsbehov har en eller flera ansvariga verksamheter inte lämnat någon rapport" in text
    )
    assert "KSON (ingen rapport alls)" in text
    for title in ("Status per målområde", "Trafikljus per målområde"):
        assert title in text
    assert "Uppgift" not in text and "Värde" not in text


# Word --------------------------------------------------------------------------------------------


def test_docx_has_the_cover_every_in_scope_measure_as_a_heading_in_order_and_their_statuses(report):
    doc = docx(report)
    assert doc.paragraphs[1].style.name == "Title"
    assert doc.paragraphs[1].text == "Årsuppföljning 2022 till Direktionen – Tillsammans för psykisk hälsa"
    assert doc.core_properties.title == doc.paragraphs[1].text
    cover = "\n".join(p.text for p in doc.paragraphs[:10])
    assert "Till: Direktionen" in cover and "KSON 2023/17" in cover
    measure_headings = [p.text.split(" ")[0] for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert [h for h in measure_headings if h in SCOPE] == SCOPE
    status_cells = {
        t.rows[0].cells[0].text.split(" ")[-1]: t.rows[1].cells[1].text
        for t in doc.tables
        if t.rows[1].cells[0].text == "Status"
    }
    assert list(status_cells) == SCOPE
    for code, status in report.statuses.items():
        if code in SCOPE:
            assert status_cells[code] == status_label(status)


def test_docx_uses_real_heading_styles_and_repeating_table_headers(report):
    doc = docx(report)
    level_one = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert level_one[:3] == ["Innehåll", "Sammanfattning", "Målområde 1. Det tidiga livets villkor"]
    assert level_one[-1] == "Åtgärdsbehov som saknar inlämnad rapport"
    assert all(t.rows[0]._tr.trPr is not None and "tblHeader" in t.rows[0]._tr.trPr.xml for t in doc.tables)
    assert doc.core_properties.language == "sv-SE"


def test_docx_table_of_contents_is_written_out_with_the_chapter_and_measure_headings(report):
    doc = docx(report)
    chapters = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"][1:]
    measures = [
        p.text for p in doc.paragraphs if p.style.name == "Heading 2" and p.text.split(" ")[0] in SCOPE
    ]
    toc = [(p.style.name, p.text.rstrip("\t")) for p in doc.paragraphs if p.style.name.startswith("TOC")]
    assert [text for style, text in toc if style == "TOC 1"] == chapters
    assert [text for style, text in toc if style == "TOC 2"] == measures
    # Word can still renew it, with page numbers.
    assert any("TOC" in (node.text or "") for node in doc.element.body.iter(qn("w:instrText")))


def _numbering(doc):
    """numId -> (abstractNumId, start override or None), from the numbering part."""
    found = {}
    for num in doc.part.numbering_part.element.num_lst:
        start = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        found[num.numId] = (num.abstractNumId.val, int(start.get(qn("w:val"))) if start is not None else None)
    return found


def displayed_numbers(doc):
    """[(paragraph text, number Word shows)] for numbered paragraphs, following Word's rules: one
    counter per abstract list, started again where a new numbering instance has a start override."""
    numbering = _numbering(doc)
    style_num = doc.styles["List Number"].element.pPr.numPr.numId.val
    counters, current, shown = {}, {}, []
    for paragraph in doc.paragraphs:
        if paragraph.style.name != "List Number":
            continue
        num_pr = paragraph._p.pPr.numPr
        num_id = num_pr.numId.val if num_pr is not None and num_pr.numId is not None else style_num
        abstract, start = numbering[num_id]
        if current.get(abstract) != num_id and start is not None:
            counters[abstract] = start - 1
        current[abstract] = num_id
        counters[abstract] = counters.get(abstract, 0) + 1
        shown.append((paragraph.text, counters[abstract]))
    return shown


def test_docx_activity_numbering_starts_at_1_for_every_measure(report):
    numbers = dict(displayed_numbers(docx(report)))
    for code in SCOPE:
        activities = entry(report.content, code)["activities"]
        shown = [numbers[f"{a['text']} ({a['status_label'].lower()})"] for a in activities]
        assert shown == list(range(1, len(activities) + 1)), code


FONTS = {
    False: ImageFont.truetype("DejaVuSans.ttf", 10),
    True: ImageFont.truetype("DejaVuSans-Bold.ttf", 10),
}


def test_docx_no_table_column_is_narrower_than_its_longest_word(report):
    doc = docx(report)
    assert doc.styles["Normal"].font.name == "DejaVu Sans" and doc.styles["Normal"].font.size.pt == 10
    margins = doc.styles["Table Grid"].element.find(f".//{qn('w:tblCellMar')}")
    padding = sum(int(margins.find(qn(f"w:{side}")).get(qn("w:w"))) for side in ("left", "right")) / 20
    for table in doc.tables:
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        grid = [int(col.get(qn("w:w"))) / 20 for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        for row_index, row in enumerate(table.rows):
            for cell, width in zip(row.cells, grid, strict=True):
                assert cell.width.pt == pytest.approx(width, abs=1)
                for word in re.split(r"[ \n]+", cell.text):
                    needed = FONTS[row_index == 0].getlength(word) + padding
                    assert needed <= width, (word, needed, width)


def test_docx_amounts_and_counts_are_right_aligned(report):
    doc = docx(report)
    per_measure = next(
        t for t in doc.tables if [c.text for c in t.rows[0].cells] == ["Nr", "Åtgärdsbehov", "Fördelat"]
    )
    assert [c.text for c in per_measure.rows[1].cells] == [NOT_REPORTED, report.need, "150\u00a0000\u00a0kr"]
    assert all(row.cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for row in per_measure.rows)
    counts = next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == ["Status", "Antal"])
    assert all(row.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for row in counts.rows)
    assert all(row.cells[0].paragraphs[0].alignment is None for row in counts.rows)


def test_docx_report_labels_stay_on_the_page_of_their_text(report):
    paragraphs = docx(report).paragraphs
    labels = [(i, p) for i, p in enumerate(paragraphs) if p.text in ("Vad har gjorts", "Nästa steg")]
    assert labels
    for index, paragraph in labels:
        assert paragraph.paragraph_format.keep_with_next
        assert paragraphs[index + 1].text.startswith("Arbetet har fortsatt")


# Excel -------------------------------------------------------------------------------------------


def book(report):
    return load_workbook(io.BytesIO(report.xlsx))


def test_excel_has_the_pdfs_tables_as_sheets(report):
    assert book(report).sheetnames == [
        "Sammanfattning",
        "Trafikljus per målområde",
        "Åtgärdsbehov",
        "Lägesrapporter",
        "Stimulansmedel totalt",
        "Stimulansmedel",
        "Stimulansmedel per åtgärdsbehov",
        "Beslut",
        "Saknade rapporter",
    ]


def test_excel_measure_sheet_is_filterable_with_a_frozen_header_and_a_clean_status_column(report):
    sheet = book(report)["Åtgärdsbehov"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [row["Nr"] for row in rows] == SCOPE
    assert {row["Status"] for row in rows} <= STATUS_LABELS
    note = next(row for row in rows if row["Nr"] == NOT_REPORTED)
    assert note["Status"] == "Pågår" and "har inte lämnat" in note["Anmärkning om status"]
    assert note["Förändring"] == "Ingen rapport i år"


def test_excel_dates_are_dates_and_amounts_are_numbers_in_kronor(report):
    workbook = book(report)
    reports = workbook["Lägesrapporter"]
    column = [cell.value for cell in reports[1]].index("Inlämnad") + 1
    submitted = [row[column - 1] for row in reports.iter_rows(min_row=2)]
    assert submitted and all(isinstance(cell.value, datetime.datetime) and cell.is_date for cell in submitted)
    for title, header in (("Stimulansmedel", "Belopp"), ("Stimulansmedel per åtgärdsbehov", "Fördelat")):
        sheet = workbook[title]
        column = [cell.value for cell in sheet[1]].index(header)
        amounts = [row[column] for row in sheet.iter_rows(min_row=2)]
        assert amounts and all(isinstance(cell.value, int) for cell in amounts)
        assert all("kr" in cell.number_format for cell in amounts)
    totals = {row[0].value: row[1] for row in workbook["Stimulansmedel totalt"].iter_rows(min_row=2)}
    assert totals["Tillgängligt"].value == 1_000_000 and "kr" in totals["Tillgängligt"].number_format
    decisions = workbook["Beslut"]
    assert all(
        isinstance(row[0].value, datetime.datetime) for row in decisions.iter_rows(min_row=2, max_row=3)
    )


def test_excel_sheets_print_landscape_one_page_wide_with_the_header_row_repeated(report):
    for sheet in book(report).worksheets[1:]:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == "$1:$1", sheet.title


def test_excel_missing_reports_and_decisions_sheets_match_the_report(report):
    workbook = book(report)
    missing = list(workbook["Saknade rapporter"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[2], row[3]) for row in missing] == [
        (NOT_REPORTED, "KSON", "Ja"),
        ("2.8.5", "KSON", "Ja"),
    ]
    decisions = [row[2:] for row in workbook["Beslut"].iter_rows(min_row=2, values_only=True)]
    assert (
        "2022:1",
        "Stimulansmedel fördelas.",
        f"{NOT_REPORTED}, {OUTSIDE_ALLOCATION} (utanför rapporten)",
    ) in decisions
    assert not [row for row in decisions if OUTSIDE_DECISION in str(row)]


def test_stimulus_funds_per_measure_are_in_the_pdf_and_xlsx(report):
    text = pdf_text(report)
    table = text.index("Fördelat per åtgärdsbehov Nr")
    assert text[table:].startswith(
        f"Fördelat per åtgärdsbehov Nr Åtgärdsbehov Fördelat {NOT_REPORTED} {report.need} 150 000 kr"
    )
    rows = list(book(report)["Stimulansmedel per åtgärdsbehov"].iter_rows(values_only=True))
    assert rows == [
        ("Nr", "Åtgärdsbehov", "Fördelat"),
        (NOT_REPORTED, report.need, 150_000),
        (None, "Inte knutet till något åtgärdsbehov", 380_000),
    ]


def test_excel_cells_that_start_like_formulas_are_written_as_text(report):
    dangerous = ['=HYPERLINK("http://example.invalid")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    content = {**report.content, "cover": {**report.content["cover"], "diary_number": dangerous[3]}}
    content["cover"]["author"] = dangerous[4]
    areas = [dict(area, measures=[dict(m) for m in area["measures"]]) for area in content["target_areas"]]
    first = next(m for area in areas for m in area["measures"] if m["reports"])
    texts = [dict(text, text=value) for text, value in zip(first["reports"][0]["texts"], dangerous, strict=False)]
    first["reports"] = [dict(first["reports"][0], texts=texts)]
    content["target_areas"] = areas
    workbook = load_workbook(io.BytesIO(writers.write_xlsx(content, created=CREATED)))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    as_text = {cell.value: cell for cell in cells if isinstance(cell.value, str)}
    for value in dangerous[:5]:
        assert as_text[value].data_type == "s" and as_text[value].quotePrefix, value


class _Clock(datetime.datetime):
    """What openpyxl sees as now while saving: a different time on every call."""

    calls = 0

    @classmethod
    def now(cls, tz=None):
        cls.calls += 1
        return datetime.datetime(2031, 1, 1, 12, 0, cls.calls, tzinfo=tz)


def test_docx_and_xlsx_are_byte_identical_for_the_same_content_and_time(report, monkeypatch):
    # openpyxl stamps the save time into docProps/core.xml; a clock that moves on must not show.
    monkeypatch.setattr(
        openpyxl.writer.excel, "datetime", types.SimpleNamespace(datetime=_Clock, timezone=datetime.timezone)
    )
    assert writers.write_docx(report.content, created=CREATED) == report.docx
    xlsx = writers.write_xlsx(report.content, created=CREATED)
    assert xlsx == writers.write_xlsx(report.content, created=CREATED)
    assert _Clock.calls == 2
    core = zipfile.ZipFile(io.BytesIO(xlsx)).read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(created|modified)[^>]*>([^<]*)<", core) == [
        ("created", "2023-02-20T09:30:00Z"),
        ("modified", "2023-02-20T09:30:00Z"),
    ]


def test_pdf_is_byte_identical_for_the_same_content_and_time(report):
    assert writers.write_pdf(report.content, created=CREATED) == report.pdf
