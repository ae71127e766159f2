"""Writers for the annual report: each lays out the structure from annual_report.assemble(), nothing more.

PDF comes from the same HTML template as the browser preview; Word and Excel are built cell by cell.
Given the same content and creation time, every writer returns the same bytes.
"""

import datetime
import hashlib
import io
import re
import zipfile

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
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

    from reporting import pdf_speedups

    pdf_speedups.install()
    context = document_context(content, created)
    html = render_to_string("reporting/annual_pdf.html", context)
    # The file identifier comes from the content and time, not from chance, so the bytes repeat.
    identifier = hashlib.sha256(f"{content_checksum(content)}{context['created']}".encode()).hexdigest()[:32]
    # PDF/UA-1 makes WeasyPrint tag the structure (headings, tables, lists) for screen readers.
    with pdf_speedups.collector_paused():
        return HTML(string=html).write_pdf(
            pdf_variant="pdf/ua-1", pdf_identifier=identifier.encode(), font_config=pdf_speedups.font_config()
        )


# Word --------------------------------------------------------------------------------------------


def write_docx(content: dict, *, created: datetime.datetime | None = None) -> bytes:
    created = created or timezone.now()
    cover = content["cover"]
    summary = content["summary"]
    doc = Document()
    _docx_setup(doc, cover, created)
    _remember_style_ids(doc)
    toc = _toc_entries(content)
    bookmarks = {text: name for _level, text, name in toc}

    doc.add_paragraph(cover["plan_name"], style="Subtitle")
    doc.add_heading(cover["title"], level=0)
    for label, value in _cover_lines(cover):
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value or "_" * 24)
    doc.add_paragraph(cover["scope"])
    _page_break(doc)

    doc.add_heading(_("Innehåll"), level=1)
    _docx_toc(doc, toc)
    _page_break(doc)

    def heading(text, level):
        paragraph = doc.add_heading(text, level=level)
        if text in bookmarks:
            _bookmark(paragraph, bookmarks[text])
        return paragraph

    heading(_("Sammanfattning"), 1)
    doc.add_paragraph(_summary_sentence(summary))
    _docx_table(
        doc,
        [_("Status"), _("Antal")],
        [[s["label"], s["count"]] for s in summary["by_status"]],
        numeric={1},
        caption=_("Åtgärdsbehov per status"),
    )
    _docx_table(
        doc,
        [_("Trafikljus"), _("Antal")],
        [[s["label"], s["count"]] for s in summary["by_light"]],
        numeric={1},
        caption=_("Åtgärdsbehov per trafikljus"),
    )
    # The PDF's charts, as the tables that carry the same numbers.
    for chart in charts(content):
        _docx_table(
            doc,
            [_("Målområde")] + [s.label for s in chart.series],
            [[label] + values for label, values in chart.rows],
            numeric=set(range(1, len(chart.series) + 1)),
            caption=chart.title,
        )

    _docx_own_words(doc, content, heading)

    for area in content["target_areas"]:
        heading(_area_title(area), 1)
        for measure in area["measures"]:
            heading(f"{measure['code']} {measure['need']}", 2)
            _docx_measure(doc, measure, cover["year"])

    _docx_indicators(doc, content, heading)

    heading(_steering_title(cover["year"]), 1)
    _docx_steering_group(doc, content["steering_group"])
    heading(_funds_title(content["stimulus_funds"]["year"]), 1)
    _docx_funds(doc, content["stimulus_funds"])

    heading(_missing_title(), 1)
    if content["missing_reports"]:
        doc.add_paragraph(
            _(
                "För dessa åtgärdsbehov har en eller flera ansvariga verksamheter inte lämnat någon rapport "
                "för året."
            )
        )
        _docx_table(
            doc,
            [_("Nr"), _("Åtgärdsbehov"), _("Saknar rapport från")],
            [[m["code"], m["need"], _missing_offices_text(m)] for m in content["missing_reports"]],
        )
    else:
        doc.add_paragraph(_("Alla ansvariga verksamheter har lämnat sina rapporter."))

    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip_times(buffer.getvalue(), created)


def _area_title(area) -> str:
    return _("Målområde %(number)s. %(name)s") % area


def _steering_title(year) -> str:
    return _("Styrgruppens arbete under %(year)s") % {"year": year}


def _funds_title(year) -> str:
    return _("Statliga stimulansmedel %(year)s") % {"year": year}


def _missing_title() -> str:
    return _("Åtgärdsbehov som saknar inlämnad rapport")


