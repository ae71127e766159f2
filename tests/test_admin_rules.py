"""The admin follows governance.permissions: plan content is the process leader's; reports, meetings,
stimulus funds and frozen reports are written only in the app, where the domain rules are checked."""

import pytest
import tablib
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory

from measures.models import Measure
from measures.resources import ActivityResource, MeasureResource
from measures.status import MeasureStatus, RoundStatus, TrafficLight
from reporting.models import Meeting, StimulusFundYear
from reporting.services import round_close
from tests.admin_forms import change_form_data
from tests.conftest import PLAN_SLUG
from tests.reporting.conftest import open_round, report_for


@pytest.mark.parametrize("username", ["processledare", "admin"])
def test_status_reports_cannot_be_changed_in_the_admin(client_for, plan, username):
    report = report_for(open_round(plan), "2.1.3", "SoC")
    client = client_for(username)
    assert client.get(f"/admin/reporting/statusreport/{report.pk}/change/").status_code == 200  # readable
    response = client.post(f"/admin/reporting/statusreport/{report.pk}/change/", {"done_text": "Smygändrat"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.done_text == ""


@pytest.mark.parametrize("model", ["meeting", "stimulusfundyear", "statusreport", "annualreport"])
def test_records_with_domain_rules_cannot_be_added_in_the_admin(client_for, plan, model):
    assert client_for("processledare").get(f"/admin/reporting/{model}/add/").status_code == 403


def test_stimulus_funds_and_meetings_are_read_only_in_the_admin(client_for, plan):
    year = StimulusFundYear.objects.create(plan=plan, year=2024, amount_available=1000)
    meeting = Meeting.objects.create(steering_group=plan.steering_group, date="2024-02-01")
    client = client_for("processledare")
    assert (
        client.post(
            f"/admin/reporting/stimulusfundyear/{year.pk}/change/", {"amount_available": "1"}
        ).status_code
        == 403
    )
    assert client.post(f"/admin/reporting/meeting/{meeting.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_only_process_leaders_and_administrators_reach_the_admin(client_for, plan):
    measure = Measure.objects.get(plan=plan, code="2.1.1")
    assert client_for("processledare").get(f"/admin/measures/measure/{measure.pk}/change/").status_code == 200
    for username in ("rapportor.soc", "styrgrupp"):
        response = client_for(username).get(f"/admin/measures/measure/{measure.pk}/change/")
        assert response.status_code == 302 and "/admin/login/" in response.url


# Every registered admin, classified: a new admin fails test_every_registered_admin_is_classified until it
# is added here with its rules.
READ_ONLY = {
    "reporting.FollowUpRound",  # opened and closed in the app, which creates and keeps the report slots
    "reporting.StatusReport",
    "reporting.Reminder",
    "reporting.AnnualReport",
    "reporting.AnnualReportJob",  # freezes run by the task worker
    "django_tasks_database.DBTaskResult",  # the task queue (django-tasks-db)
    "reporting.Meeting",
    "reporting.Decision",
    "reporting.StimulusFundYear",
    "measures.IndicatorValue",  # written by the indicator import, which checks the whole file first
}
# Maintained by the process leader; the fields a domain rule sets are read-only there and not imported.
RULE_FIELDS = {
    "measures.Measure": {"status", "traffic_light"},  # the lead office's report in the latest round
    "measures.Activity": {"status"},  # set by that same report
}
MAINTAINED = {
    *RULE_FIELDS,
    "governance.Organisation",
    "governance.Office",
    "governance.Department",
    "governance.DecisionBody",
    "governance.SteeringGroup",
    "governance.SteeringGroupMember",
    "governance.ImplementationTeamMember",
    "governance.CoordinatorPost",
    "governance.Network",
    "plan.ActionPlan",
    "plan.TargetArea",
    "plan.InterventionLevel",
    "plan.PlanAdoption",
    "measures.ExpectedResult",
    "measures.Responsibility",
    "measures.Indicator",
}
ADMINISTRATOR_ONLY = {
    "auth.User",
    "auth.Group",
    # django-axes' lockout records: an administrator lifts a lockout early (SECURITY.md).
    "axes.AccessAttempt",
    "axes.AccessFailureLog",
    "axes.AccessLog",
}


def registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def admin_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_every_registered_admin_is_classified():
    labels = {model._meta.label for model, _ in registered()}
    assert labels == READ_ONLY | MAINTAINED | ADMINISTRATOR_ONLY


@pytest.mark.parametrize("label", sorted(READ_ONLY))
@pytest.mark.parametrize("username", ["processledare", "admin"])
def test_read_only_admins_refuse_add_change_and_delete(client_for, user, plan, label, username):
    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    request = admin_request(user(username))
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    client = client_for(username)
    assert client.get(url).status_code == 200
    assert client.get(f"{url}add/").status_code == 403


@pytest.mark.parametrize("label", sorted(MAINTAINED))
def test_the_process_leader_changes_maintained_content_but_not_what_a_rule_sets(user, label):
    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    request = admin_request(user("processledare"))
    assert model_admin.has_change_permission(request) and model_admin.has_add_permission(request)
    rule_fields = RULE_FIELDS.get(label, set())
    assert rule_fields <= set(model_admin.get_readonly_fields(request))
    for resource_class in getattr(model_admin, "resource_classes", []):
        resource = resource_class()
        importable = {name for name, field in resource.fields.items() if not field.readonly}
        assert not rule_fields & importable


@pytest.mark.parametrize("label", sorted(ADMINISTRATOR_ONLY))
def test_accounts_are_the_administrators_not_the_process_leaders(user, label):
    model_admin = admin.site._registry[apps.get_model(label)]
    assert not model_admin.has_module_permission(admin_request(user("processledare")))
    assert model_admin.has_change_permission(admin_request(user("admin")))


def test_a_closed_round_cannot_be_reopened_or_emptied_in_the_admin(client_for, plan):
    round = open_round(plan)
    round_close(round=round)
    client = client_for("processledare")
    url = f"/admin/reporting/followupround/{round.pk}/"
    assert client.post(f"{url}change/", {"status": RoundStatus.OPEN, "name": round.name}).status_code == 403
    assert client.post(f"{url}delete/", {"post": "yes"}).status_code == 403
    round.refresh_from_db()
    assert round.status == RoundStatus.CLOSED and round.reports.count() > 0


def test_saving_a_measure_in_the_admin_leaves_its_status_to_the_reports(client_for, plan):
    measure = Measure.objects.get(plan=plan, code="2.1.1")
    client = client_for("processledare")
    url = f"/admin/measures/measure/{measure.pk}/change/"
    data = change_form_data(client.get(url))
    data.update(status=MeasureStatus.DONE, traffic_light=TrafficLight.GREEN, need="Reviderad text")
    assert client.post(url, data).status_code == 302
    measure.refresh_from_db()
    assert (measure.need, measure.status, measure.traffic_light) == ("Reviderad text", "not_started", "")


def test_importing_measures_and_activities_leaves_their_status_to_the_reports(plan):
    measures = tablib.Dataset(
        [PLAN_SLUG, "2.1.1", 1, "Reviderad", "done", "red"],
        headers=["plan", "code", "target_area", "need", "status", "traffic_light"],
    )
    assert not MeasureResource().import_data(measures, dry_run=False).has_errors()
    activities = tablib.Dataset(
        [PLAN_SLUG, "2.1.1", 1, "Ny text", "done"], headers=["plan", "measure", "position", "text", "status"]
    )
    assert not ActivityResource().import_data(activities, dry_run=False).has_errors()
    measure = Measure.objects.get(plan=plan, code="2.1.1")
    activity = measure.activities.get(position=1)
    assert (measure.need, measure.status, measure.traffic_light) == ("Reviderad", "not_started", "")
    assert (activity.text, activity.status) == ("Ny text", "not_started")
