"""The PDF, Word and Excel files, read back with pypdf, python-docx and openpyxl."""

import datetime
import io
import re
import types
import zipfile

import openpyxl.writer.excel
import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from governance.models import DecisionBody
from measures.models import Measure
from measures.status import MeasureStatus
from reporting import writers
from reporting.annual_report import assemble
from reporting.models import StimulusAllocation, StimulusFundYear
from tests.factories import annual_round, in_scope_codes, submit_all, submit_report

CREATED = datetime.datetime(2023, 2, 20, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def direktionen(plan):
    """Direktionen's report for 2022 with every office's report submitted; returns (content, lead statuses)."""
    round = annual_round(plan, 2022)
    statuses = submit_all(round)
    content = assemble(
        plan=plan,
        round=round,
        decision_body=DecisionBody.objects.get(slug="direktionen"),
        whole_plan=False,
        diary_number="KSON 2023/17",
        author="Petra Processledare",
        today=datetime.date(2023, 2, 20),
    )
    return content, statuses


def pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


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


def test_pdf_has_the_cover_every_in_scope_measure_in_order_and_their_statuses(plan, direktionen):
    content, statuses = direktionen
    text = pdf_text(writers.write_pdf(content, created=CREATED))
    codes = in_scope_codes("kommunalforbundet")
    assert "Årsuppföljning 2022 – Tillsammans för psykisk hälsa" in text
    assert "Till Direktionen" in text
    assert "KSON 2023/17" in text and "Petra Processledare" in text
    body = text.index("Sammanfattning", text.index("Sammanfattning") + 1)  # past the table of contents
    headings = [f"{code} {m['need'][:12]}" for code in codes for m in [_entry(content, code)]]
    assert in_order(text, headings, body)
    assert in_order(
        text, [item for code in codes for item in (code, "Status " + status_label(statuses[code]))], body
    )


def test_pdf_declares_swedish_its_title_and_a_tagged_structure(direktionen):
    content, _ = direktionen
    reader = PdfReader(io.BytesIO(writers.write_pdf(content, created=CREATED)))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv"
    assert reader.metadata.title == "Årsuppföljning 2022 – Tillsammans för psykisk hälsa"
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]


def test_pdf_table_of_contents_gives_page_numbers_and_pages_are_numbered(direktionen):
    content, _ = direktionen
    reader = PdfReader(io.BytesIO(writers.write_pdf(content, created=CREATED)))
    contents = re.sub(r"\s+", " ", reader.pages[1].extract_text())
    assert "Innehåll" in contents
    assert re.search(r"Sammanfattning[ .]+3", contents)
    assert f"Sida 3 av {len(reader.pages)}" in reader.pages[2].extract_text()


