"""The admin shows every object's history but never reverts it: a revert would save an old version past
the rules the app checks (closed rounds, version checks, stimulus fund limits)."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.db.models import Count
from django.forms import MultiWidget
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from governance.models import DecisionBody
from measures.indicators import Indicator, IndicatorValue
from measures.status import MeasureStatus, TrafficLight
from reporting.models import (
    AnnualReport,
    AnnualReportJob,
    Decision,
    Meeting,
    Reminder,
    StimulusAllocation,
    StimulusFundYear,
)
from reporting.services import round_close
from tests.factories import annual_round, submit

HISTORY_ADMINS = [
    (model, model_admin)
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, SimpleHistoryAdmin)
]


def tracked(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


@pytest.fixture
def one_of_everything(plan, user):
    """A closed round with a report submitted then edited, a meeting, a fund year, a reminder, a frozen report."""
    round = annual_round(plan, 2022)
    report = submit(round, "2.1.1", MeasureStatus.IN_PROGRESS, TrafficLight.YELLOW)
    submit(round, "2.1.1", MeasureStatus.DONE, TrafficLight.GREEN)
    round_close(round=round)
    meeting = Meeting.objects.create(steering_group=plan.steering_group, date="2024-02-01", location="Rimbo")
    Decision.objects.create(meeting=meeting, number="SG 2024/1", text="Beslut")
    year = StimulusFundYear.objects.create(plan=plan, year=2024, amount_available=Decimal(1000))
    year.amount_available = Decimal(900)
    year.save()
    StimulusAllocation.objects.create(
        fund_year=year, measure=report.measure, purpose="Utbildning", amount=900
    )
    Reminder.objects.create(
        round=round,
        user=user("rapportor.soc"),
        reason="before",
        days_to_deadline=3,
        sent_on=datetime.date(2023, 1, 28),
        report_count=1,
    )
    AnnualReport.objects.create(
        plan=plan,
        round=round,
        decision_body=DecisionBody.objects.first(),
        year=2022,
        title="Årsuppföljning 2022",
        content={},
        content_sha256="0" * 64,
        frozen_at=timezone.now(),
        frozen_by=user("processledare"),
    )
    job = AnnualReportJob.objects.create(
        plan=plan, round=round, decision_body=DecisionBody.objects.first(), started_by=user("processledare")
    )
    job.state = AnnualReportJob.State.FAILED
    job.save()
    indicator = Indicator.objects.create(source="kolada", source_id="N00957", title="Ohälsotal")
    indicator.title = "Ohälsotal, dagar"
    indicator.save()
    value = IndicatorValue.objects.create(indicator=indicator, area_code="0188", period=2022, value=30)
    value.value = 29
    value.save()


def form_data(form) -> dict:
    """What the history page's form would send back: the old version's values."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(field.widget, MultiWidget):
            for index, part in enumerate(field.widget.decompress(value)):
                data[f"{name}_{index}"] = "" if part is None else str(part)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)
    return data


def fingerprint(model, pk):
    historical = [m for m in apps.get_models() if m.__name__.startswith("Historical")]
    return [m.objects.count() for m in historical], model.objects.filter(pk=pk).values().get()


def most_edited(model):
    """The object with the longest history (for a report: the one submitted, then edited)."""
    if not tracked(model):
        return model.objects.order_by("pk").first()
    pk_name = model._meta.pk.attname
    busiest = model.history.values(pk_name).annotate(n=Count("history_id")).order_by("-n", pk_name).first()
    obj = (
        model.objects.filter(pk=busiest[pk_name]).first() if busiest else model.objects.order_by("pk").first()
    )
    if obj is not None and not obj.history.exists():
        obj.save()  # the fixtures load without history records
    return obj


@pytest.mark.parametrize("model, model_admin", HISTORY_ADMINS, ids=[m.__name__ for m, _ in HISTORY_ADMINS])
def test_admin_history_can_be_read_but_a_post_changes_nothing(
    client_for, one_of_everything, model, model_admin
):
    client = client_for("admin")
    obj = most_edited(model)
    assert obj is not None, f"add a {model.__name__} to one_of_everything"
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/{obj.pk}/history/"
    versions = list(obj.history.values_list("history_id", flat=True)) if tracked(model) else [1]
    before = fingerprint(model, obj.pk)

    assert client.get(base).status_code == 200
    refusals = [client.post(base, {}).status_code]
    for history_id in versions:
        url = f"{base}{history_id}/"
        page = client.get(url)
        if not tracked(model):
            assert page.status_code == 404
            continue
        assert page.status_code == 200
        assert b'name="_save"' not in page.content  # no revert button
        refusals.append(client.post(url, form_data(page.context["adminform"].form)).status_code)
    assert fingerprint(model, obj.pk) == before
    assert set(refusals) == {405}
