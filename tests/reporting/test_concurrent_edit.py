"""Two people editing the same report: the later save is refused and nothing typed is lost."""

import threading

import pytest
from django.db import connection

from reporting.models import StatusReport
from reporting.services import ReportConflict, report_save
from tests.reporting.conftest import open_round, report_for, report_post


def test_the_later_of_two_saves_is_refused_and_keeps_the_users_text(
    client_for, client, django_user_model, round
):
    report = report_for(round, "2.1.3", "SoC")
    first = report_post(report, done_text="Först sparat av Rut.")
    second = report_post(report, done_text="Min egen text som inte får försvinna.")  # same version as first

    client_for("rapportor.soc").post(f"/rapporter/{report.pk}/", first)
    client.logout()
    client.force_login(django_user_model.objects.get(username="processledare"))
    response = client.post(f"/rapporter/{report.pk}/", second)

    page = response.content.decode()
    assert response.status_code == 409
    assert "Någon annan har sparat rapporten under tiden" in page
    assert "Först sparat av Rut." in page  # what the other person saved
    assert response.context["form"]["done_text"].value() == "Min egen text som inte får försvinna."
    assert StatusReport.objects.get(pk=report.pk).done_text == "Först sparat av Rut."


def test_after_a_conflict_the_user_can_save_their_version_deliberately(client_for, round):
    report = report_for(round, "2.1.3", "SoC")
    client = client_for("rapportor.soc")
    client.post(f"/rapporter/{report.pk}/", report_post(report, done_text="A"))
    conflict = client.post(f"/rapporter/{report.pk}/", report_post(report, done_text="B"))
    retry = {**report_post(report, done_text="B"), "version": conflict.context["form"]["version"].value()}
    assert client.post(f"/rapporter/{report.pk}/", retry).status_code == 302
    assert StatusReport.objects.get(pk=report.pk).done_text == "B"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_on_postgresql_let_exactly_one_win(django_user_model):
    if connection.vendor != "postgresql":
        pytest.skip("row locking across connections is tested on PostgreSQL")
    from tests.conftest import PLAN_SLUG, load_real_plan

    load_real_plan()
    from plan.models import ActionPlan

    round = open_round(ActionPlan.objects.get(slug=PLAN_SLUG))
    report = report_for(round, "2.1.3", "SoC")
    user = django_user_model.objects.get(username="rapportor.soc")
    barrier = threading.Barrier(2)
    outcomes = []

    def save(text):
        from django.db import connections

        try:
            barrier.wait()
            fresh = StatusReport.objects.select_related("round").get(pk=report.pk)
            fields = dict.fromkeys(("results_text", "deviations_text", "next_steps_text"), "")
            report_save(
                report=fresh,
                user=user,
                fields={**fields, "status": "in_progress", "traffic_light": "green", "done_text": text},
                activity_progress={},
                expected_version=report.version,
                submit=False,
            )
            outcomes.append("saved")
        except ReportConflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(text,)) for text in ("Tråd ett", "Tråd två")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    assert StatusReport.objects.get(pk=report.pk).version == report.version + 1


def test_a_stale_version_on_a_report_nobody_has_saved_is_a_conflict_not_an_error(client_for, round):
    report = report_for(round, "2.1.3", "SoC")
    response = client_for("rapportor.soc").post(f"/rapporter/{report.pk}/", report_post(report, version=7))
    assert response.status_code == 409
    assert "Någon annan sparade rapporten" in response.content.decode()
