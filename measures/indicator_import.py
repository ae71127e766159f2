"""Importing indicator values: Kolada API JSON (v2 and v3 `values` shape) or the CSV documented in the README.

Parsing is pure (bytes in, rows and row errors out); `preview` compares the rows with the database and
`indicator_values_import` writes them in one transaction. A file with any bad row writes nothing.
"""

import csv
import io
import json
import math
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from measures.indicators import Gender, Indicator, IndicatorSource, IndicatorValue
from measures.spreadsheet import MAX_ROWS, SpreadsheetRefused, check_upload_size

UPDATED_FIELDS = ["value", "status", "ci_low", "ci_high", "source", "imported_at"]
CSV_COLUMNS = ["source", "indicator", "area", "period", "gender", "value", "status", "ci_low", "ci_high"]
REQUIRED_CSV_COLUMNS = ["source", "indicator", "area", "period", "gender", "value"]
# A Kolada page holds at most 5,000 entries, each with up to three genders.
MAX_VALUES = 3 * MAX_ROWS
SOURCE_NAMES = {
    "kolada": IndicatorSource.KOLADA,
    "folkhalsodata": IndicatorSource.FOLKHALSODATA,
    "folkhälsodata": IndicatorSource.FOLKHALSODATA,
    "folkhalsomyndigheten": IndicatorSource.FOLKHALSODATA,
    "own": IndicatorSource.OWN,
    "egen": IndicatorSource.OWN,
}


class ImportRefused(SpreadsheetRefused):
    """The whole file is refused (not JSON/CSV, too large, wrong shape); the message is shown as is."""


@dataclass(frozen=True)
class ValueRow:
    row: int
    source: str
    indicator: str
    area: str
    period: int
    gender: str
    value: float | None
    status: str = ""
    ci_low: float | None = None
    ci_high: float | None = None

    @property
    def key(self):
        return (self.source, self.indicator, self.area, self.period, self.gender)


@dataclass(frozen=True)
class RowError:
    row: int
    reason: str