def test_docx_has_the_cover_every_in_scope_measure_as_a_heading_in_order_and_their_statuses(
    plan, direktionen
):
    content, statuses = direktionen
    doc = Document(io.BytesIO(writers.write_docx(content, created=CREATED)))
    codes = in_scope_codes("kommunalforbundet")
    assert doc.paragraphs[1].style.name == "Title"
    assert doc.paragraphs[1].text == "Årsuppföljning 2022 – Tillsammans för psykisk hälsa"
    cover = "\n".join(p.text for p in doc.paragraphs[:10])
    assert "Till: Direktionen" in cover and "KSON 2023/17" in cover
    measure_headings = [p.text.split(" ")[0] for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert [h for h in measure_headings if h in codes] == codes
    status_cells = [t.rows[1].cells[1].text for t in doc.tables if t.rows[1].cells[0].text == "Status"]
    assert status_cells == [status_label(statuses[code]) for code in codes]


def test_docx_uses_real_heading_styles_a_toc_field_and_repeating_table_headers(direktionen):
    content, _ = direktionen
    doc = Document(io.BytesIO(writers.write_docx(content, created=CREATED)))
    level_one = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert level_one[:3] == ["Innehåll", "Sammanfattning", "Målområde 1. Det tidiga livets villkor"]
    assert level_one[-1] == "Åtgärdsbehov som saknar inlämnad rapport"
    assert any(
        "TOC" in (node.text or "") for node in doc.element.body.iter() if node.tag.endswith("instrText")
    )
    assert all(t.rows[0]._tr.trPr is not None and "tblHeader" in t.rows[0]._tr.trPr.xml for t in doc.tables)
    assert doc.core_properties.language == "sv-SE"


def test_excel_cells_that_start_like_formulas_are_written_as_text(plan):
    round = annual_round(plan, 2022)
    dangerous = ['=HYPERLINK("http://example.invalid")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    report = round.reports.get(measure__code="2.1.1")
    submit_report(
        report,
        status=MeasureStatus.IN_PROGRESS,
        done=dangerous[0],
        results=dangerous[1],
        deviations=dangerous[2],
    )
    content = assemble(
        plan=plan,
        round=round,
        decision_body=DecisionBody.objects.get(slug="direktionen"),
        whole_plan=False,
        diary_number=dangerous[3],
        author=dangerous[4],
    )
    book = load_workbook(io.BytesIO(writers.write_xlsx(content, created=CREATED)))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    as_text = {cell.value: cell for cell in cells if isinstance(cell.value, str)}
    for value in dangerous[:5]:
        assert as_text[value].data_type == "s" and as_text[value].quotePrefix, value


def test_excel_has_a_summary_sheet_and_a_filterable_measure_sheet_with_a_frozen_header(plan, direktionen):
    content, statuses = direktionen
    book = load_workbook(io.BytesIO(writers.write_xlsx(content, created=CREATED)))
    assert book.sheetnames[:2] == ["Sammanfattning", "Åtgärdsbehov"]
    sheet = book["Åtgärdsbehov"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    codes = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert codes == in_scope_codes("kommunalforbundet")


class _Clock(datetime.datetime):
    """What openpyxl sees as now while saving: a different time on every call."""

    calls = 0

    @classmethod
    def now(cls, tz=None):
        cls.calls += 1
        return datetime.datetime(2031, 1, 1, 12, 0, cls.calls, tzinfo=tz)


def test_docx_and_xlsx_are_byte_identical_for_the_same_content_and_time(direktionen, monkeypatch):
    content, _ = direktionen
    # openpyxl stamps the save time into docProps/core.xml; a clock that moves on must not show.
    monkeypatch.setattr(
        openpyxl.writer.excel, "datetime", types.SimpleNamespace(datetime=_Clock, timezone=datetime.timezone)
    )
    assert writers.write_docx(content, created=CREATED) == writers.write_docx(content, created=CREATED)
    xlsx = writers.write_xlsx(content, created=CREATED)
    assert xlsx == writers.write_xlsx(content, created=CREATED)
    assert _Clock.calls == 2
    core = zipfile.ZipFile(io.BytesIO(xlsx)).read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(created|modified)[^>]*>([^<]*)<", core) == [
        ("created", "2023-02-20T09:30:00Z"),
        ("modified", "2023-02-20T09:30:00Z"),
    ]


@pytest.fixture
def with_funds(plan, direktionen):
    """Direktionen's report with 2022's stimulus funds: 2.1.1 gets 120 000 + 30 000 kr in two allocations."""
    fund_year = StimulusFundYear.objects.create(plan=plan, year=2022, amount_available=500_000)
    measure = Measure.objects.get(plan=plan, code="2.1.1")
    for purpose, amount in (("Gruppverksamhet", 120_000), ("Utbildning", 30_000)):
        StimulusAllocation.objects.create(
            fund_year=fund_year, measure=measure, purpose=purpose, amount=amount
        )
    round = plan.rounds.get(period_end__year=2022)
    content = assemble(
        plan=plan, round=round, decision_body=DecisionBody.objects.get(slug="direktionen"), whole_plan=False
    )
    return content, measure


def test_stimulus_funds_per_measure_are_in_the_pdf_docx_and_xlsx(with_funds):
    content, measure = with_funds
    text = pdf_text(writers.write_pdf(content, created=CREATED))
    table = text.index("Fördelat per åtgärdsbehov")
    assert text[table:].startswith(
        f"Fördelat per åtgärdsbehov Nr Åtgärdsbehov Fördelat 2.1.1 {measure.need} 150 000 kr"
    )

    doc = Document(io.BytesIO(writers.write_docx(content, created=CREATED)))
    per_measure = next(
        t for t in doc.tables if [c.text for c in t.rows[0].cells] == ["Nr", "Åtgärdsbehov", "Fördelat"]
    )
    assert [c.text for c in per_measure.rows[1].cells] == ["2.1.1", measure.need, "150\u00a0000\u00a0kr"]

    book = load_workbook(io.BytesIO(writers.write_xlsx(content, created=CREATED)))
    rows = list(book["Stimulansmedel per åtgärdsbehov"].iter_rows(values_only=True))
    assert rows == [("Nr", "Åtgärdsbehov", "Fördelat (kr)"), ("2.1.1", measure.need, 150_000)]


def _entry(content, code):
    return next(m for area in content["target_areas"] for m in area["measures"] if m["code"] == code)


def test_pdf_is_byte_identical_for_the_same_content_and_time(direktionen):
    content, _ = direktionen
    assert writers.write_pdf(content, created=CREATED) == writers.write_pdf(content, created=CREATED)
