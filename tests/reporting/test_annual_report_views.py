"""Who may generate and freeze the annual report, and what bad input gets back."""

import datetime

import pytest

from measures.status import RoundKind
from reporting.models import AnnualReport, AnnualReportJob
from reporting.services import round_close, round_open
from tests.conftest import PLAN_SLUG
from tests.factories import annual_round, submit_all
from tests.worker import run_tasks

BASE = f"/planer/{PLAN_SLUG}/arsrapport/"
GENERATING = ["", "forhandsvisning/", "pdf/", "word/", "excel/"]


@pytest.fixture
def params(plan):
    """A closed annual round for 2022, every report submitted: ready to freeze."""
    round = annual_round(plan, 2022)
    submit_all(round)
    round_close(round=round)
    return {
        "omgang": round.pk,
        "mottagare": "direktionen",
        "diarienummer": "KSON 2023/17",
        "forfattare": "Petra",
    }


@pytest.mark.parametrize("username", ["rapportor.soc", "rapportor.kson", "styrgrupp"])
@pytest.mark.parametrize("path", GENERATING)
def test_only_the_process_leader_may_generate_the_annual_report(client_for, params, username, path):
    assert client_for(username).get(BASE + path, params).status_code == 403


@pytest.mark.parametrize("username", ["rapportor.soc", "styrgrupp"])
def test_only_the_process_leader_may_freeze_the_annual_report(client_for, params, username):
    assert client_for(username).post(BASE + "faststall/", params).status_code == 403
    assert not AnnualReport.objects.exists()


def test_process_leader_sees_the_form_with_annual_rounds_first(client_for, plan, params):
    annual_round(plan, 2021)
    response = client_for("processledare").get(BASE)
    assert response.status_code == 200
    rounds = list(response.context["form"].fields["omgang"].queryset)
    assert [r.name for r in rounds] == ["Årsuppföljning 2022", "Årsuppföljning 2021"]


@pytest.mark.parametrize(
    "bad",
    [
        {"omgang": "999999"},
        {"omgang": "abc"},
        {"omgang": "99999999999999999999999"},
        {"omgang": ""},
        {"mottagare": "regeringen"},
        {"mottagare": ""},
        {"diarienummer": "x" * 101},
    ],
)
@pytest.mark.parametrize("path", ["forhandsvisning/", "pdf/", "word/", "excel/"])
def test_invalid_parameters_get_a_swedish_form_error_not_a_server_error(client_for, params, bad, path):
    response = client_for("processledare").get(BASE + path, {**params, **bad})
    assert response.status_code == 400
    assert "Rapporten kan inte tas fram" in response.content.decode()


def test_invalid_parameters_when_freezing_store_nothing(client_for, params):
    response = client_for("processledare").post(BASE + "faststall/", {**params, "mottagare": "x"})
    assert response.status_code == 400
    assert not AnnualReport.objects.exists()


def test_an_open_round_can_be_previewed_and_downloaded_but_not_frozen(client_for, plan, params):
    params = {**params, "omgang": annual_round(plan, 2023).pk}
    client = client_for("processledare")
    assert client.get(BASE + "forhandsvisning/", params).status_code == 200
    assert client.get(BASE + "pdf/", params).status_code == 200
    response = client.post(BASE + "faststall/", params)
    assert response.status_code == 400
    assert "Stäng omgången innan rapporten fastställs." in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_an_interim_round_cannot_be_frozen_even_when_closed(client_for, plan, params):
    interim = round_open(
        plan=plan,
        name="Delårsuppföljning 2023",
        kind=RoundKind.INTERIM,
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 8, 31),
        deadline=datetime.date(2023, 9, 15),
    )
    round_close(round=interim)
    response = client_for("processledare").post(BASE + "faststall/", {**params, "omgang": interim.pk})
    assert response.status_code == 400
    assert "Bara en årsuppföljning kan fastställas som årsrapport." in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_process_leader_previews_the_report_in_the_browser(client_for, params):
    response = client_for("processledare").get(BASE + "forhandsvisning/", params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Årsuppföljning 2022 till Direktionen – Tillsammans för psykisk hälsa" in page
    assert "Fastställ rapporten" in page


@pytest.mark.parametrize(
    "path, content_type, magic",
    [
        ("pdf/", "application/pdf", b"%PDF"),
        ("word/", "wordprocessingml", b"PK"),
        ("excel/", "spreadsheetml", b"PK"),
    ],
)
def test_process_leader_downloads_each_format(client_for, params, path, content_type, magic):
    response = client_for("processledare").get(BASE + path, params)
    assert response.status_code == 200
    assert content_type in response["Content-Type"]
    assert response["Content-Disposition"].startswith(
        'attachment; filename="arsuppfoljning-2022-direktionen.'
    )
    assert response.content.startswith(magic)


def test_freezing_redirects_to_the_job_which_ends_with_the_frozen_report_anyone_logged_in_can_read(
    client_for, params
):
    response = client_for("processledare").post(BASE + "faststall/", params)
    job = AnnualReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    run_tasks()
    report = AnnualReport.objects.get()
    assert report.get_absolute_url() in client_for("processledare").get(job.get_absolute_url()).content.decode()
    reader = client_for("rapportor.soc")
    assert reader.get(report.get_absolute_url()).status_code == 200
    assert reader.get(f"/arsrapporter/{report.pk}/pdf/").content == bytes(report.files.get(format="pdf").data)
    listing = reader.get(BASE + "faststallda/")
    assert report.title in listing.content.decode()


def test_a_second_click_on_faststall_does_not_freeze_twice(client_for, params):
    client = client_for("processledare")
    client.post(BASE + "faststall/", params)
    run_tasks()
    response = client.post(BASE + "faststall/", params)
    run_tasks()
    assert AnnualReport.objects.count() == 1
    assert "redan fastställd" in client.get(response["Location"]).content.decode()


def frozen(client, params):
    client.post(BASE + "faststall/", params)
    run_tasks()
    return AnnualReport.objects.get()


def test_frozen_reports_cannot_be_changed_or_deleted_through_any_method(client_for, params):
    client = client_for("processledare")
    report = frozen(client, params)
    for method in (client.post, client.put, client.delete):
        assert method(report.get_absolute_url()).status_code == 405
    admin = client_for("admin")
    assert admin.get(f"/admin/reporting/annualreport/{report.pk}/delete/").status_code == 403


def test_unknown_frozen_format_is_not_found(client_for, params):
    client = client_for("processledare")
    report = frozen(client, params)
    assert client.get(f"/arsrapporter/{report.pk}/exe/").status_code == 404


def test_the_navigation_links_to_the_annual_report_only_for_the_process_leader(client_for):
    assert "Årsrapport" in client_for("processledare").get("/mina-atgarder/").content.decode()
    assert "Årsrapport" not in client_for("rapportor.soc").get("/mina-atgarder/").content.decode()


def test_preview_of_an_open_round_explains_why_it_cannot_be_frozen_yet(client_for, plan):
    round = annual_round(plan, 2023)
    page = client_for("processledare").get(
        BASE + "forhandsvisning/", {"omgang": round.pk, "mottagare": "direktionen"}
    ).content.decode()
    assert "Stäng omgången innan rapporten fastställs." in page
    assert "Fastställ rapporten" not in page