@dataclass
class Parsed:
    rows: list[ValueRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _number(raw, what: str) -> float | None:
    """None for a missing value (null or empty), else a finite number; decimal comma accepted."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueError(_("%(what)s ”%(raw)s” är inte ett tal.") % {"what": what, "raw": raw})
    if isinstance(raw, int | float):
        number = float(raw)
    else:
        text = str(raw).strip().replace("\N{NO-BREAK SPACE}", "").replace(" ", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(_("%(what)s ”%(raw)s” är inte ett tal.") % {"what": what, "raw": raw}) from None
    if not math.isfinite(number):
        raise ValueError(_("%(what)s ”%(raw)s” är inte ett tal.") % {"what": what, "raw": raw})
    return number


def _year(raw) -> int:
    text = str(raw).strip() if raw is not None else ""
    if isinstance(raw, bool) or not (text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2100):
        raise ValueError(_("Perioden ”%(raw)s” är inte ett år (till exempel 2021).") % {"raw": text})
    return int(text)


def _gender(raw) -> str:
    text = str(raw).strip().upper() if raw is not None else ""
    if text not in Gender.values:
        raise ValueError(
            _("Okänt kön ”%(raw)s”: ska vara T (totalt), K (kvinnor) eller M (män).") % {"raw": raw}
        )
    return text


def _text(raw, what: str, max_length: int) -> str:
    text = "" if raw is None else str(raw).strip()
    if not text:
        raise ValueError(_("%(what)s saknas.") % {"what": what})
    if len(text) > max_length:
        raise ValueError(_("%(what)s är längre än %(max)s tecken.") % {"what": what, "max": max_length})
    return text


# Named in a row's reason; lazy, so that a good row costs no translation.
INDICATOR_ID, AREA, VALUE = gettext_lazy("Indikatorns id"), gettext_lazy("Område"), gettext_lazy("Värdet")
CI_LOW = gettext_lazy("Konfidensintervallets nedre gräns")
CI_HIGH = gettext_lazy("Konfidensintervallets övre gräns")


def _row(number: int, *, source, indicator, area, period, gender, value, status, ci_low, ci_high) -> ValueRow:
    """One value, checked; raises ValueError with the first reason it is bad."""
    return ValueRow(
        row=number,
        source=source,
        indicator=_text(indicator, INDICATOR_ID, 50),
        area=_text(area, AREA, 20),
        period=_year(period),
        gender=_gender(gender),
        value=_number(value, VALUE),
        status="" if status is None else str(status).strip()[:30],
        ci_low=_number(ci_low, CI_LOW),
        ci_high=_number(ci_high, CI_HIGH),
    )


def _decode(data: bytes) -> str:
    check_upload_size(len(data))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(
            _("Filen är inte en textfil i UTF-8. Spara den som UTF-8 och försök igen.")
        ) from None


def _add(parsed: Parsed, number: int, seen: dict, **fields) -> None:
    try:
        row = _row(number, **fields)
    except ValueError as error:
        parsed.errors.append(RowError(number, str(error)))
        return
    if row.key in seen:
        parsed.errors.append(
            RowError(
                number,
                _("Samma indikator, område, år och kön finns redan på rad %(row)s.") % {"row": seen[row.key]},
            )
        )
        return
    seen[row.key] = number
    parsed.rows.append(row)


def parse_kolada_json(data: bytes) -> Parsed:
    """A Kolada /v2/data/… or /v3/data/… response: {"values": [{"kpi", "municipality", "period",
    "values": [{"gender", "count", "status", "value"}]}]}. Rows are numbered by value, from 1."""
    try:
        document = json.loads(_decode(data))
    except json.JSONDecodeError as error:
        raise ImportRefused(
            _("Filen är inte giltig JSON (fel på rad %(line)s). Spara svaret från Kolada som det är.")
            % {"line": error.lineno}
        ) from None
    entries = document.get("values") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise ImportRefused(
            _(
                "JSON-filen har inte Koladas form: det ska finnas en lista ”values” med nyckeltal, kommun och år."
            )
        )
    parsed, seen, number = Parsed(), {}, 0
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), list):
            number += 1
            parsed.errors.append(RowError(number, _("Posten saknar listan ”values” med värden per kön.")))
            continue
        for item in entry["values"]:
            number += 1
            if number > MAX_VALUES:
                raise ImportRefused(
                    _("Filen har fler än %(max)s värden. Dela upp importen i flera filer.")
                    % {"max": f"{MAX_VALUES:,}".replace(",", " ")}
                )
            if not isinstance(item, dict):
                parsed.errors.append(RowError(number, _("Värdet är inte ett objekt med kön och värde.")))
                continue
            _add(
                parsed,
                number,
                seen,
                source=IndicatorSource.KOLADA,
                indicator=entry.get("kpi"),
                area=entry.get("municipality", entry.get("ou")),
                period=entry.get("period"),
                gender=item.get("gender"),
                value=item.get("value"),
                status=item.get("status"),
                ci_low=None,
                ci_high=None,
            )
    return parsed


def parse_csv(data: bytes) -> Parsed:
    """The CSV of the README; rows are numbered as in a spreadsheet (the header is row 1)."""
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = [column.strip().lower() for column in next(reader, [])]
        missing = [column for column in REQUIRED_CSV_COLUMNS if column not in header]
        if missing:
            raise ImportRefused(
                _("CSV-filen saknar kolumnerna %(missing)s. Första raden ska vara: %(columns)s.")
                % {"missing": ", ".join(missing), "columns": ",".join(CSV_COLUMNS)}
            )
        parsed, seen = Parsed(), {}
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if number > MAX_ROWS + 1:
                raise ImportRefused(
                    _("Filen har fler än %(max)s rader. Dela upp importen i flera filer.")
                    % {"max": f"{MAX_ROWS:,}".replace(",", " ")}
                )
            values = dict(zip(header, cells, strict=False))
            source_name = values.get("source", "").strip().lower()
            if source_name not in SOURCE_NAMES:
                parsed.errors.append(
                    RowError(
                        number,
                        _("Okänd källa ”%(raw)s”: ska vara kolada, folkhalsodata eller egen.")
                        % {"raw": values.get("source", "")},
                    )
                )
                continue
            _add(
                parsed,
                number,
                seen,
                source=SOURCE_NAMES[source_name],
                indicator=values.get("indicator"),
                area=values.get("area"),
                period=values.get("period"),
                gender=values.get("gender"),
                value=values.get("value"),
                status=values.get("status"),
                ci_low=values.get("ci_low"),
                ci_high=values.get("ci_high"),
            )
    except csv.Error:
        raise ImportRefused(
            _("CSV-filen kunde inte läsas. Kontrollera att det är en textfil med kommatecken.")
        ) from None
    return parsed


def parse_upload(data: bytes) -> Parsed:
    """JSON when the file starts with { (Kolada's response), else the CSV."""
    check_upload_size(len(data))
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return parse_kolada_json(data)
    return parse_csv(data)


@dataclass
class Preview:
    parsed: Parsed
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (source, id) not yet defined
    unknown_rows: int = 0

    @property
    def errors(self):
        return self.parsed.errors

    @property
    def has_errors(self) -> bool:
        return bool(self.parsed.errors)


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def _differs(existing: IndicatorValue, row: ValueRow) -> bool:
    return not (
        _same(existing.value, row.value)
        and existing.status == row.status
        and _same(existing.ci_low, row.ci_low)
        and _same(existing.ci_high, row.ci_high)
    )


def _existing(rows: list[ValueRow]):
    """Indicators by (source, id) and their stored values by key, for the indicators the rows name."""
    pairs = {(r.source, r.indicator) for r in rows}
    indicators = {}
    for source in {pair[0] for pair in pairs}:
        ids = [i for s, i in pairs if s == source]
        for indicator in Indicator.objects.filter(source=source, source_id__in=ids):
            indicators[(indicator.source, indicator.source_id)] = indicator
    values = {}
    for value in IndicatorValue.objects.filter(indicator__in=list(indicators.values())).select_related(
        "indicator"
    ):
        key = (value.indicator.source, value.indicator.source_id, value.area_code, value.period, value.gender)
        values[key] = value
    return indicators, values


def preview(parsed: Parsed, *, create: frozenset = frozenset()) -> Preview:
    """What an import would do. `create` holds the (source, id) pairs that would be created first."""
    result = Preview(parsed=parsed)
    indicators, values = _existing(parsed.rows)
    unknown = {}
    for row in parsed.rows:
        pair = (row.source, row.indicator)
        if pair not in indicators:
            unknown.setdefault(pair, 0)
            unknown[pair] += 1
            if pair not in create:
                result.unknown_rows += 1
                continue
        existing = values.get(row.key)
        if existing is None:
            result.new += 1
        elif _differs(existing, row):
            result.changed += 1
        else:
            result.unchanged += 1
    result.unknown = sorted(unknown)
    return result


@dataclass
class ImportResult:
    created_indicators: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: int = 0


def indicator_values_import(
    *, parsed: Parsed, titles: dict[tuple[str, str], str], file_name: str = "", user=None
) -> ImportResult:
    """Writes the parsed rows in one transaction: new indicators for the (source, id) pairs given a
    title, then the new values created and the changed ones updated in bulk, each with its history
    entry; unchanged values are not saved again. Rows of unknown indicators without a title are
    skipped. Refuses a file with bad rows."""
    if parsed.errors:
        raise ImportRefused(_("Filen har rader med fel och har inte lästs in."))
    result = ImportResult()
    now = timezone.now()
    history = {"default_user": user, "default_date": now, "batch_size": 500}
    with transaction.atomic():
        indicators, values = _existing(parsed.rows)
        for pair, title in titles.items():
            title = title.strip()
            if pair in indicators or not title:
                continue
            source, source_id = pair
            indicators[pair] = Indicator.objects.create(source=source, source_id=source_id, title=title[:300])
            result.created_indicators += 1
        new, changed = [], []
        for row in parsed.rows:
            indicator = indicators.get((row.source, row.indicator))
            if indicator is None:
                result.skipped += 1
                continue
            existing = values.get(row.key)
            if existing is not None and not _differs(existing, row):
                result.unchanged += 1
                continue
            value = existing or IndicatorValue(
                indicator=indicator, area_code=row.area, period=row.period, gender=row.gender
            )
            value.value, value.status, value.ci_low, value.ci_high = (
                row.value,
                row.status,
                row.ci_low,
                row.ci_high,
            )
            value.source, value.imported_at = file_name[:100], now
            (new if existing is None else changed).append(value)
        if new:
            bulk_create_with_history(new, IndicatorValue, **history)
        if changed:
            bulk_update_with_history(changed, IndicatorValue, UPDATED_FIELDS, **history)
        result.new, result.changed = len(new), len(changed)
    return result