def _missing_offices_text(row) -> str:
    text = ", ".join(row["offices"])
    return f"{text} ({_('ingen rapport alls')})" if row["none_submitted"] else text


def _toc_entries(content) -> list[tuple[int, str, str]]:
    """(level, heading, bookmark) for the table of contents: the PDF's entries, in the same order."""
    entries = [(1, _("Sammanfattning"))]
    entries += [(1, section["heading"]) for section in content.get("own_words") or []]
    for area in content["target_areas"]:
        entries.append((1, _area_title(area)))
        entries += [(2, f"{m['code']} {m['need']}") for m in area["measures"]]
    entries += _indicator_toc_entries(content)
    entries += [
        (1, _steering_title(content["cover"]["year"])),
        (1, _funds_title(content["stimulus_funds"]["year"])),
        (1, _missing_title()),
    ]
    return [(level, text, f"_Toc{index:04d}") for index, (level, text) in enumerate(entries, start=1)]


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


def _docx_measure(doc, measure, year):
    facts = [
        [_("Status"), _status_text(measure)],
        [_("Trafikljus"), measure["light_label"]],
        [_("Förändring sedan förra året"), measure["change_label"]],
        [_("Ansvar (huvudansvarig först)"), _offices_text(measure["offices"])],
    ]
    if measure["intervention_levels"]:
        facts.append([_("Insatsnivåer"), ", ".join(measure["intervention_levels"])])
    _docx_table(
        doc,
        [_("Åtgärdsbehov %(code)s") % {"code": measure["code"]}, _("Läget %(year)s") % {"year": year}],
        facts,
    )
    doc.add_heading(_("Aktiviteter"), level=3)
    if measure["activities"]:
        # Each measure's list starts at 1: its own numbering instance, restarted.
        num_id = _restarted_numbering(doc)
        for activity in measure["activities"]:
            paragraph = doc.add_paragraph(
                f"{activity['text']} ({activity['status_label'].lower()})", style="List Number"
            )
            _number_with(paragraph, num_id)
    else:
        doc.add_paragraph(_("Aktiviteter tas fram."))
    doc.add_heading(_("Förväntade resultat"), level=3)
    for result in measure["expected_results"]:
        doc.add_paragraph(result, style="List Bullet")
    doc.add_heading(_("Årets rapporter"), level=3)
    if not measure["reports"]:
        doc.add_paragraph(_("Ingen verksamhet har lämnat någon rapport för året."))
    for report in measure["reports"]:
        role = _("huvudansvarig") if report["is_lead"] else _("delat ansvar")
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run(f"{report['office_name']} ({report['office']}, {role})").bold = True
        paragraph.add_run(f" – {report['status_label'] or '–'}, {report['light_label']}")
        for text in report["texts"]:
            if text["text"]:
                label_paragraph = doc.add_paragraph()
                label_paragraph.paragraph_format.keep_with_next = True
                label_paragraph.paragraph_format.space_after = Pt(0)
                label_paragraph.add_run(text["label"]).italic = True
                doc.add_paragraph(text["text"])
    if measure["missing_offices"]:
        doc.add_paragraph().add_run(
            _("Saknar rapport från: %(offices)s.") % {"offices": ", ".join(measure["missing_offices"])}
        ).bold = True


def _docx_steering_group(doc, steering_group):
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
                [_("Nr"), _("Beslut"), _("Berörda åtgärdsbehov")],
                [[d["number"], d["text"], d["measures_text"]] for d in meeting["decisions"]],
                caption=_("Beslut"),
            )
    if steering_group["omitted_note"]:
        doc.add_paragraph(steering_group["omitted_note"])


def _docx_funds(doc, funds):
    if funds["available"] is None and not funds["allocations"] and not funds["allocated"]:
        doc.add_paragraph(_("Inga stimulansmedel är registrerade för året."))
        return
    totals = [
        [_("Tillgängligt"), funds["available_text"]],
        [_("Fördelat"), funds["allocated_text"]],
    ]
    if not funds["whole_plan"]:
        totals.append([_("varav till åtgärdsbehov utanför rapporten"), funds["outside_scope_text"]])
    totals.append([_("Kvar att fördela"), funds["remaining_text"]])
    _docx_table(doc, [funds["totals_caption"], _("Belopp")], totals, numeric={1})
    if funds["note"]:
        doc.add_paragraph(funds["note"])
    if not funds["whole_plan"]:
        doc.add_paragraph(
            _(
                "Tabellerna nedan visar fördelningarna till rapportens åtgärdsbehov och till planen som "
                "helhet."
            )
        )
    if funds["allocations"]:
        _docx_table(
            doc,
            [_("Nr"), _("Åtgärdsbehov"), _("Fördelat")],
            [[m["measure"] or "–", _per_measure_need(m), m["amount_text"]] for m in funds["per_measure"]],
            numeric={2},
            caption=_("Fördelat per åtgärdsbehov"),
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
            numeric={3},
            caption=_("Fördelningar under året"),
        )
    else:
        doc.add_paragraph(_("Inga stimulansmedel är fördelade under året."))


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


