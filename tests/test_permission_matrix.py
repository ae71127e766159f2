"""Every view that changes data, for every role: allowed or refused on the server, and a refusal changes nothing.

Add each new data-changing endpoint to ENDPOINTS.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from reporting.models import FollowUpRound
from tests.reporting.conftest import open_round, report_for, report_post

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
    return f"/uppfoljning/{ctx['round'].pk}/stang/", {}


# name -> (build url and data, roles allowed)
ENDPOINTS = {
    "write SoC's report": (_report_edit, {"rapportor.soc", "processledare", "admin"}),
    "reopen SoC's report": (_report_reopen, {"rapportor.soc", "processledare", "admin"}),
    "open a round": (_round_create, {"processledare", "admin"}),
    "close a round": (_round_close, {"processledare", "admin"}),
}


def data_fingerprint():
    """Rows in every history table plus the rounds: any write shows up here."""
    historical = [m for m in apps.get_models() if m.__name__.startswith("Historical")]
    return [m.objects.count() for m in historical] + [
        FollowUpRound.objects.count(),
        FollowUpRound.objects.filter(status="closed").count(),
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
        expected = 302 if role == "anonymous" else 403
        assert response.status_code == expected
        if role == "anonymous":
            assert response.url.startswith("/konto/logga-in/")
        assert data_fingerprint() == before
