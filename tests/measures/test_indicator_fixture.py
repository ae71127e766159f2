"""The plan's indicator definitions: only figures the plan's own analysis cites, linked to the measure that
names them; no values are shipped."""

import json
import re

import pytest
from django.conf import settings
from django.core.management import call_command

from measures.indicators import Indicator, IndicatorValue
from tests.plan_text import measure_blocks, normalised_text

FIXTURE = settings.BASE_DIR / "fixtures" / "indicators_tillsammans.json"


def definitions():
    return [item["fields"] for item in json.loads(FIXTURE.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("fields", definitions(), ids=lambda f: f["source_id"])
def test_each_definition_quotes_the_plans_analysis(fields):
    quote = re.search(r"”(.+?)”", fields["description"]).group(1).rstrip(".")
    assert quote in normalised_text()


def test_the_definitions_link_the_measures_whose_need_they_measure():
    needs = {f["source_id"]: measure_blocks()[f["measures"][0][1]] for f in definitions()}
    assert needs["N00957"].startswith("2.6.1 Ohälsotalen är bland de högsta i länet")
    assert needs["N15419"].startswith(
        "2.2.1 En hög andel elever i årskurs 9 når inte kunskapskraven i alla ämnen"
    )
    assert needs["elevenkat-ak9-sexuella-bilder"].startswith("2.2.4 Flickor är en riskgrupp")


def test_the_fixture_loads_twice_without_duplicates_and_ships_no_values(plan):
    call_command("loaddata", str(FIXTURE), verbosity=0)
    call_command("loaddata", str(FIXTURE), verbosity=0)
    assert Indicator.objects.count() == len(definitions())
    ohalsotal = Indicator.objects.get(source="kolada", source_id="N00957")
    assert [m.code for m in ohalsotal.measures.all()] == ["2.6.1"]
    assert [a.number for a in ohalsotal.target_areas.all()] == [6]
    assert not IndicatorValue.objects.exists()