# A4 with 2.5 cm margins: the text is 16 cm wide. Table cells have Word's default 0.19 cm side margins.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(21), Cm(29.7), Cm(2.5)
TEXT_WIDTH_PT = (PAGE_WIDTH - 2 * MARGIN) / 12700
CELL_PADDING_PT = 2 * 108 / 20 + 2
FONT_SIZE_PT = 10


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
    styles["Normal"].font.size = Pt(FONT_SIZE_PT)
    for name, indent in (("TOC 1", 0), ("TOC 2", 0.6)):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.paragraph_format.left_indent = Cm(indent)
        style.paragraph_format.space_after = Pt(2 if indent else 3)
        style.paragraph_format.tab_stops.add_tab_stop(
            PAGE_WIDTH - 2 * MARGIN, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        if indent:
            style.font.size = Pt(9)
    # Swedish for spelling and hyphenation, for every style that does not say otherwise.
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "sv-SE")
    # The table of contents is written out below; Word also offers to update it (and its page numbers).
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    header = section.header.paragraphs[0]
    header.text = cover["title"]
    header.style = doc.styles["Header"]
    footer = section.footer.paragraphs[0]
    footer.add_run(_("Sida") + " ")
    _field(footer, "PAGE", "1")
    section.different_first_page_header_footer = True


def _remember_style_ids(doc):
    """Looks each style name up once for this document.

    python-docx resolves the style of every new paragraph, heading and table by scanning all the styles
    twice (by name, then for the default of its type): half of the time of writing the report. The styles
    are complete once _docx_setup has run, so each name's id is the same every time it is asked for.
    """
    part = doc.part
    look_up = part.get_style_id
    ids = {}

    def get_style_id(style_or_name, style_type):
        if not isinstance(style_or_name, str):
            return look_up(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in ids:
            ids[key] = look_up(style_or_name, style_type)
        return ids[key]

    part.get_style_id = get_style_id


def _field(paragraph, instruction, placeholder):
    _field_begin(paragraph, instruction)
    paragraph.add_run(placeholder)
    _field_end(paragraph)


def _field_begin(paragraph, instruction):
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


def _field_end(paragraph):
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _bookmark(paragraph, name):
    id = int(name.removeprefix("_Toc"))
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(id))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def _docx_toc(doc, entries):
    """The table of contents as written text, so every reader shows it (LibreOffice, previews, phones).

    Each entry links to its heading and has a page reference; the whole is also a TOC field, so Word can
    renew it with page numbers.
    """
    paragraphs = []
    for level, text, bookmark in entries:
        paragraph = doc.add_paragraph(style=f"TOC {level}")
        if not paragraphs:
            _field_begin(paragraph, 'TOC \\o "1-2" \\h \\z')
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), bookmark)
        link.set(qn("w:history"), "1")
        for value in (text, "\t"):
            run = OxmlElement("w:r")
            node = OxmlElement("w:tab") if value == "\t" else OxmlElement("w:t")
            if value != "\t":
                node.text = value
                node.set(qn("xml:space"), "preserve")
            run.append(node)
            link.append(run)
        paragraph._p.append(link)
        _field(paragraph, f"PAGEREF {bookmark} \\h", "")
        paragraphs.append(paragraph)
    _field_end(paragraphs[-1])


def _restarted_numbering(doc) -> int:
    """A new numbering instance of the List Number style's list, starting again at 1."""
    numbering = doc.part.numbering_part.element
    style_num = doc.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def _number_with(paragraph, num_id):
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _page_break(doc):
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _text_width_pt(text: str, bold: bool = False) -> float:
    """A generous estimate of how wide text is in DejaVu Sans at the body size (a wide font)."""
    em = 0.0
    for char in text:
        if char in "iljtfrI.,:;!|'()[] -–\u00a0":
            em += 0.40
        elif char in "mwMWÅÄÖÆØ%@—" or char.isupper():
            em += 0.84
        else:
            em += 0.66
    return em * FONT_SIZE_PT * (1.1 if bold else 1.0)


