"""The import page (upload, preview, confirm), the indicator list and the indicators on a measure's page."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from measures.indicators import Indicator, IndicatorValue
from measures.models import Measure
from tests.conftest import PLAN_SLUG

IMPORT_URL = f"/planer/{PLAN_SLUG}/indikatorer/import/"
LIST_URL = f"/planer/{PLAN_SLUG}/indikatorer/"


def kolada_file(kpi="N33820", value=12.5, name="kolada.json"):
    entries = [
        {
            "kpi": kpi,
            "municipality": area,
            "period": year,
            "values": [{"gender": "T", "count": 1, "status": "", "value": value + year - 2018}],
        }
        for area in ("0188", "0000")
        for year in (2019, 2020, 2021, 2022, 2023)
    ]
    return SimpleUploadedFile(name, json.dumps({"values": entries}).encode(), content_type="application/json")


@pytest.fixture
def indicator(db):
    return Indicator.objects.create(source="kolada", source_id="N33820", title="Ohälsotal", better="lower")


def test_only_the_process_leader_reaches_the_import_page(client_for, plan):
    assert client_for("processledare").get(IMPORT_URL).status_code == 200
    for username in ("styrgrupp", "rapportor.soc"):
        assert client_for(username).get(IMPORT_URL).status_code == 403
        response = client_for(username).post(IMPORT_URL, {"file": kolada_file()})
        assert response.status_code == 403
        assert client_for(username).post(IMPORT_URL, {"bekrafta": "1"}).status_code == 403


def test_the_preview_counts_new_values_and_writes_nothing(client_for, indicator):
    response = client_for("processledare").post(IMPORT_URL, {"file": kolada_file()})
    assert response.status_code == 200
    assert "10 nya värden" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_confirming_writes_the_previewed_file(client_for, indicator):
    client = client_for("processledare")
    client.post(IMPORT_URL, {"file": kolada_file()})
    response = client.post(IMPORT_URL, {"bekrafta": "1"})
    assert response.status_code == 302 and response.url == LIST_URL
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 10
    assert {h.history_user.username for h in IndicatorValue.history.all()} == {"processledare"}


def test_confirm_without_a_preview_asks_for_the_file_again(client_for, indicator):
    response = client_for("processledare").post(IMPORT_URL, {"bekrafta": "1"})
    assert response.status_code == 400 and "Ladda upp filen igen" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_an_unknown_indicator_is_created_with_the_title_typed_in_the_preview(client_for, plan):
    client = client_for("processledare")
    assert "N99999" in client.post(IMPORT_URL, {"file": kolada_file(kpi="N99999")}).content.decode()
    client.post(IMPORT_URL, {"bekrafta": "1", "titel:kolada:N99999": "Nytt nyckeltal"})
    assert Indicator.objects.get(source_id="N99999").values.count() == 10


def test_bad_rows_are_listed_with_their_row_number_and_nothing_is_written(client_for, indicator):
    data = "source,indicator,area,period,gender,value\nkolada,N33820,0188,2020,T,1\nkolada,N33820,0188,tjugo,T,2\n"
    upload = SimpleUploadedFile("v.csv", data.encode(), content_type="text/csv")
    response = client_for("processledare").post(IMPORT_URL, {"file": upload})
    assert response.status_code == 400
    assert "<td>3</td><td>Perioden" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_file_that_is_not_json_or_csv_gets_a_reason_not_an_error_page(client_for, indicator):
    upload = SimpleUploadedFile("x.json", b'{"values": [', content_type="application/json")
    response = client_for("processledare").post(IMPORT_URL, {"file": upload})
    assert response.status_code == 400 and "inte giltig JSON" in response.content.decode()


def _load(indicator):
    from measures.indicator_import import indicator_values_import, parse_upload

    indicator_values_import(parsed=parse_upload(kolada_file().read()), titles={})


def test_a_measure_page_shows_its_indicators_chart_table_and_source(client_for, indicator):
    measure = Measure.objects.get(plan__slug=PLAN_SLUG, code="2.6.1")
    indicator.measures.add(measure)
    _load(indicator)
    page = client_for("rapportor.soc").get(measure.get_absolute_url()).content.decode()
    assert "Ohälsotal" in page and "<svg" in page and "<polyline" in page
    assert '<th scope="row">2020</th><td>14,5</td><td>14,5</td>' in page
    assert "Källa: Kolada (N33820)" in page
    assert "Sämre" in page  # lower is better, and the value rose from 2021 (the plan's start) to 2023


def test_the_dashboard_counts_per_target_area_the_indicators_that_moved_the_better_way(client_for, indicator):
    better = Indicator.objects.create(source="kolada", source_id="N11111", title="Stiger", better="higher")
    area = Measure.objects.get(plan__slug=PLAN_SLUG, code="2.6.1").target_area
    for each in (
        indicator,
        better,
    ):  # both rise from 2021 to 2023: worse for the first, better for the second
        each.target_areas.add(area)
    from measures.indicator_import import indicator_values_import, parse_upload

    indicator_values_import(parsed=parse_upload(kolada_file().read()), titles={})
    indicator_values_import(parsed=parse_upload(kolada_file(kpi="N11111").read()), titles={})
    page = client_for("styrgrupp").get(f"/planer/{PLAN_SLUG}/oversikt/").content.decode()
    better_url = f"{LIST_URL}?malomrade={area.number}&amp;utveckling=battre"
    assert f'<a href="{better_url}">1</a>' in page
    assert f'<a href="{LIST_URL}?malomrade={area.number}">2</a>' in page
    listed = (
        client_for("styrgrupp").get(f"{LIST_URL}?malomrade={area.number}&utveckling=battre").content.decode()
    )
    assert "Stiger" in listed and "Ohälsotal" not in listed
