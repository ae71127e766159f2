"""Spreadsheet safety: text that starts like a formula must never be evaluated by Excel."""

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
