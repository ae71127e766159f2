"""A backup restores to the same database: every row, every history entry, every frozen file byte."""

import pytest
from django.apps import apps
from django.core.management import call_command

from governance.models import DecisionBody
from reporting.annual_report import annual_report_freeze
from reporting.models import AnnualReportFile, StatusReport
from reporting.services import round_close
from tests.conftest import load_real_plan
from tests.factories import annual_round, submit_all

NOT_BACKED_UP = {"contenttypes", "sessions"}


def counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in NOT_BACKED_UP and model._meta.label != "auth.Permission"
    }


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_rounds_reports_history_and_frozen_files(tmp_path, django_user_model):
    load_real_plan()
    from plan.models import ActionPlan

    plan = ActionPlan.objects.get(slug="tillsammans-for-psykisk-halsa")
    round = annual_round(plan, 2022)
    submit_all(round)
    report = StatusReport.objects.filter(round=round).first()
    report.next_steps_text = "Ändrad efter inlämning."
    report.save()
    round_close(round=round)
    annual_report_freeze(
        plan=plan,
        round=round,
        decision_body=DecisionBody.objects.get(slug="direktionen"),
        whole_plan=False,
        user=django_user_model.objects.get(username="processledare"),
    )
    before = counts()
    files_before = {(f.report_id, f.format): bytes(f.data) for f in AnnualReportFile.objects.all()}
    assert before["reporting.HistoricalStatusReport"] > before["reporting.StatusReport"] > 0
    assert len(files_before) == 3

    backup = tmp_path / "tillsammans.json.gz"
    call_command("backup", str(backup), stdout=open("/dev/null", "w"))
    StatusReport.objects.filter(round=round).update(done_text="Skrivs över av återställningen")
    call_command("restore", str(backup), yes=True, stdout=open("/dev/null", "w"))

    assert counts() == before
    assert {(f.report_id, f.format): bytes(f.data) for f in AnnualReportFile.objects.all()} == files_before
    assert StatusReport.objects.get(pk=report.pk).next_steps_text == "Ändrad efter inlämning."
    assert not StatusReport.objects.filter(done_text="Skrivs över av återställningen").exists()
    assert django_user_model.objects.get(username="processledare").check_password("tillsammans-demo")
