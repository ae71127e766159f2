"""A large report that is not frozen is rendered by the task worker, not inside the request."""

import json

import pytest

from reporting import writers
from reporting.models import AnnualReportDownload
from reporting.services import round_close
from tests.conftest import PLAN_SLUG
from tests.factories import annual_round, submit_all
from tests.worker import run_tasks

BASE = f"/planer/{PLAN_SLUG}/arsrapport/"


@pytest.fixture
def params(plan):
    round = annual_round(plan, 2022)
    submit_all(round)
    round_close(round=round)
    return {"omgang": round.pk, "mottagare": "direktionen", "diarienummer": "", "forfattare": "P"}


@pytest.fixture
def large(settings):
    """Every report counts as large."""
    settings.ANNUAL_REPORT_BACKGROUND_MEASURES = 0


def test_a_large_report_is_queued_and_the_request_renders_nothing(client_for, params, large, monkeypatch):
    def write(content, created=None):
        raise AssertionError("rendered in the request")

    monkeypatch.setitem(writers.WRITERS, "xlsx", write)
    client = client_for("processledare")
    response = client.get(BASE + "excel/", params)
    download = AnnualReportDownload.objects.get()
    assert response.status_code == 302 and response["Location"] == download.get_absolute_url()
    assert (download.state, download.format) == ("queued", "xlsx")
    assert "Excel-filen väntar på sin tur." in client.get(response["Location"]).content.decode()


def test_the_worker_renders_the_file_which_the_page_then_offers(client_for, params, large):
    client = client_for("processledare")
    location = client.get(BASE + "excel/", params)["Location"]
    run_tasks()
    download = AnnualReportDownload.objects.get()
    status = json.loads(client.get(location + "status/").content)
    assert status["finished"] is True and status["text"] == "Excel-filen är klar att ladda ner."
    assert status["files"][0]["label"] == "Ladda ner Excel"
    file = client.get(status["files"][0]["url"])
    assert file.content.startswith(b"PK") and file["Content-Length"] == str(len(file.content))
    assert file["Content-Disposition"] == 'attachment; filename="arsuppfoljning-2022-direktionen.xlsx"'
    assert file["ETag"] == f'"{download.sha256}"'


def test_a_failed_render_says_so_in_swedish(client_for, params, large, monkeypatch):
    def write(content, created=None):
        raise RuntimeError("renderer crashed")

    monkeypatch.setitem(writers.WRITERS, "pdf", write)
    client = client_for("processledare")
    location = client.get(BASE + "pdf/", params)["Location"]
    run_tasks()
    assert "Det gick inte att ta fram PDF-filen." in client.get(location).content.decode()
    assert client.get(location + "fil/").status_code == 404


def test_a_report_below_the_threshold_downloads_at_once(client_for, params):
    response = client_for("processledare").get(BASE + "excel/", params)
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert not AnnualReportDownload.objects.exists()


@pytest.mark.parametrize("username", ["rapportor.soc", "styrgrupp", "admin"])
def test_only_the_process_leader_who_asked_gets_the_download(client_for, params, large, username):
    location = client_for("processledare").get(BASE + "excel/", params)["Location"]
    run_tasks()
    other = client_for(username)
    for path in ("", "status/", "fil/"):
        assert other.get(location + path).status_code == 403
