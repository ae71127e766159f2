"""Every view that changes data, for every role: allowed or refused on the server, and a refusal changes nothing.

Add each new data-changing endpoint to ENDPOINTS.
"""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from governance.models import DecisionBody
from reporting.models import (
    AnnualReport,
    AnnualReportJob,
    FollowUpRound,
    Meeting,
    StimulusAllocation,
    StimulusFundYear,
)
from reporting.services import round_close
from tests.factories import annual_round, submit_all
from tests.reporting.conftest import open_round, report_for, report_post
from tests.reporting.meeting_helpers import meeting_post

ROLES = ["anonymous", "rapportor.soc", "rapportor.kson", "styrgrupp", "processledare", "admin"]


def _report_edit(ctx):
    report = report_for(ctx["round"], "2.1.3", "SoC")
    return f"/rapporter/{report.pk}/", report_post(report)


def _report_reopen(ctx):
    report = report_for(ctx["round"], "2.1.3", "SoC")
    report.state = "submitted"
    report.save()
    return f"/rapporter/{report.pk}/oppna-igen/", {}


def _round_create(ctx):
    data = {
        "name": "Ny omgång",
        "kind": "annual",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "deadline": "2027-01-20",
        "grace_days": "0",
    }
    return f"/planer/{ctx['plan'].slug}/uppfoljning/ny/", data


def _round_close(ctx):
    return f"/uppfoljning/{ctx['round'].pk}/stang/", {"bekrafta": "ja"}


def _round_reopen(ctx):
    round_close(round=ctx["round"])
    return f"/uppfoljning/{ctx['round'].pk}/oppna-igen/", {"reason": "SoC fick fel sista dag"}


def _meeting_create(ctx):
    return f"/planer/{ctx['plan'].slug}/styrgrupp/moten/nytt/", meeting_post(ctx["plan"])


def _meeting_edit(ctx):
    meeting = Meeting.objects.create(steering_group=ctx["plan"].steering_group, date="2024-02-01")
    return f"/planer/{ctx['plan'].slug}/styrgrupp/moten/{meeting.pk}/andra/", meeting_post(ctx["plan"])


def _fund_year_save(ctx):
    return f"/planer/{ctx['plan'].slug}/stimulansmedel/ar/", {"year": "2025", "amount_available": "1000"}


def _allocation_create(ctx):
    year = StimulusFundYear.objects.create(plan=ctx["plan"], year=2024, amount_available=Decimal(100_000))
    data = {"fund_year": year.pk, "purpose": "Gruppledarutbildning", "amount": "10"}
    return f"/planer/{ctx['plan'].slug}/stimulansmedel/fordelning/", data


def _annual_report_freeze(ctx):
    round = annual_round(ctx["plan"], 2022)
    submit_all(round)
    round_close(round=round)
    data = {"omgang": round.pk, "mottagare": "direktionen", "diarienummer": "KSON 2023/17", "forfattare": "P"}
    return f"/planer/{ctx['plan'].slug}/arsrapport/faststall/", data


def _annual_report_retry(ctx):
    round = annual_round(ctx["plan"], 2022)
    submit_all(round)
    round_close(round=round)
    job = AnnualReportJob.objects.create(
        plan=ctx["plan"],
        round=round,
        decision_body=DecisionBody.objects.get(slug="direktionen"),
        state=AnnualReportJob.State.FAILED,
        error="Det gick inte att ta fram PDF-filen.",
        started_by=get_user_model().objects.get(username="processledare"),
    )
    return f"/arsrapporter/faststall/{job.pk}/forsok-igen/", {}


def _annual_report_own_words(ctx):
    round = annual_round(ctx["plan"], 2022)
    data = {"omgang": round.pk, "mottagare": "direktionen", "analys": "Analys", "forslag": "", "version": "0"}
    return f"/planer/{ctx['plan'].slug}/arsrapport/analys/", data


def _plan_rollover(ctx):
    round_close(round=ctx["round"])
    carried = ctx["plan"].measures.get(code="2.1.1")
    data = {
        "name": "Tillsammans 2023–2026",
        "slug": "tillsammans-2023",
        "implementation_start": "2023",
        "implementation_end": "2026",
        "atgarder": [str(carried.pk)],
    }
    return f"/planer/{ctx['plan'].slug}/ny-planperiod/", data