# Words break at ordinary spaces and line breaks, never at the no-break space inside "150 000 kr".
_WORDS = re.compile(r"[ \t\n]+")


def column_widths(header, rows, numeric=frozenset(), total=TEXT_WIDTH_PT) -> list[float]:
    """Column widths in points: no column narrower than its longest word; the rest of the page width
    shared out by how much text each column holds (number columns get no more than they need)."""
    columns = list(zip(*([header] + rows), strict=True))
    least, wanted = [], []
    for index, cells in enumerate(columns):
        words = [
            _text_width_pt(word, bold=row == 0)
            for row, cell in enumerate(cells)
            for word in _WORDS.split(str(cell))
        ]
        lines = [_text_width_pt(str(cell), bold=row == 0) for row, cell in enumerate(cells)]
        least.append(max(words + [0]) + CELL_PADDING_PT)
        wanted.append(least[-1] if index in numeric else min(max(lines), total) + CELL_PADDING_PT)
    if sum(wanted) <= total:
        spare = total - sum(wanted)
        text = [0 if i in numeric else w for i, w in enumerate(wanted)]
        return [w + spare * t / (sum(text) or sum(wanted)) for w, t in zip(wanted, text, strict=True)]
    spare = max(total - sum(least), 0)
    stretch = [w - m for w, m in zip(wanted, least, strict=True)]
    return [m + spare * s / (sum(stretch) or 1) for m, s in zip(least, stretch, strict=True)]


def _docx_table(doc, header, rows, *, numeric=frozenset(), caption=None):
    """A table with widths that fit its content, numbers right-aligned and the header repeated."""
    if caption:
        paragraph = doc.add_paragraph(style="Caption")
        paragraph.add_run(str(caption))
        paragraph.paragraph_format.keep_with_next = True
    header = [str(h) for h in header]
    rows = [[str(value) for value in values] for values in rows]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    _fixed_layout(table)
    header_row = table.rows[0]
    # Repeat the header row on every page, and let screen readers know it is one.
    tr_pr = header_row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for index, (cell, text) in enumerate(zip(header_row.cells, header, strict=True)):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
        if index in numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for values in rows:
        cells = table.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.text = value
            if index in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    widths = [Pt(w) for w in column_widths(header, rows, numeric)]
    for row in table.rows:
        # A row is not split across pages.
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    doc.add_paragraph()
    return table


def _fixed_layout(table):
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)


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

