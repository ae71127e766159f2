"""Writers for the annual report: each lays out the structure from annual_report.assemble(), nothing more.

PDF comes from the same HTML template as the browser preview; Word and Excel are built cell by cell.
Given the same content and creation time, every writer returns the same bytes.
"""

import datetime
import hashlib
import io
import zipfile

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.xml.constants import ARC_CORE
from openpyxl.xml.functions import tostring

from measures.spreadsheet import append_row
from reporting.annual_report import content_checksum
from reporting.charts import stacked_bars
from reporting.figures import LIGHT_SERIES, STATUS_SERIES
from reporting.models import StatusReport

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_name(content: dict, format: str) -> str:
    cover = content["cover"]
    scope = "hela-planen" if cover["whole_plan"] else cover["receiving_body_slug"]
    return f"arsuppfoljning-{cover['year']}-{scope}.{format}"


def charts(content: dict):
    """The summary's SVG charts (with their table alternative), as on the dashboard."""
    series = {"status": STATUS_SERIES, "light": LIGHT_SERIES}
    return [
        stacked_bars(chart["title"], [tuple(row) for row in chart["rows"]], series[chart["series"]])
        for chart in content["summary"]["charts"]
    ]


def document_context(content: dict, created: datetime.datetime | None = None) -> dict:
    created = created or timezone.now()
    return {"report": content, "charts": charts(content), "created": created.isoformat(timespec="seconds")}


# PDF ---------------------------------------------------------------------------------------------


def write_pdf(content: dict, *, created: datetime.datetime | None = None) -> bytes:
    from weasyprint import HTML

    context = document_context(content, created)
    html = render_to_string("reporting/annual_pdf.html", context)
    # The file identifier comes from the content and time, not from chance, so the bytes repeat.
    identifier = hashlib.sha256(f"{content_checksum(content)}{context['created']}".encode()).hexdigest()[:32]
    # PDF/UA-1 makes WeasyPrint tag the structure (headings, tables, lists) for screen readers.
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier.encode())


# Word --------------------------------------------------------------------------------------------


def write_docx(content: dict, *, created: datetime.datetime | None = None) -> bytes:
    created = created or timezone.now()
    cover = content["cover"]
    summary = content["summary"]
    doc = Document()
    _docx_setup(doc, cover, created)

    doc.add_paragraph(cover["plan_name"], style="Subtitle")
    doc.add_heading(cover["title"], level=0)
    for label, value in _cover_lines(cover):
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value or "_" * 24)
    doc.add_paragraph(cover["scope"])
    _page_break(doc)

    doc.add_heading(_("Innehåll"), level=1)
    _toc_field(doc)
    _page_break(doc)

    doc.add_heading(_("Sammanfattning"), level=1)
    doc.add_paragraph(_summary_sentence(summary))
    _docx_table(doc, [_("Status"), _("Antal")], [[s["label"], s["count"]] for s in summary["by_status"]])
    _docx_table(doc, [_("Trafikljus"), _("Antal")], [[s["label"], s["count"]] for s in summary["by_light"]])
    doc.add_heading(_("Per målområde"), level=2)
    _docx_table(
        doc,
        [_("Målområde"), _("Antal")] + [s.label for s in STATUS_SERIES],
        [
            [a["label"], a["measure_count"]] + [a["by_status"].get(s.key, 0) for s in STATUS_SERIES]
            for a in summary["target_areas"]
        ],
    )
    _docx_table(
        doc,
        [_("Målområde")] + [s.label for s in LIGHT_SERIES],
        [[a["label"]] + [a["by_light"].get(s.key, 0) for s in LIGHT_SERIES] for a in summary["target_areas"]],
    )

    for area in content["target_areas"]:
        doc.add_heading(_("Målområde %(number)s. %(name)s") % area, level=1)
        for measure in area["measures"]:
            _docx_measure(doc, measure)

    _docx_steering_group(doc, content["steering_group"], cover["year"])
    _docx_funds(doc, content["stimulus_funds"])

    doc.add_heading(_("Åtgärdsbehov som saknar inlämnad rapport"), level=1)
    if content["missing_reports"]:
        _docx_table(
            doc,
            [_("Nr"), _("Åtgärdsbehov"), _("Saknar rapport från")],
            [[m["code"], m["need"], ", ".join(m["offices"])] for m in content["missing_reports"]],
        )
    else:
        doc.add_paragraph(_("Alla ansvariga verksamheter har lämnat sina rapporter."))

    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip_times(buffer.getvalue(), created)


