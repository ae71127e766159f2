import datetime
from unittest import mock

import pytest
from django.utils import timezone

from measures.status import RoundKind
from reporting.models import StatusReport
from reporting.services import round_open


def open_round(plan, *, name="Årsuppföljning test", deadline_in_days=14, grace_days=7, year=None):
    today = timezone.localdate()
    year = year or today.year
    return round_open(
        plan=plan,
        name=name,
        kind=RoundKind.ANNUAL,
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        deadline=today + datetime.timedelta(days=deadline_in_days),
        grace_days=grace_days,
    )


@pytest.fixture
def round(plan):
    return open_round(plan)


def report_for(round, code, office):
    return StatusReport.objects.select_related("round", "measure").get(
        round=round, measure__code=code, office__abbreviation=office
    )


def report_post(report, **overrides):
    """A complete, valid POST for the report form."""
    data = {
        "version": report.version,
        "status": "in_progress",
        "traffic_light": "green",
        "done_text": "Gruppverksamhet startad i Norrtälje och Rimbo.",
        "results_text": "Tolv barn har deltagit.",
        "deviations_text": "",
        "next_steps_text": "Starta grupp i Hallstavik.",
        "action": "submit",
    }
    for activity in report.measure.activities.all():
        data[f"activity_{activity.pk}_status"] = "in_progress"
        data[f"activity_{activity.pk}_comment"] = ""
    data.update(overrides)
    return data


def freeze_today(day: datetime.date):
    """Patches timezone.localdate() to answer `day` when asked for today; dates of given times stay."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return day if value is None else real(value, timezone)

    return mock.patch("django.utils.timezone.localdate", side_effect=localdate)
