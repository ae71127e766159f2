"""Nothing a user types produces a 500: every page, with junk in every parameter, for every role."""

import pytest
from django.contrib.auth import get_user_model

from reporting.models import Meeting
from tests.conftest import PLAN_SLUG
from tests.reporting.conftest import open_round, report_for

JUNK = {
    "omgang": "abc",
    "sida": "-1",
    "malomrade": "99",
    "verksamhet": "<script>alert(1)</script>",
    "ansvar": "x",
    "status": "'; DROP TABLE x; --",
    "ljus": "lila",
    "niva": "\x00",
    "rapport": "?",
    "sortera": "__class__",
    "q": "å" * 300,
    "typ": "hemlig",
    "mottagare": "okand",
    "hela_planen": "kanske",
    "diarienummer": "x" * 500,
}
P = f"/planer/{PLAN_SLUG}"


def pages(report, meeting):
    return [
        "/",
        "/mina-atgarder/",
        f"{P}/",
        f"{P}/oversikt/",
        f"{P}/atgarder/",
        f"{P}/atgarder/2.1.3/",
        f"{P}/atgarder/9.9.9/",
        f"{P}/organisation/",
        f"{P}/styrgrupp/moten/",
        f"{P}/styrgrupp/moten/nytt/",
        f"{P}/styrgrupp/moten/{meeting.pk}/",
        f"{P}/styrgrupp/moten/{meeting.pk}/andra/",
        f"{P}/stimulansmedel/",
        f"{P}/indikatorer/",
        f"{P}/indikatorer/import/",
        f"{P}/arsrapport/",
        f"{P}/arsrapport/forhandsvisning/",
        f"{P}/arsrapport/pdf/",
        f"{P}/arsrapport/faststallda/",
        "/arsrapporter/999/pdf/",
        "/uppfoljning/",
        f"/uppfoljning/{report.round_id}/",
        f"{P}/uppfoljning/ny/",
        f"/rapporter/{report.pk}/",
        "/api/plans.json",
        f"/api/plans/{PLAN_SLUG}.json",
        "/tillganglighet/",
    ]


@pytest.mark.parametrize("username", ["rapportor.soc", "styrgrupp", "processledare"])
def test_no_page_answers_500_to_junk_parameters(client, plan, username):
    round = open_round(plan)
    report = report_for(round, "2.1.3", "SoC")
    meeting = Meeting.objects.create(steering_group=plan.steering_group, date="2024-02-01")
    client.force_login(get_user_model().objects.get(username=username))
    for url in pages(report, meeting):
        for params in ({}, JUNK):
            assert client.get(url, params).status_code < 500, (url, params)
        assert client.post(url, JUNK).status_code < 500, url


ROUND = {"name": "Prövning", "kind": "annual", "grace_days": "0"}
SENSELESS_ROUNDS = {
    "year one": (
        {"period_start": "0001-01-01", "period_end": "0001-01-01", "deadline": "0001-01-01"},
        {"period_start", "period_end", "deadline"},
        "Ange ett datum mellan 2000-01-01 och 2100-12-31.",
    ),
    "the last day of 9999": (
        {"period_start": "2026-01-01", "period_end": "9999-12-31", "deadline": "9999-12-31"},
        {"period_end", "deadline"},
        "Ange ett datum mellan 2000-01-01 och 2100-12-31.",
    ),
    "a deadline before the period ends": (
        {"period_start": "2026-01-01", "period_end": "2026-12-31", "deadline": "2026-06-30"},
        {"deadline"},
        "Sista dag kan inte ligga före periodens slut",
    ),
}


@pytest.mark.parametrize("case", list(SENSELESS_ROUNDS))
def test_senseless_round_dates_get_a_swedish_message_and_open_no_round(client_for, plan, case):
    dates, fields, message = SENSELESS_ROUNDS[case]
    response = client_for("processledare").post(f"{P}/uppfoljning/ny/", {**ROUND, **dates})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == fields
    assert message in response.content.decode()
    assert not plan.rounds.filter(name="Prövning").exists()
