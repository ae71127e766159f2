"""A draft belongs to its office until it is submitted: the measure page's history shows submitted
versions to everyone, drafts only to the office itself and the process leader."""

import pytest

from governance import permissions
from reporting.services import report_save
from tests.reporting.conftest import report_for

DRAFT = "Preliminärt: vi överväger att lägga ner gruppen i Hallstavik."
FINAL = "Grupperna i Norrtälje och Rimbo är igång."


def save(report, user, text, submit):
    report.refresh_from_db()
    report_save(
        report=report,
        user=user,
        fields={"status": "in_progress", "traffic_light": "green", "done_text": text,
                "results_text": "", "deviations_text": "", "next_steps_text": ""},
        activity_progress={},
        expected_version=report.version,
        submit=submit,
    )


@pytest.fixture
def soc_report(round, user):
    """SoC's report on 2.1.3: a draft saved, then the final text submitted."""
    report = report_for(round, "2.1.3", "SoC")
    save(report, user("rapportor.soc"), DRAFT, submit=False)
    return report


def history_page(client_for, username, plan):
    return client_for(username).get(f"/planer/{plan.slug}/atgarder/2.1.3/").content.decode()


@pytest.mark.parametrize("username", ["rapportor.bou", "styrgrupp"])
def test_another_office_and_the_steering_group_never_see_a_draft(client_for, plan, soc_report, user, username):
    assert DRAFT not in history_page(client_for, username, plan)
    save(soc_report, user("rapportor.soc"), FINAL, submit=True)
    page = history_page(client_for, username, plan)
    assert FINAL in page and DRAFT not in page
    assert "lämnade in lägesrapport SoC" in page


@pytest.mark.parametrize("username", ["rapportor.soc", "processledare"])
def test_the_office_itself_and_the_process_leader_see_their_drafts_history(
    client_for, plan, soc_report, user, username
):
    save(soc_report, user("rapportor.soc"), FINAL, submit=True)
    page = history_page(client_for, username, plan)
    assert DRAFT in page and FINAL in page


def test_a_later_draft_of_a_submitted_report_stays_private_while_the_submitted_text_stays_public(
    client_for, plan, soc_report, user
):
    save(soc_report, user("rapportor.soc"), FINAL, submit=True)
    save(soc_report, user("rapportor.soc"), DRAFT + " Andra utkastet.", submit=False)
    page = history_page(client_for, "rapportor.bou", plan)
    assert FINAL in page and "Andra utkastet" not in page


def test_only_the_office_and_the_process_leader_may_see_a_reports_drafts(round, user):
    report = report_for(round, "2.1.3", "SoC")
    assert permissions.can_view_report_drafts(user("rapportor.soc"), report)
    assert permissions.can_view_report_drafts(user("processledare"), report)
    assert not permissions.can_view_report_drafts(user("rapportor.bou"), report)
    assert not permissions.can_view_report_drafts(user("styrgrupp"), report)


def test_history_labels_keep_the_names_own_case(client_for, plan, soc_report, user):
    save(soc_report, user("rapportor.soc"), FINAL, submit=True)
    page = history_page(client_for, "processledare", plan)
    assert f"lägesrapport SoC, {soc_report.round.name}" in page
    assert "lägesrapport soc" not in page