def _admin_revert(model_name, obj, **change):
    """An object with an earlier version, and the admin's history page for that version (read only)."""
    obj.save()
    for field, value in change.items():
        setattr(obj, field, value)
    obj.save()
    oldest = obj.history.order_by("history_id").first()
    return f"/admin/{obj._meta.app_label}/{model_name}/{obj.pk}/history/{oldest.history_id}/", {}


def _revert_report(ctx):
    report = report_for(ctx["round"], "2.1.3", "SoC")
    return _admin_revert("statusreport", report, done_text="Inskickad text")


def _revert_meeting(ctx):
    meeting = Meeting.objects.create(steering_group=ctx["plan"].steering_group, date="2024-02-01")
    return _admin_revert("meeting", meeting, location="Rimbo")


def _revert_fund_year(ctx):
    year = StimulusFundYear.objects.create(plan=ctx["plan"], year=2024, amount_available=Decimal(100))
    return _admin_revert("stimulusfundyear", year, amount_available=Decimal(1000))


def _revert_measure(ctx):
    measure = ctx["plan"].measures.get(code="2.1.1")
    return _admin_revert("measure", measure, status_note="Ny anteckning")


def _admin_history_list(ctx):
    measure = ctx["plan"].measures.get(code="2.1.1")
    return f"/admin/measures/measure/{measure.pk}/history/", {}


STEERING = {"styrgrupp", "processledare", "admin"}
PROCESS_LEADER = {"processledare", "admin"}

# name -> (build url and data, roles allowed)
ENDPOINTS = {
    "write SoC's report": (_report_edit, {"rapportor.soc", *PROCESS_LEADER}),
    "reopen SoC's report": (_report_reopen, {"rapportor.soc", *PROCESS_LEADER}),
    "open a round": (_round_create, PROCESS_LEADER),
    "close a round": (_round_close, PROCESS_LEADER),
    "reopen a closed round": (_round_reopen, PROCESS_LEADER),
    "record a meeting": (_meeting_create, STEERING),
    "edit a meeting": (_meeting_edit, STEERING),
    "set a year's stimulus funds": (_fund_year_save, STEERING),
    "allocate stimulus funds": (_allocation_create, STEERING),
    "freeze the annual report": (_annual_report_freeze, PROCESS_LEADER),
    "retry a failed freeze of the annual report": (_annual_report_retry, PROCESS_LEADER),
    "write the annual report's analysis": (_annual_report_own_words, PROCESS_LEADER),
    "roll the plan over into a new period": (_plan_rollover, PROCESS_LEADER),
    # The admin's history is read only for everybody: a revert would bypass the app's rules.
    "revert a report in the admin": (_revert_report, set()),
    "revert a meeting in the admin": (_revert_meeting, set()),
    "revert a stimulus fund year in the admin": (_revert_fund_year, set()),
    "revert a measure in the admin": (_revert_measure, set()),
    "post to a measure's admin history": (_admin_history_list, set()),
}
ADMIN_USERS = PROCESS_LEADER


def refusal(url: str, role: str) -> tuple[int, str | None]:
    """The expected answer to a refused request, and the login page it redirects to (if any)."""
    if role == "anonymous":
        return 302, "/konto/logga-in/"
    if url.startswith("/admin/"):
        return (405, None) if role in ADMIN_USERS else (302, "/admin/login/")
    return 403, None


def data_fingerprint():
    """Rows in every history table plus the rounds: any write shows up here."""
    historical = [m for m in apps.get_models() if m.__name__.startswith("Historical")]
    return [m.objects.count() for m in historical] + [
        list(StimulusFundYear.objects.values_list("amount_available", flat=True)),
        FollowUpRound.objects.count(),
        FollowUpRound.objects.filter(status="closed").count(),
        StimulusAllocation.objects.count(),
        AnnualReport.objects.count(),
    ]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_data_changing_views_enforce_roles_on_the_server(client, plan, endpoint, role):
    build, allowed = ENDPOINTS[endpoint]
    ctx = {"plan": plan, "round": open_round(plan)}
    url, data = build(ctx)
    if role != "anonymous":
        client.force_login(get_user_model().objects.get(username=role))
    before = data_fingerprint()
    response = client.post(url, data)
    if role in allowed:
        assert response.status_code in (200, 302), response.content[:500]
        assert data_fingerprint() != before
    else:
        expected, login_page = refusal(url, role)
        assert response.status_code == expected
        if login_page:
            assert response.url.startswith(login_page)
        assert data_fingerprint() == before