HEADER_FONT = Font(name="Calibri", size=11, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E6ECF3")


KRONOR_FORMAT = '#,##0" kr"'
DATE_FORMAT = "yyyy-mm-dd"


def _date(iso: str):
    return datetime.date.fromisoformat(iso) if iso else None


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
        _append(sheet, [label, _date(value) if label == _("Datum") else value])
        if isinstance(sheet.cell(sheet.max_row, 2).value, datetime.date):
            sheet.cell(sheet.max_row, 2).number_format = DATE_FORMAT
            sheet.cell(sheet.max_row, 2).alignment = Alignment(horizontal="left")
    _append(sheet, [cover["scope"]])
    _append(sheet, [_summary_sentence(summary)])
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
    _print_setup(sheet, repeat_header=False)

    _xlsx_own_words(book, content)
    _flat_sheet(
        book,
        _("Trafikljus per målområde"),
        [_("Målområde"), _("Antal")] + [s.label for s in LIGHT_SERIES],
        [
            [area["label"], area["measure_count"]] + [area["by_light"].get(s.key, 0) for s in LIGHT_SERIES]
            for area in summary["target_areas"]
        ],
        [44, 10] + [18] * len(LIGHT_SERIES),
    )
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
            _("Anmärkning om status"),
            _("Trafikljus"),
            _("Status förra året"),
            _("Förändring"),
            _("Inlämnade rapporter"),
            _("Ansvariga verksamheter"),
            _("Saknar rapport från"),
        ],
        [
            [
                f"{area['number']}. {area['name']}",
                m["code"],
                m["need"],
                ", ".join(o["abbreviation"] for o in m["offices"] if o["is_lead"]),
                ", ".join(o["abbreviation"] for o in m["offices"] if not o["is_lead"]),
                m["status_label"],
                m["status_note"],
                m["light_label"],
                m["previous_status_label"],
                m["change_label"],
                m["submitted_count"],
                len(m["offices"]),
                ", ".join(m["missing_offices"]),
            ]
            for area in content["target_areas"]
            for m in area["measures"]
        ],
        [28, 9, 50, 14, 18, 22, 40, 22, 22, 22, 12, 12, 18],
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
                _date(r["submitted_on"]),
            ]
            for area in content["target_areas"]
            for m in area["measures"]
            for r in m["reports"]
        ],
        [9, 12, 12, 22, 22, 50, 50, 50, 50, 12],
        formats={9: DATE_FORMAT},
    )
    funds = content["stimulus_funds"]
    totals = [
        [_("Tillgängligt"), funds["available"]],
        [_("Fördelat"), funds["allocated"]],
    ]
    if not funds["whole_plan"]:
        totals.append([_("varav till åtgärdsbehov utanför rapporten"), funds["outside_scope"]])
    totals.append([_("Kvar att fördela"), funds["remaining"]])
    if funds["note"]:
        totals.append([_("Anmärkning"), funds["note"]])
    _flat_sheet(
        book,
        _("Stimulansmedel totalt"),
        [funds["totals_caption"], _("Belopp")],
        totals,
        [44, 40],
        formats={1: KRONOR_FORMAT},
    )
    _flat_sheet(
        book,
        _("Stimulansmedel"),
        [_("Åtgärdsbehov"), _("Verksamhet"), _("Syfte"), _("Belopp"), _("Beslut")],
        [[a["measure"], a["office"], a["purpose"], a["amount"], a["decision"]] for a in funds["allocations"]],
        [14, 12, 60, 14, 12],
        formats={3: KRONOR_FORMAT},
    )
    _flat_sheet(
        book,
        _("Stimulansmedel per åtgärdsbehov"),
        [_("Nr"), _("Åtgärdsbehov"), _("Fördelat")],
        [[m["measure"], _per_measure_need(m), m["amount"]] for m in funds["per_measure"]],
        [14, 60, 16],
        formats={2: KRONOR_FORMAT},
    )
    steering_group = content["steering_group"]
    _flat_sheet(
        book,
        _("Beslut"),
        [_("Mötesdatum"), _("Plats"), _("Nr"), _("Beslut"), _("Berörda åtgärdsbehov")],
        [
            [_date(meeting["date"]), meeting["location"], d["number"], d["text"], d["measures_text"]]
            for meeting in steering_group["meetings"]
            for d in meeting["decisions"]
        ]
        + ([["", "", "", steering_group["omitted_note"], ""]] if steering_group["omitted_note"] else []),
        [12, 24, 10, 60, 30],
        formats={0: DATE_FORMAT},
    )
    _xlsx_indicators(book, content)
    _flat_sheet(
        book,
        _("Saknade rapporter"),
        [_("Nr"), _("Åtgärdsbehov"), _("Saknar rapport från"), _("Ingen rapport alls")],
        [
            [m["code"], m["need"], ", ".join(m["offices"]), _("Ja") if m["none_submitted"] else _("Nej")]
            for m in content["missing_reports"]
        ],
        [9, 60, 22, 16],
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


def _flat_sheet(book, title, header, rows, widths, formats=None):
    """A filterable table: header row frozen and repeated on printed pages; `formats` maps a column
    index to a number format (dates, kronor)."""
    formats = formats or {}
    sheet = book.create_sheet(title)
    _append(sheet, header, bold=True)
    for cell in sheet[1]:
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        _append(sheet, row)
        for index, cell in enumerate(sheet[sheet.max_row]):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if index in formats and not isinstance(cell.value, str):
                cell.number_format = formats[index]
    _row_heights(sheet, widths)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(sheet.max_row, 1)}"
    _widths(sheet, widths)
    _print_setup(sheet)
    return sheet


