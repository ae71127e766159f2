"""Names people type in the admin reach the charts: they are shown as text, never run as markup."""

import pytest
from django.utils.html import escape

from governance.models import Office
from measures.status import MeasureStatus, TrafficLight
from plan.models import TargetArea
from reporting.services import round_close
from tests.factories import annual_round, submit, submit_all

HOSTILE = 'x" onload="alert(1)" \'<b>&amp'
SHORT = "\"<i>'&"  # abbreviations hold at most 20 characters


@pytest.fixture
def hostile_names(plan):
    """Every target area, office and round carries quotes, angle brackets and an ampersand."""
    for area in TargetArea.objects.all():
        area.name = f"{area.name} {HOSTILE}"
        area.save()
    for office in Office.objects.all():
        office.name = f"{office.name} {HOSTILE}"
        office.abbreviation = f"{office.abbreviation}{SHORT}"
        office.save()
    earlier = annual_round(plan, 2022, name=f"Omgång 2022 {HOSTILE}")
    submit_all(earlier)
    round_close(round=earlier)
    latest = annual_round(plan, 2023, name=f"Omgång 2023 {HOSTILE}")
    submit(latest, "2.1.1", MeasureStatus.DONE, TrafficLight.GREEN)
    return earlier


def assert_only_escaped(html: str):
    assert escape(HOSTILE) in html  # the names did reach the page
    assert escape(SHORT) in html
    for raw in ('" onload="', "<b>", "<i>", "'&\"", '&amp"', "&amp "):
        assert raw not in html, raw


def svg_parts(html: str) -> str:
    return "".join(part.split("</svg>")[0] for part in html.split("<svg")[1:])


def test_dashboard_charts_escape_every_name(client_for, plan, hostile_names):
    html = client_for("styrgrupp").get(f"/planer/{plan.slug}/oversikt/").content.decode()
    assert_only_escaped(html)
    assert escape(HOSTILE) in svg_parts(html)  # in the charts themselves, attributes included
    assert 'aria-label="Utveckling över omgångarna: ' in html


def test_annual_report_preview_charts_escape_every_name(client_for, plan, hostile_names):
    params = {
        "omgang": hostile_names.pk,
        "mottagare": "direktionen",
        "diarienummer": "KSON 1",
        "forfattare": "P",
    }
    response = client_for("processledare").get(f"/planer/{plan.slug}/arsrapport/forhandsvisning/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert_only_escaped(html)
    assert "<svg" in html
