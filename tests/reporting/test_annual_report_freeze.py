"""Fastställ: a frozen report is a record that later edits never change."""

import datetime
import hashlib
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from governance.models import DecisionBody, Office
from measures.models import Measure, Responsibility
from measures.status import MeasureStatus, RoundKind
from reporting.annual_report import (
    AlreadyFrozen,
    annual_report_freeze,
    compare,
    previous_frozen,
)
from reporting.models import AnnualReport
from reporting.services import round_close, round_open
from tests.factories import annual_round, submit_all, submit_report


@pytest.fixture
def freeze(plan, user):
    """Freezes a round's report, closing the round first as the process leader does."""

    def freeze(round, body="direktionen", close=True, **kwargs):
        if close and round.is_open:
            round_close(round=round)
        return annual_report_freeze(
            plan=plan,
            round=round,
            decision_body=DecisionBody.objects.get(slug=body),
            whole_plan=False,
            diary_number="KSON 2023/17",
            author="Petra Processledare",
            user=user("processledare"),
            **kwargs,
        )

    return freeze


@pytest.fixture
def round_2022(plan):
    round = annual_round(plan, 2022)
    submit_all(round)
    return round


def sha256_of_content(content: dict) -> str:
    """The content checksum as anyone can recompute it: SHA-256 of the canonical JSON (sorted keys,
    no spaces, UTF-8)."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_freezing_stores_the_content_three_files_their_checksums_the_author_and_time(
    freeze, round_2022, client_for
):
    when = timezone.make_aware(datetime.datetime(2023, 2, 20, 10, 0))
    report = freeze(round_2022, now=when)
    report.refresh_from_db()
    assert report.content_sha256 == sha256_of_content(report.content)
    assert (report.year, report.frozen_at, report.frozen_by.username) == (2022, when, "processledare")
    assert report.content["cover"]["date"] == "2023-02-20"
    files = {f.format: f for f in report.files.all()}
    assert sorted(files) == ["docx", "pdf", "xlsx"]
    client = client_for("processledare")
    for format, stored in files.items():
        downloaded = client.get(f"/arsrapporter/{report.pk}/{format}/")
        assert downloaded.content == bytes(stored.data)
        assert hashlib.sha256(downloaded.content).hexdigest() == stored.sha256 == downloaded["X-Content-SHA256"]
    assert bytes(files["pdf"].data).startswith(b"%PDF")


def test_frozen_files_do_not_change_when_a_measure_and_its_report_change_afterwards(
    freeze, round_2022, client_for
):
    report = freeze(round_2022)
    before = {f.format: (f.sha256, bytes(f.data)) for f in report.files.all()}
    content_before = report.content_sha256

    Measure.objects.filter(plan=report.plan, code="2.1.1").update(
        need="Helt ny text", status=MeasureStatus.DONE
    )
    submit_report(
        round_2022.reports.get(measure__code="2.1.1", is_lead=True), status=MeasureStatus.DONE, done="Ändrat"
    )

    report = AnnualReport.objects.get(pk=report.pk)
    assert report.content_sha256 == content_before == sha256_of_content(report.content)
    client = client_for("processledare")
    for format, (checksum, data) in before.items():
        response = client.get(f"/arsrapporter/{report.pk}/{format}/")
        assert response.status_code == 200
        assert response.content == data
        assert hashlib.sha256(response.content).hexdigest() == checksum == response["X-Content-SHA256"]


def test_freezing_the_same_unchanged_report_twice_is_refused(freeze, round_2022):
    first = freeze(round_2022)
    with pytest.raises(AlreadyFrozen) as refused:
        freeze(round_2022)
    assert refused.value.report == first
    assert AnnualReport.objects.count() == 1


def test_a_frozen_report_is_compared_with_the_previous_years_for_the_same_body(plan, freeze):
    round_2021 = annual_round(plan, 2021)
    for code in ("2.1.1", "2.1.4", "2.3.2"):
        submit_report(
            round_2021.reports.get(measure__code=code, is_lead=True), status=MeasureStatus.IN_PROGRESS
        )
    last_year = freeze(round_2021)
    round_2022 = annual_round(plan, 2022)
    submit_report(round_2022.reports.get(measure__code="2.1.1", is_lead=True), status=MeasureStatus.DONE)
    submit_report(
        round_2022.reports.get(measure__code="2.1.4", is_lead=True), status=MeasureStatus.IN_PROGRESS
    )
    submit_report(
        round_2022.reports.get(measure__code="2.3.2", is_lead=True), status=MeasureStatus.TRANSFERRED
    )
    this_year = freeze(round_2022)

    assert previous_frozen(this_year) == last_year
    changes = compare(this_year.content, last_year.content)
    assert [row["code"] for row in changes["changed"]] == ["2.1.1", "2.3.2"]
    assert [row["code"] for row in changes["closed"]] == ["2.1.1", "2.3.2"]
    assert changes["changed"][0]["previous_status_label"] == "Pågår"
    assert changes["new"] == changes["removed"] == []


def test_measures_that_enter_or_leave_the_bodys_scope_are_listed_as_new_or_removed(plan, freeze):
    last_year = annual_round(plan, 2021)
    submit_all(last_year)
    last_year = freeze(last_year)
    Responsibility.objects.filter(
        measure__plan=plan, measure__code="2.1.3", office__abbreviation="KSON"
    ).delete()
    Responsibility.objects.create(
        measure=Measure.objects.get(plan=plan, code="2.1.2"),
        office=Office.objects.get(abbreviation="KSON"),
        position=2,
    )
    this_year = annual_round(plan, 2022)
    submit_all(this_year)
    this_year = freeze(this_year)
    changes = compare(this_year.content, last_year.content)
    assert [row["code"] for row in changes["new"]] == ["2.1.2"]
    assert [row["code"] for row in changes["removed"]] == ["2.1.3"]


def test_an_open_round_cannot_be_frozen(freeze, round_2022):
    with pytest.raises(ValidationError) as refused:
        freeze(round_2022, close=False)
    assert refused.value.messages == ["Stäng omgången innan rapporten fastställs."]
    assert not AnnualReport.objects.exists()


def test_an_interim_round_cannot_be_frozen_as_an_annual_report(plan, freeze):
    interim = round_open(
        plan=plan,
        name="Delårsuppföljning 2022",
        kind=RoundKind.INTERIM,
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 8, 31),
        deadline=datetime.date(2022, 9, 15),
    )
    with pytest.raises(ValidationError) as refused:
        freeze(interim)
    assert refused.value.messages == ["Bara en årsuppföljning kan fastställas som årsrapport."]
    assert not AnnualReport.objects.exists()