def _print_setup(sheet, repeat_header=True):
    """Printed on A4 landscape, one page wide, the header row on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if repeat_header:
        sheet.print_title_rows = "1:1"


def _row_heights(sheet, widths, line_height=15):
    """Rows tall enough for their wrapped text: spreadsheet programs do not grow rows on opening."""
    for row in sheet.iter_rows():
        lines = 1
        for cell, width in zip(row, widths, strict=False):
            if isinstance(cell.value, str) and cell.value:
                per_line = max(int(width * 0.95) - 1, 1)
                lines = max(lines, sum(-(-len(part) // per_line) or 1 for part in cell.value.split("\n")))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = min(lines * line_height, 409)


def _widths(sheet, widths):
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


WRITERS = {"pdf": write_pdf, "docx": write_docx, "xlsx": write_xlsx}


# Outcome indicators (the same section in all three formats) ------------------------------------------


def indicators_title() -> str:
    return _("Indikatorer per målområde")


def indicator_area_title(area) -> str:
    return f"{area['number']}. {area['name']}"


INDICATOR_HEADER = [
    _("Indikator"),
    _("Senaste värde"),
    _("Riket"),
    _("Vid planens start"),
    _("Utveckling"),
    _("Mål"),
]


def indicator_row(entry) -> list[str]:
    """One indicator as the PDF and Word tables show it."""
    title = f"{entry['title']} ({entry['unit']})" if entry["unit"] else entry["title"]
    latest = (
        f"{entry['latest_text']} ({entry['latest_year']})" if entry["latest_year"] else entry["latest_text"]
    )
    start = f"{entry['start_text']} ({entry['start_year']})" if entry["start_year"] else entry["start_text"]
    target = entry["target_text"]
    if target and entry["target_year"]:
        target = f"{target} ({entry['target_year']})"
    source = f"{_('Källa')}: {entry['source_label']} {entry['source_id']}"
    if entry["imported_on"]:
        source += f", {_('importerad')} {entry['imported_on']}"
    return [
        f"{title}. {source}",
        latest,
        entry["national_text"] or "–",
        start,
        entry["trend_label"],
        target or "–",
    ]


def _indicator_toc_entries(content) -> list[tuple[int, str]]:
    areas = content.get("indicators") or []
    if not areas:
        return []
    return [(1, indicators_title())] + [(2, indicator_area_title(area)) for area in areas]


def _docx_indicators(doc, content, heading):
    areas = content.get("indicators") or []
    if not areas:
        return
    heading(indicators_title(), 1)
    doc.add_paragraph(
        _("Utfallsindikatorer för målområdena: senaste värde och utvecklingen sedan planen startade.")
    )
    for area in areas:
        heading(indicator_area_title(area), 2)
        _docx_table(doc, INDICATOR_HEADER, [indicator_row(entry) for entry in area["indicators"]])


def _xlsx_indicators(book, content):
    areas = content.get("indicators") or []
    if not areas:
        return
    _flat_sheet(
        book,
        _("Indikatorer"),
        [
            _("Målområde"),
            _("Indikator"),
            _("Enhet"),
            _("Källa"),
            _("Id hos källan"),
            _("Område"),
            _("Senaste år"),
            _("Senaste värde"),
            _("Kvinnor"),
            _("Män"),
            _("Riket"),
            _("Startår"),
            _("Värde vid start"),
            _("Utveckling"),
            _("Bättre är"),
            _("Mål"),
            _("Målår"),
            _("Berörda åtgärdsbehov"),
            _("Importerad"),
        ],
        [
            [
                indicator_area_title(area),
                e["title"],
                e["unit"],
                e["source_label"],
                e["source_id"],
                e["area"],
                e["latest_year"],
                e["latest_text"],
                e["women_text"],
                e["men_text"],
                e["national_text"],
                e["start_year"],
                e["start_text"],
                e["trend_label"],
                e["better_label"],
                e["target_text"],
                e["target_year"],
                ", ".join(e["measures"]),
                _date(e["imported_on"]) if e["imported_on"] else "",
            ]
            for area in areas
            for e in area["indicators"]
        ],
        [28, 40, 10, 14, 14, 12, 10, 14, 10, 10, 10, 10, 14, 16, 16, 10, 8, 18, 12],
        formats={18: DATE_FORMAT},
    )


# The process leader's own words, right after the summary -----------------------------------------------


def _docx_own_words(doc, content, heading):
    for section in content.get("own_words") or []:
        heading(section["heading"], 1)
        for paragraph in section["text"].split("\n"):
            if paragraph.strip():
                doc.add_paragraph(paragraph.strip())


def _xlsx_own_words(book, content):
    sections = content.get("own_words") or []
    if not sections:
        return
    sheet = book.create_sheet(_("Analys och förslag"))
    for section in sections:
        _append(sheet, [section["heading"]], bold=True)
        for paragraph in section["text"].split("\n"):
            if paragraph.strip():
                _append(sheet, [paragraph.strip()])
                sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        _append(sheet, [])
    _widths(sheet, [100])
    _print_setup(sheet, repeat_header=False)
