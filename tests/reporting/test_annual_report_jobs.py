"""Fastställ in the background: the request queues a job, the task worker (the database backend's
db_worker) renders and stores, the job page shows how it goes and offers the files."""

import datetime
import json

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from governance.models import DecisionBody
from reporting import annual_report, writers
from reporting.annual_jobs import freeze_start
from reporting.annual_report import annual_report_freeze
from reporting.models import AnnualReport, AnnualReportFile, AnnualReportJob
from reporting.services import round_close
from tests.conftest import PLAN_SLUG
from tests.factories import annual_round, submit_all
from tests.worker import run_tasks

FREEZE = f"/planer/{PLAN_SLUG}/arsrapport/faststall/"
FORMATS = ["pdf", "docx", "xlsx"]


@pytest.fixture
def round_2022(plan):
    round = annual_round(plan, 2022)
    submit_all(round)
    round_close(round=round)
    return round


@pytest.fixture
def params(round_2022):
    return {
        "omgang": round_2022.pk,
        "mottagare": "direktionen",
        "diarienummer": "KSON 2023/17",
        "forfattare": "P",
    }


@pytest.fixture
def quick_writers(monkeypatch):
    """Writers that return a few bytes at once and note which step the job showed while each ran."""
    seen = []

    def writer(format):
        def write(content, created=None):
            job = AnnualReportJob.objects.first()
            if job:
                seen.append((format, job.state, job.step))
            return f"{format} {content['cover']['title']}".encode()

        return write

    for format in FORMATS:
        monkeypatch.setitem(writers.WRITERS, format, writer(format))
    return seen


def broken(format, monkeypatch):
    def write(content, created=None):
        raise RuntimeError("renderer crashed")

    monkeypatch.setitem(writers.WRITERS, format, write)


def job_status(client, job):
    return json.loads(client.get(f"/arsrapporter/faststall/{job.pk}/status/").content)


def test_freezing_answers_at_once_with_a_queued_job_and_renders_nothing_in_the_request(
    client_for, params, monkeypatch
):
    for format in FORMATS:
        broken(format, monkeypatch)  # a render in the request would fail it
    client = client_for("processledare")
    response = client.post(FREEZE, params)
    job = AnnualReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/arsrapporter/faststall/{job.pk}/"
    assert job.state == "queued" and DBTaskResult.objects.get().status == "READY"
    assert not AnnualReport.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Fastställandet väntar på sin tur." in page and "annual_job.js" in page
    assert job_status(client, job)["finished"] is False


def test_the_worker_freezes_the_report_with_the_three_real_files(client_for, params):
    client = client_for("processledare")
    client.post(FREEZE, params)
    assert run_tasks() == 1
    job = AnnualReportJob.objects.get()
    report = AnnualReport.objects.get()
    assert (job.state, job.report, job.started_by.username) == ("done", report, "processledare")
    assert job.started_at and job.finished_at and job.attempts == 1
    files = {f.format: bytes(f.data) for f in report.files.all()}
    assert (
        files["pdf"].startswith(b"%PDF")
        and files["docx"].startswith(b"PK")
        and files["xlsx"].startswith(b"PK")
    )
    status = job_status(client, job)
    assert status["finished"] is True and status["state"] == "done"
    assert [file["label"] for file in status["files"]] == [
        "Ladda ner PDF",
        "Ladda ner Word",
        "Ladda ner Excel",
    ]
    assert status["report_url"] == report.get_absolute_url()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_the_job_shows_each_step_while_the_worker_renders(client_for, params, quick_writers):
    client_for("processledare").post(FREEZE, params)
    run_tasks()
    assert quick_writers == [
        ("pdf", "running", "pdf"),
        ("docx", "running", "docx"),
        ("xlsx", "running", "xlsx"),
    ]


def test_the_running_job_names_the_file_being_made(client_for, params):
    client = client_for("processledare")
    client.post(FREEZE, params)
    AnnualReportJob.objects.update(state="running", step="docx", started_at=timezone.now())
    status = job_status(client, AnnualReportJob.objects.get())
    assert (status["state_label"], status["text"]) == ("Pågår", "Tar fram Word-filen …")


def test_a_failed_render_stores_nothing_and_says_so_in_swedish(
    client_for, params, quick_writers, monkeypatch
):
    broken("docx", monkeypatch)
    client = client_for("processledare")
    client.post(FREEZE, params)
    run_tasks()
    job = AnnualReportJob.objects.get()
    assert job.state == "failed"
    assert job.error.startswith("Det gick inte att ta fram Word-filen, så rapporten är inte fastställd")
    assert not AnnualReport.objects.exists() and not AnnualReportFile.objects.exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Det gick inte att ta fram Word-filen" in page and "Försök igen" in page


def test_a_failure_while_storing_leaves_no_half_frozen_report(client_for, params, quick_writers, monkeypatch):
    create = AnnualReportFile.objects.create

    def third_file_fails(**kwargs):
        if kwargs["format"] == "xlsx":
            raise IntegrityError("disk full")
        return create(**kwargs)

    monkeypatch.setattr(AnnualReportFile.objects, "create", third_file_fails)
    client_for("processledare").post(FREEZE, params)
    run_tasks()
    assert AnnualReportJob.objects.get().state == "failed"
    assert not AnnualReport.objects.exists() and not AnnualReportFile.objects.exists()


def test_a_failed_job_is_retried_and_then_freezes_the_report(client_for, params, quick_writers, monkeypatch):
    broken("pdf", monkeypatch)
    client = client_for("processledare")
    client.post(FREEZE, params)
    run_tasks()
    job = AnnualReportJob.objects.get()
    monkeypatch.undo()  # the renderer works again
    response = client.post(f"/arsrapporter/faststall/{job.pk}/forsok-igen/")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.state, job.error) == ("queued", "")
    run_tasks()
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("done", 2)
    assert AnnualReport.objects.get().files.count() == 3


