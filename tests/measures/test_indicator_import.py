"""Importing indicator values from Kolada JSON (v2 and v3) and the CSV: upsert, history, bad rows."""

import json

import pytest

from measures.indicator_import import (
    ImportRefused,
    indicator_values_import,
    parse_csv,
    parse_kolada_json,
    parse_upload,
    preview,
)
from measures.indicators import Indicator, IndicatorValue
from measures.spreadsheet import MAX_UPLOAD_BYTES, SpreadsheetRefused


def kolada_v2(entries):
    """The /v2/data/kpi/... response shape."""
    return json.dumps({"count": len(entries), "values": entries}).encode()


def kolada_v3(entries):
    """The /v3/data/kpi/... response shape (other paging fields, same values)."""
    return json.dumps({"total_hits": len(entries), "next_url": None, "values": entries}).encode()


def entry(kpi="N33820", municipality="0188", period=2020, values=None):
    return {
        "kpi": kpi,
        "municipality": municipality,
        "period": period,
        "values": values
        if values is not None
        else [
            {"gender": "T", "count": 1, "status": "", "value": 12.5},
            {"gender": "K", "count": 1, "status": "", "value": 14.0},
            {"gender": "M", "count": 1, "status": "", "value": 11.0},
        ],
    }


@pytest.fixture
def indicator(db):
    return Indicator.objects.create(source="kolada", source_id="N33820", title="Testindikator")


def load(data, titles=None):
    return indicator_values_import(parsed=parse_upload(data), titles=titles or {}, file_name="fil")


@pytest.mark.parametrize("shape", [kolada_v2, kolada_v3])
def test_kolada_json_values_are_stored_per_area_year_and_gender(indicator, shape):
    result = load(shape([entry(), entry(municipality="0000", period=2021)]))
    assert result.new == 6
    value = IndicatorValue.objects.get(indicator=indicator, area_code="0188", period=2020, gender="K")
    assert value.value == 14.0 and value.imported_at is not None


@pytest.mark.parametrize("shape", [kolada_v2, kolada_v3])
def test_loading_the_same_file_twice_changes_nothing(indicator, shape):
    data = shape([entry(), entry(period=2021)])
    load(data)
    history = IndicatorValue.history.count()
    assert preview(parse_upload(data)).unchanged == 6
    result = load(data)
    assert (result.new, result.changed, result.unchanged) == (0, 0, 6)
    assert IndicatorValue.history.count() == history


def test_a_changed_value_is_updated_and_its_old_value_kept_in_history(indicator):
    load(kolada_v2([entry()]))
    changed = entry(values=[{"gender": "T", "count": 1, "status": "", "value": 13.0}])
    assert preview(parse_upload(kolada_v2([changed]))).changed == 1
    result = load(kolada_v2([changed]))
    assert result.changed == 1
    value = IndicatorValue.objects.get(indicator=indicator, area_code="0188", period=2020, gender="T")
    assert value.value == 13.0
    assert [h.value for h in value.history.order_by("history_date")] == [12.5, 13.0]


def test_kolada_null_is_kept_as_missing_not_zero(indicator):
    load(kolada_v2([entry(values=[{"gender": "T", "count": 0, "status": "Missing", "value": None}])]))
    value = IndicatorValue.objects.get(indicator=indicator)
    assert value.value is None and value.status == "Missing"


@pytest.mark.parametrize(
    ("item", "period", "rows", "reason"),
    [
        ({"gender": "T", "value": "tolv"}, 2020, [2], "inte ett tal"),
        ({"gender": "X", "value": 1}, 2020, [2], "Okänt kön"),
        ({"gender": "T", "value": 1}, "2020H1", [1, 2], "inte ett år"),
    ],
)
def test_a_bad_json_row_is_named_with_its_number_and_reason_and_nothing_is_written(
    indicator, item, period, rows, reason
):
    good = {"gender": "K", "value": 2}
    parsed = parse_kolada_json(kolada_v2([entry(period=period, values=[good, item])]))
    assert [e.row for e in parsed.errors] == rows
    assert reason in parsed.errors[-1].reason
    with pytest.raises(ImportRefused):
        indicator_values_import(parsed=parsed, titles={})
    assert not IndicatorValue.objects.exists()


CSV = (
    "source,indicator,area,period,gender,value,status,ci_low,ci_high\n"
    'folkhalsodata,FHM-PSYK,0188,2020,T,"18,5",,16.1,20.9\n'
    "kolada,N33820,0188,2020,K,,Missing,,\n"
)


def test_csv_values_with_confidence_intervals_are_stored(indicator):
    Indicator.objects.create(source="folkhalsodata", source_id="FHM-PSYK", title="Psykisk ohälsa")
    result = load(CSV.encode())
    assert result.new == 2
    survey = IndicatorValue.objects.get(indicator__source_id="FHM-PSYK")
    assert (survey.value, survey.ci_low, survey.ci_high) == (18.5, 16.1, 20.9)
    assert IndicatorValue.objects.get(indicator=indicator).value is None
    assert load(CSV.encode()).unchanged == 2


def test_a_bad_csv_row_is_named_by_its_spreadsheet_row_and_nothing_is_written(indicator):
    data = CSV + "kolada,N33820,0188,2021,T,abc,,,\nkolada,N33820,0188,2022,Q,1,,,\n"
    parsed = parse_csv(data.encode())
    assert [(e.row, e.reason.split(" ")[0]) for e in parsed.errors] == [(4, "Värdet"), (5, "Okänt")]
    with pytest.raises(ImportRefused):
        indicator_values_import(parsed=parsed, titles={})
    assert not IndicatorValue.objects.exists()


def test_an_unknown_indicator_is_offered_for_creation_and_created_with_its_title(db):
    data = kolada_v2([entry(kpi="N99999")])
    result = preview(parse_upload(data))
    assert result.unknown == [("kolada", "N99999")] and result.unknown_rows == 3
    imported = load(data, titles={("kolada", "N99999"): "Nytt nyckeltal"})
    assert imported.created_indicators == 1 and imported.new == 3
    assert Indicator.objects.get(source_id="N99999").title == "Nytt nyckeltal"


def test_rows_of_an_unknown_indicator_without_a_title_are_skipped(db):
    result = load(kolada_v2([entry(kpi="N99999")]))
    assert result.skipped == 3 and not Indicator.objects.filter(source_id="N99999").exists()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"values": [', "inte giltig JSON"),
        (b'{"rows": []}', "Koladas form"),
        (b"kpi,year\nN1,2020\n", "saknar kolumnerna"),
        (b"\xff\xfe\x00", "UTF-8"),
        (b"x" * (MAX_UPLOAD_BYTES + 1), "för stor"),
    ],
)
def test_a_file_that_is_not_a_kolada_response_or_the_csv_is_refused_with_a_reason(data, reason):
    with pytest.raises(SpreadsheetRefused) as refused:
        parse_upload(data)
    assert reason in str(refused.value)


def test_the_readmes_example_csv_parses_without_errors():
    from django.conf import settings

    parsed = parse_csv((settings.BASE_DIR / "fixtures" / "indicator_values_example.csv").read_bytes())
    assert not parsed.errors and len(parsed.rows) == 6
    assert [r.value for r in parsed.rows if r.period == 2022 and r.source == "own"] == [None]