def _cover_lines(cover):
    return [
        (_("Till"), f"{cover['receiving_body']}, {cover['organisation']}"),
        (_("Uppföljningsomgång"), f"{cover['round_name']} ({cover['period_start']} – {cover['period_end']})"),
        (_("Datum"), cover["date"]),
        (_("Diarienummer"), cover["diary_number"]),
        (_("Författare"), cover["author"]),
        (_("Genomförandeperiod"), cover["plan_period"]),
    ]


def _summary_sentence(summary):
    return _(
        "%(count)s åtgärdsbehov ingår. %(full)s har rapporter från alla ansvariga verksamheter, "
        "%(changed)s har ändrad status sedan förra årsuppföljningen och %(closed)s är klara eller avslutade."
    ) % {
        "count": summary["measure_count"],
        "full": summary["fully_reported_count"],
        "changed": summary["changed_count"],
        "closed": summary["closed_count"],
    }


def _docx_measure(doc, measure):
    doc.add_heading(f"{measure['code']} {measure['need']}", level=2)
    _docx_table(
        doc,
        [_("Uppgift"), _("Värde")],
        [
            [_("Status"), _status_text(measure)],
            [_("Trafikljus"), measure["light_label"]],
            [_("Förändring sedan förra året"), measure["change_label"]],
            [_("Ansvar (huvudansvarig först)"), _offices_text(measure["offices"])],
        ],
    )
    doc.add_heading(_("Aktiviteter"), level=3)
    for activity in measure["activities"]:
        doc.add_paragraph(f"{activity['text']} ({activity['status_label'].lower()})", style="List Number")
    doc.add_heading(_("Förväntade resultat"), level=3)
    for result in measure["expected_results"]:
        doc.add_paragraph(result, style="List Bullet")
    doc.add_heading(_("Årets rapporter"), level=3)
    if not measure["reports"]:
        doc.add_paragraph(_("Ingen verksamhet har lämnat någon rapport för året."))
    for report in measure["reports"]:
        role = _("huvudansvarig") if report["is_lead"] else _("delat ansvar")
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{report['office_name']} ({report['office']}, {role})").bold = True
        paragraph.add_run(f" – {report['status_label']}, {report['light_label']}")
        for text in report["texts"]:
            if text["text"]:
                doc.add_paragraph().add_run(text["label"]).italic = True
                doc.add_paragraph(text["text"])
    if measure["missing_offices"]:
        doc.add_paragraph(
            _("Saknar rapport från: %(offices)s.") % {"offices": ", ".join(measure["missing_offices"])}
        )


def _docx_steering_group(doc, steering_group, year):
    doc.add_heading(_("Styrgruppens arbete under %(year)s") % {"year": year}, level=1)
    if not steering_group["meetings"]:
        doc.add_paragraph(_("Inga styrgruppsmöten är registrerade för perioden."))
    for meeting in steering_group["meetings"]:
        title = _("Möte %(date)s") % {"date": meeting["date"]}
        doc.add_heading(f"{title}{', ' + meeting['location'] if meeting['location'] else ''}", level=2)
        for item in meeting["agenda"]:
            doc.add_paragraph(item, style="List Bullet")
        if meeting["decisions"]:
            _docx_table(
                doc,
                [_("Beslut"), _("Beslutet"), _("Berörda åtgärdsbehov")],
                [[d["number"], d["text"], ", ".join(d["measures"])] for d in meeting["decisions"]],
            )


