"""Spreadsheet safety: text that starts like a formula must never be evaluated by Excel, and an uploaded
file is refused before it is parsed when it is too large, not what it says it is, or hostile.

One sanitizer for every file the app writes (open data, annual report, admin export) and one reader
for every file it imports (the admin's import).
"""

import csv
import io
import zipfile

import openpyxl
import tablib
from defusedxml import DefusedXmlException
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def append_row(sheet, values) -> None:
    """Appends a row to an openpyxl sheet; formula-like text is stored as a text cell, shown as typed."""
    sheet.append(values)
    row = sheet._current_row
    for column, value in enumerate(values, start=1):
        if looks_like_formula(value):
            cell = sheet.cell(row=row, column=column)
            cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
            cell.quotePrefix = True  # Excel keeps it as text when the cell is edited


def csv_safe(value):
    """In CSV there are no cell types: prefix formula-like text with an apostrophe (OWASP advice)."""
    return "'" + value if looks_like_formula(value) else value


# Upload limits: checked before a file is parsed, so one upload can neither fill the server's memory
# nor keep the import running for minutes.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_ZIP_ENTRIES = 100
MAX_UNCOMPRESSED_BYTES = 25 * 1024 * 1024


class SpreadsheetRefused(ValueError):
    """An upload refused before or while it is read; the message is shown to the user as is."""


def check_upload_size(size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise SpreadsheetRefused(
            _("Filen är för stor (%(size)s MB). En import får vara högst %(max)s MB.")
            % {"size": f"{size / 1024 / 1024:.1f}".replace(".", ","), "max": MAX_UPLOAD_BYTES // 1024 // 1024}
        )


def _too_many_rows():
    return SpreadsheetRefused(
        _("Filen har fler än %(max)s rader. Dela upp importen i flera filer.")
        % {"max": f"{MAX_ROWS:,}".replace(",", " ")}
    )


def check_xlsx_archive(data: bytes) -> None:
    """An XLSX file is a zip archive: refuse what is not one, and archives that unpack to too much."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise SpreadsheetRefused(
            _("Filen är inte en Excel-fil (XLSX). Välj rätt filformat eller spara filen som XLSX eller CSV.")
        ) from None
    if len(entries) > MAX_ZIP_ENTRIES or sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
        raise SpreadsheetRefused(
            _(
                "Excel-filen packas upp till för mycket data för att importeras. Spara om den med bara de rader som ska importeras."
            )
        )


def read_xlsx(data: bytes) -> tablib.Dataset:
    """The first sheet, values only (never formulas), through defusedxml, at most MAX_ROWS rows."""
    check_upload_size(len(data))
    check_xlsx_archive(data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = book.active.iter_rows(values_only=True)
        headers = next(rows, None)
        dataset = tablib.Dataset(headers=[("" if h is None else str(h)) for h in headers or []])
        for row in rows:
            if all(value is None for value in row):
                continue
            if len(dataset) >= MAX_ROWS:
                raise _too_many_rows()
            dataset.append(list(row)[: dataset.width] + [None] * (dataset.width - len(row)))
        book.close()
        dataset = _not_empty(dataset)
    except SpreadsheetRefused:
        raise
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        if _caused_by(error, DefusedXmlException):
            raise SpreadsheetRefused(
                _("Excel-filen innehåller otillåtna XML-konstruktioner och kan inte importeras.")
            ) from None
        raise SpreadsheetRefused(
            _("Excel-filen kunde inte läsas. Kontrollera att den inte är skadad.")
        ) from None
    return dataset


def _caused_by(error: BaseException | None, kind) -> bool:
    """openpyxl wraps what the XML parser raised in a ValueError: look down the chain."""
    while error is not None:
        if isinstance(error, kind):
            return True
        error = error.__cause__ or error.__context__
    return False


def read_csv(text: str) -> tablib.Dataset:
    """A CSV file with a header row, at most MAX_ROWS rows."""
    check_upload_size(len(text.encode("utf-8")))
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        headers = next(reader, None)
        dataset = tablib.Dataset(headers=headers or [])
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(dataset) >= MAX_ROWS:
                raise _too_many_rows()
            dataset.append((row + [""] * dataset.width)[: dataset.width])
    except csv.Error:
        raise SpreadsheetRefused(
            _("CSV-filen kunde inte läsas. Kontrollera att det är en textfil med kommatecken.")
        ) from None
    return _not_empty(dataset)


def _not_empty(dataset: tablib.Dataset) -> tablib.Dataset:
    if not dataset.headers or not len(dataset):
        raise SpreadsheetRefused(
            _("Filen innehåller inga rader att importera (första raden ska vara kolumnnamnen).")
        )
    return dataset


class SafeCSV(base_formats.CSV):
    """django-import-export's CSV: read with the limits above, written with formula-like text escaped."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        return read_csv(in_stream)

    def export_data(self, dataset, **kwargs):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([csv_safe(header) for header in dataset.headers or []])
        writer.writerows([csv_safe(value) for value in row] for row in dataset)
        return out.getvalue()


class SafeXLSX(base_formats.XLSX):
    """django-import-export's XLSX: read with the limits above, written with formula-like text as text."""

    def create_dataset(self, in_stream, **kwargs):
        return read_xlsx(in_stream)

    def export_data(self, dataset, **kwargs):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = (dataset.title or "Export")[:31]
        append_row(sheet, list(dataset.headers or []))
        for row in dataset:
            append_row(
                sheet,
                [
                    ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", v) if isinstance(v, str) else v
                    for v in row
                ],
            )
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
