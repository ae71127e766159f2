"""Changing who is responsible for a measure during an open round: one lead office everywhere, a slot for a
new office, no empty slot for a removed one, and a report already written is kept."""

import tablib

from governance.models import Office
from measures.models import Measure, Responsibility
from measures.status import MeasureStatus, ReportState, TrafficLight
from tests.admin_forms import change_form_data, inline_rows
from tests.conftest import PLAN_SLUG
from tests.factories import submit_report
from tests.reporting.conftest import report_for

CODE = "2.1.3"  # Ansvar in the plan: SoC (lead), KSON
PREFIX = "responsibilities"


def change_page(client, code=CODE):
    measure = Measure.objects.get(code=code)
    url = f"/admin/measures/measure/{measure.pk}/change/"
    return url, client.get(url)


def row_index(page, office):
    rows = inline_rows(page, PREFIX)
    return next(i for i, form in enumerate(rows) if form.instance.office.abbreviation == office)


def save(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]


def lead_offices_on_measure_page(client, code=CODE):
    page = client.get(f"/planer/{PLAN_SLUG}/atgarder/{code}/").content.decode()
    return [o.abbreviation for o in Office.objects.all() if f"({o.abbreviation}) – <strong>huvudansvarig" in page]


def test_reordering_offices_in_the_admin_moves_the_lead_in_the_open_round_and_on_the_measure_page(
    client_for, round
):
    submit_report(report_for(round, CODE, "KSON"), status=MeasureStatus.DONE, light=TrafficLight.GREEN)
    client = client_for("processledare")
    url, page = change_page(client)
    data = change_form_data(page)
    data[f"{PREFIX}-{row_index(page, 'SoC')}-position"] = "2"
    data[f"{PREFIX}-{row_index(page, 'KSON')}-position"] = "1"
    save(client, url, data)

    assert Measure.objects.get(code=CODE).lead_office.abbreviation == "KSON"
    assert lead_offices_on_measure_page(client) == ["KSON"]
    assert report_for(round, CODE, "KSON").is_lead and not report_for(round, CODE, "SoC").is_lead
    assert list(round.reports.lead().filter(measure__code=CODE).values_list("office__abbreviation", flat=True)) == [
        "KSON"
    ]
    # KSON's submitted report is now the lead office's: it sets the measure's status.
    measure = Measure.objects.get(code=CODE)
    assert (measure.status, measure.traffic_light) == (MeasureStatus.DONE, TrafficLight.GREEN)


def test_an_office_added_in_the_admin_during_an_open_round_gets_a_report_slot(client_for, round):
    client = client_for("processledare")
    url, page = change_page(client)
    data = change_form_data(page)
    n = int(data[f"{PREFIX}-TOTAL_FORMS"])
    data[f"{PREFIX}-TOTAL_FORMS"] = str(n + 1)
    data[f"{PREFIX}-{n}-office"] = str(Office.objects.get(abbreviation="BoU").pk)
    data[f"{PREFIX}-{n}-position"] = "3"
    save(client, url, data)

    slot = report_for(round, CODE, "BoU")
    assert (slot.state, slot.is_lead) == (ReportState.MISSING, False)


def test_a_removed_offices_empty_slot_goes_from_the_open_round(client_for, round):
    client = client_for("processledare")
    url, page = change_page(client)
    data = change_form_data(page)
    data[f"{PREFIX}-{row_index(page, 'KSON')}-DELETE"] = "on"
    save(client, url, data)

    assert list(round.reports.filter(measure__code=CODE).values_list("office__abbreviation", flat=True)) == ["SoC"]


def test_a_removed_offices_submitted_report_is_kept_and_shown_as_a_former_responsibility(client_for, round):
    submit_report(report_for(round, CODE, "KSON"), status=MeasureStatus.IN_PROGRESS, done="Gjort av KSON.")
    client = client_for("processledare")
    url, page = change_page(client)
    data = change_form_data(page)
    data[f"{PREFIX}-{row_index(page, 'KSON')}-DELETE"] = "on"
    save(client, url, data)

    kept = report_for(round, CODE, "KSON")
    assert kept.is_submitted and kept.done_text == "Gjort av KSON." and not kept.is_lead
    page = client.get(f"/planer/{PLAN_SLUG}/atgarder/{CODE}/").content.decode()
    assert "Kommunalförbundet sjukvård och omsorg i Norrtälje (tidigare ansvar)" in page


def test_the_admin_keeps_positions_one_to_n_without_gaps(client_for, round):
    client = client_for("processledare")
    url, page = change_page(client)
    data = change_form_data(page)
    data[f"{PREFIX}-{row_index(page, 'SoC')}-position"] = "4"
    data[f"{PREFIX}-{row_index(page, 'KSON')}-position"] = "9"
    save(client, url, data)

    positions = Responsibility.objects.filter(measure__code=CODE).order_by("position")
    assert [(r.office.abbreviation, r.position) for r in positions] == [("SoC", 1), ("KSON", 2)]


def test_an_office_added_by_import_during_an_open_round_gets_a_report_slot(round):
    from reporting.admin import ResponsibilityRoundsResource  # the resource the admin's import uses

    data = tablib.Dataset([PLAN_SLUG, CODE, "BoU", 7], headers=["plan", "measure", "office", "position"])
    result = ResponsibilityRoundsResource().import_data(data, dry_run=False)
    assert not (result.has_errors() or result.has_validation_errors())

    assert report_for(round, CODE, "BoU").state == ReportState.MISSING
    assert Responsibility.objects.get(measure__code=CODE, office__abbreviation="BoU").position == 3