def _docx_funds(doc, funds):
    doc.add_heading(_("Statliga stimulansmedel %(year)s") % {"year": funds["year"]}, level=1)
    if funds["available"] is None and not funds["allocations"]:
        doc.add_paragraph(_("Inga stimulansmedel är registrerade för året."))
        return
    _docx_table(
        doc,
        [_("Uppgift"), _("Belopp")],
        [
            [_("Tillgängligt"), funds["available_text"]],
            [_("Fördelat"), funds["allocated_text"]],
            [_("Kvar att fördela"), funds["remaining_text"]],
        ],
    )
    if funds["allocations"]:
        _docx_table(
            doc,
            [_("Nr"), _("Åtgärdsbehov"), _("Fördelat")],
            [[m["measure"] or "–", _per_measure_need(m), m["amount_text"]] for m in funds["per_measure"]],
        )
        _docx_table(
            doc,
            [_("Åtgärdsbehov"), _("Verksamhet"), _("Syfte"), _("Belopp"), _("Beslut")],
            [
                [
                    a["measure"] or "–",
                    a["office"] or "–",
                    a["purpose"],
                    a["amount_text"],
                    a["decision"] or "–",
                ]
                for a in funds["allocations"]
            ],
        )


def _per_measure_need(row) -> str:
    return row.get("need", "") if row["measure"] else _("Inte knutet till något åtgärdsbehov")


def _status_text(measure) -> str:
    if measure["status_note"]:
        return f"{measure['status_label']} ({measure['status_note']})"
    return measure["status_label"]


def _offices_text(offices) -> str:
    return ", ".join(
        f"{o['name']} ({o['abbreviation']})" + (f" – {_('huvudansvarig')}" if o["is_lead"] else "")
        for o in offices
    )


def _docx_setup(doc, cover, created):
    properties = doc.core_properties
    properties.title = cover["title"]
    properties.subject = f"{cover['receiving_body']} – {cover['plan_name']}"
    properties.author = cover["author"] or "Tillsammans"
    properties.last_modified_by = "Tillsammans"
    properties.language = "sv-SE"
    properties.created = properties.modified = created.astimezone(datetime.UTC).replace(tzinfo=None)
    properties.revision = 1
    styles = doc.styles
    styles["Normal"].font.name = "DejaVu Sans"
    styles["Normal"].font.size = Pt(10)
    # Swedish for spelling and hyphenation, for every style that does not say otherwise.
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "sv-SE")
    # Ask Word to fill in the table of contents when the document is opened.
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = f"{cover['title']} – {cover['receiving_body']}"
    header.style = doc.styles["Header"]
    footer = section.footer.paragraphs[0]
    footer.add_run(_("Sida") + " ")
    _field(footer, "PAGE", "1")
    section.different_first_page_header_footer = True


def _field(paragraph, instruction, placeholder):
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _toc_field(doc):
    _field(
        doc.add_paragraph(),
        'TOC \\o "1-2" \\h \\z \\u',
        _(
            "Innehållsförteckningen fylls i när dokumentet öppnas i Word (eller: högerklicka och välj Uppdatera fält)."
        ),
    )


def _page_break(doc):
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _docx_table(doc, header, rows):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    header_row = table.rows[0]
    # Repeat the header row on every page, and let screen readers know it is one.
    tr_pr = header_row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, text in zip(header_row.cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = str(value)
    doc.add_paragraph()
    return table


def _fixed_zip_times(data: bytes, when: datetime.datetime, replace: dict[str, bytes] | None = None) -> bytes:
    """Rewrites a zip (docx, xlsx) with every member dated `when`, so the bytes do not depend on the clock.

    Members named in `replace` get the given bytes instead of their own.
    """
    replace = replace or {}
    stamp = timezone.localtime(when).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, replace.get(info.filename) or source.read(info.filename))
    return out.getvalue()


# Excel -------------------------------------------------------------------------------------------

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E6ECF3")