def test_a_job_whose_worker_died_counts_as_failed_and_can_be_retried(client_for, params, settings):
    client = client_for("processledare")
    client.post(FREEZE, params)
    long_ago = timezone.now() - datetime.timedelta(minutes=settings.ANNUAL_REPORT_JOB_TIMEOUT_MINUTES + 1)
    AnnualReportJob.objects.update(state="running", step="pdf", started_at=long_ago)
    page = client.get(AnnualReportJob.objects.get().get_absolute_url()).content.decode()
    assert "Arbetet avbröts innan rapporten var fastställd. Ingenting sparades." in page
    assert "Försök igen" in page and not AnnualReport.objects.exists()


@pytest.mark.parametrize("username", ["rapportor.soc", "rapportor.kson", "styrgrupp"])
def test_only_the_process_leader_follows_or_retries_a_freeze(
    client_for, params, quick_writers, monkeypatch, username
):
    broken("pdf", monkeypatch)
    client_for("processledare").post(FREEZE, params)
    run_tasks()
    job = AnnualReportJob.objects.get()
    other = client_for(username)
    assert other.get(job.get_absolute_url()).status_code == 403
    assert other.get(f"/arsrapporter/faststall/{job.pk}/status/").status_code == 403
    assert other.post(f"/arsrapporter/faststall/{job.pk}/forsok-igen/").status_code == 403
    job.refresh_from_db()
    assert job.state == "failed"


def test_starting_the_same_freeze_twice_queues_one_job(client_for, params):
    client = client_for("processledare")
    first = client.post(FREEZE, params)
    second = client.post(FREEZE, params)
    assert first["Location"] == second["Location"]
    assert AnnualReportJob.objects.count() == 1 and DBTaskResult.objects.count() == 1


@pytest.fixture
def arguments(plan, round_2022):
    return {
        "plan": plan,
        "round": round_2022,
        "decision_body": DecisionBody.objects.get(slug="direktionen"),
        "whole_plan": False,
        "diary_number": "",
        "author": "",
    }


def test_the_database_refuses_a_second_active_job_for_the_same_freeze(arguments, user):
    AnnualReportJob.objects.create(**arguments, started_by=user("processledare"))
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualReportJob.objects.create(**arguments, started_by=user("admin"))


def test_the_database_refuses_a_second_frozen_report_with_the_same_content(arguments, user, quick_writers):
    first = annual_report_freeze(**arguments, user=user("processledare"))
    fields = {
        name: getattr(first, name) for name in ("year", "title", "content", "content_sha256", "frozen_by")
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualReport.objects.create(**arguments, **fields)


def test_two_freezes_at_once_give_one_frozen_report(arguments, user, quick_writers, monkeypatch):
    """The job passes the check before rendering while the other freeze has not stored yet; the database
    refuses its report and the job ends on the one frozen first."""
    job = freeze_start(**arguments, user=user("processledare"))
    checks = []

    def other_freeze_stores_meanwhile(**scope):
        checks.append(scope)
        if len(checks) == 1:  # the job's check before rendering: nothing frozen yet
            monkeypatch.undo()
            checks.append(annual_report_freeze(**arguments, user=user("admin")))
            monkeypatch.setattr(annual_report, "_frozen_twin", other_freeze_stores_meanwhile)
            return None
        return real_twin(**scope)

    real_twin = annual_report._frozen_twin
    monkeypatch.setattr(annual_report, "_frozen_twin", other_freeze_stores_meanwhile)
    run_tasks()
    job.refresh_from_db()
    other = AnnualReport.objects.get()
    assert (job.state, job.report, job.already_frozen) == ("done", other, True)
    assert other.frozen_by.username == "admin"
    assert "redan fastställd" in job.progress_text


def test_a_frozen_file_is_served_from_the_stored_bytes_with_etag_and_length(
    client_for, params, quick_writers, monkeypatch
):
    client = client_for("processledare")
    client.post(FREEZE, params)
    run_tasks()
    report = AnnualReport.objects.get()
    for format in FORMATS:
        broken(format, monkeypatch)  # a download that rendered again would fail
    stored = report.files.get(format="pdf")
    response = client.get(f"/arsrapporter/{report.pk}/pdf/")
    assert response.status_code == 200 and response.content == bytes(stored.data)
    assert response["ETag"] == f'"{stored.sha256}"'
    assert response["Content-Length"] == str(len(bytes(stored.data)))


def test_a_frozen_file_the_browser_already_has_is_not_sent_again(client_for, params, quick_writers):
    client_for("processledare").post(FREEZE, params)
    run_tasks()
    report = AnnualReport.objects.get()
    client = client_for("rapportor.soc")
    etag = client.get(f"/arsrapporter/{report.pk}/xlsx/")["ETag"]
    again = client.get(f"/arsrapporter/{report.pk}/xlsx/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    other = client.get(f"/arsrapporter/{report.pk}/xlsx/", headers={"If-None-Match": '"abc"'})
    assert other.status_code == 200


def test_the_status_the_page_polls_costs_a_few_queries(
    client_for, params, quick_writers, django_assert_max_num_queries
):
    client = client_for("processledare")
    client.post(FREEZE, params)
    run_tasks()
    job = AnnualReportJob.objects.get()
    with django_assert_max_num_queries(5):  # session, user, job with its report, the files
        assert job_status(client, job)["finished"] is True
