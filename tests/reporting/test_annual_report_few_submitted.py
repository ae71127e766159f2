"""Fastställ with reports missing: the process leader sees the numbers and confirms; with nothing
submitted the report cannot be frozen at all."""

import pytest
from django.core.exceptions import ValidationError

from measures.models import Responsibility
from reporting.annual_report import validate_freezable
from reporting.models import AnnualReport
from reporting.services import round_close
from tests.conftest import PLAN_SLUG
from tests.factories import annual_round, submit_all
from tests.worker import run_tasks

FREEZE = f"/planer/{PLAN_SLUG}/arsrapport/faststall/"
PREVIEW = f"/planer/{PLAN_SLUG}/arsrapport/forhandsvisning/"


def closed_round(plan, skip_codes=(), submit=True):
    round = annual_round(plan, 2022)
    if submit:
        submit_all(round, skip_codes=skip_codes)
    round_close(round=round)
    return round


def choices(round):
    return {"omgang": round.pk, "mottagare": "direktionen", "diarienummer": "", "forfattare": "P"}


def test_a_round_with_nothing_submitted_cannot_be_frozen(plan):
    round = closed_round(plan, submit=False)
    expected = Responsibility.objects.filter(measure__plan=plan).count()
    with pytest.raises(ValidationError) as refused:
        validate_freezable(round)
    assert refused.value.messages[0].startswith(f"Ingen av omgångens {expected} rapporter är inlämnad")


def test_the_preview_of_a_round_with_nothing_submitted_offers_no_fastställ(client_for, plan):
    round = closed_round(plan, submit=False)
    page = client_for("processledare").get(PREVIEW, choices(round)).content.decode()
    assert "Ingen av omgångens" in page and "Fastställ rapporten" not in page


def test_freezing_a_round_with_nothing_submitted_is_refused_and_stores_nothing(client_for, plan):
    round = closed_round(plan, submit=False)
    response = client_for("processledare").post(FREEZE, {**choices(round), "bekrafta": "on"})
    assert response.status_code == 400
    assert not AnnualReport.objects.exists()


def test_the_preview_warns_with_submitted_and_expected_when_reports_are_missing(client_for, plan):
    round = closed_round(plan, skip_codes=("2.1.3",))
    expected = Responsibility.objects.filter(measure__plan=plan).count()
    missing = Responsibility.objects.filter(measure__plan=plan, measure__code="2.1.3").count()
    page = client_for("processledare").get(PREVIEW, choices(round)).content.decode()
    assert f"Bara {expected - missing} av {expected} rapporter är inlämnade." in page
    assert "Ja, fastställ rapporten fast alla rapporter inte är inlämnade" in page


def test_freezing_with_reports_missing_needs_the_confirmation(client_for, plan):
    round = closed_round(plan, skip_codes=("2.1.3",))
    client = client_for("processledare")
    refused = client.post(FREEZE, choices(round))
    assert refused.status_code == 400 and "Bekräfta i förhandsvisningen" in refused.content.decode()
    assert not AnnualReport.objects.exists()
    assert client.post(FREEZE, {**choices(round), "bekrafta": "on"}).status_code == 302
    run_tasks()
    assert AnnualReport.objects.filter(round=round).count() == 1


def test_a_complete_round_is_frozen_without_a_question(client_for, plan):
    round = closed_round(plan)
    page = client_for("processledare").get(PREVIEW, choices(round)).content.decode()
    assert "rapporter är inlämnade." not in page