def write_xlsx(content: dict, *, created: datetime.datetime | None = None) -> bytes:
    created = created or timezone.now()
    cover = content["cover"]
    summary = content["summary"]
    book = Workbook()
    book.properties.title = cover["title"]
    book.properties.creator = cover["author"] or "Tillsammans"
    book.properties.lastModifiedBy = "Tillsammans"
    book.properties.language = "sv-SE"
    naive = created.astimezone(datetime.UTC).replace(tzinfo=None)
    book.properties.created = book.properties.modified = naive

    sheet = book.active
    sheet.title = _("Sammanfattning")
    _append(sheet, [cover["title"]], bold=True)
    for label, value in _cover_lines(cover):
        _append(sheet, [label, value])
    _append(sheet, [cover["scope"]])
    _append(sheet, [])
    _append(sheet, [_("Status"), _("Antal")], bold=True)
    for item in summary["by_status"]:
        _append(sheet, [item["label"], item["count"]])
    _append(sheet, [])
    _append(sheet, [_("Trafikljus"), _("Antal")], bold=True)
    for item in summary["by_light"]:
        _append(sheet, [item["label"], item["count"]])
    _append(sheet, [])
    _append(sheet, [_("Målområde"), _("Antal")] + [s.label for s in STATUS_SERIES], bold=True)
    for area in summary["target_areas"]:
        _append(
            sheet,
            [area["label"], area["measure_count"]] + [area["by_status"].get(s.key, 0) for s in STATUS_SERIES],
        )
    _widths(sheet, [44, 22] + [16] * len(STATUS_SERIES))

    _flat_sheet(
        book,
        _("Åtgärdsbehov"),
        [
            _("Målområde"),
            _("Nr"),
            _("Åtgärdsbehov"),
            _("Huvudansvarig"),
            _("Delat ansvar"),
            _("Status"),
            _("Trafikljus"),
            _("Status förra året"),
            _("Förändring"),
            _("Inlämnade rapporter"),
            _("Saknar rapport från"),
        ],
        [
            [
                f"{area['number']}. {area['name']}",
                m["code"],
                m["need"],
                ", ".join(o["abbreviation"] for o in m["offices"] if o["is_lead"]),
                ", ".join(o["abbreviation"] for o in m["offices"] if not o["is_lead"]),
                _status_text(m),
                m["light_label"],
                m["previous_status_label"],
                m["change_label"],
                f"{m['submitted_count']}/{len(m['offices'])}",
                ", ".join(m["missing_offices"]),
            ]
            for area in content["target_areas"]
            for m in area["measures"]
        ],
        [28, 9, 50, 14, 18, 22, 22, 22, 22, 12, 18],
    )
    _flat_sheet(
        book,
        _("Lägesrapporter"),
        [
            _("Nr"),
            _("Verksamhet"),
            _("Huvudansvarig"),
            _("Status"),
            _("Trafikljus"),
            *StatusReport.text_labels().values(),
            _("Inlämnad"),
        ],
        [
            [
                m["code"],
                r["office"],
                _("Ja") if r["is_lead"] else _("Nej"),
                r["status_label"],
                r["light_label"],
                *(text["text"] for text in r["texts"]),
                r["submitted_on"],
            ]
            for area in content["target_areas"]
            for m in area["measures"]
            for r in m["reports"]
        ],
        [9, 12, 12, 22, 22, 50, 50, 50, 50, 12],
    )
    funds = content["stimulus_funds"]
    _flat_sheet(
        book,
        _("Stimulansmedel"),
        [_("Åtgärdsbehov"), _("Verksamhet"), _("Syfte"), _("Belopp (kr)"), _("Beslut")],
        [[a["measure"], a["office"], a["purpose"], a["amount"], a["decision"]] for a in funds["allocations"]],
        [14, 12, 60, 14, 12],
    )
    _flat_sheet(
        book,
        _("Stimulansmedel per åtgärdsbehov"),
        [_("Nr"), _("Åtgärdsbehov"), _("Fördelat (kr)")],
        [[m["measure"], _per_measure_need(m), m["amount"]] for m in funds["per_measure"]],
        [14, 60, 16],
    )

    buffer = io.BytesIO()
    book.save(buffer)
    # Saving stamps `modified` with the clock; write the core properties again with the given time.
    book.properties.modified = naive
    core = tostring(book.properties.to_tree())
    return _fixed_zip_times(buffer.getvalue(), created, {ARC_CORE: core})


def _append(sheet, values, bold=False):
    append_row(sheet, values)
    if bold:
        for cell in sheet[sheet.max_row]:
            cell.font = HEADER_FONT


def _flat_sheet(book, title, header, rows, widths):
    sheet = book.create_sheet(title)
    _append(sheet, header, bold=True)
    for cell in sheet[1]:
        cell.fill = HEADER_FILL
    for row in rows:
        _append(sheet, row)
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(sheet.max_row, 1)}"
    _widths(sheet, widths)
    return sheet


def _widths(sheet, widths):
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


WRITERS = {"pdf": write_pdf, "docx": write_docx, "xlsx": write_xlsx}
