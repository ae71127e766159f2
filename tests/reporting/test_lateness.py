"""'Late' has one rule, asked in Python (StatusReport.is_late_on: the report page, the round page) and of
the database (StatusReport.late_q: the dashboard, the measure list's filter): both give the same answer
on every case of the table."""

import datetime

import pytest
from django.utils import timezone

from measures.status import ReportState, RoundStatus
from reporting.models import StatusReport
from reporting.services import round_open

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2024, 1, 31)
GRACE_DAYS = 7


def at(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def days(n: int) -> datetime.date:
    return DEADLINE + datetime.timedelta(days=n)


# (what it is, today, round closed, state, submitted at, late?)
CASES = [
    ("outstanding before the deadline", days(-3), False, ReportState.MISSING, None, False),
    ("draft on the deadline day", days(0), False, ReportState.DRAFT, None, False),
    ("submitted before the deadline", days(-3), False, ReportState.SUBMITTED, at(days(-4)), False),
    (
        "submitted late in the evening of the deadline day",
        days(1),
        False,
        ReportState.SUBMITTED,
        at(days(0), 23, 30),
        False,
    ),
    (
        "submitted just after midnight after the deadline",
        days(1),
        False,
        ReportState.SUBMITTED,
        at(days(1), 0, 30),
        True,
    ),
    ("outstanding in the grace days", days(2), False, ReportState.MISSING, None, True),
    ("draft in the grace days", days(GRACE_DAYS), False, ReportState.DRAFT, None, True),
    ("submitted in the grace days", days(GRACE_DAYS), False, ReportState.SUBMITTED, at(days(3)), True),
    ("outstanding after the grace days", days(GRACE_DAYS + 5), False, ReportState.MISSING, None, True),
    (
        "submitted on time, looked at after the grace days",
        days(GRACE_DAYS + 5),
        False,
        ReportState.SUBMITTED,
        at(days(-1)),
        False,
    ),
    ("submitted without a recorded time", days(GRACE_DAYS + 5), False, ReportState.SUBMITTED, None, False),
    (
        "outstanding in a round closed after the deadline",
        days(GRACE_DAYS + 5),
        True,
        ReportState.MISSING,
        None,
        True,
    ),
    (
        "submitted late in a closed round",
        days(GRACE_DAYS + 5),
        True,
        ReportState.SUBMITTED,
        at(days(2)),
        True,
    ),
    (
        "submitted on time in a closed round",
        days(GRACE_DAYS + 5),
        True,
        ReportState.SUBMITTED,
        at(days(-2)),
        False,
    ),
    ("outstanding in a round closed before the deadline", days(-5), True, ReportState.MISSING, None, False),
]


@pytest.fixture
def report(plan):
    round = round_open(
        plan=plan,
        name="Årsuppföljning 2023",
        kind="annual",
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 12, 31),
        deadline=DEADLINE,
        grace_days=GRACE_DAYS,
    )
    return round.reports.select_related("round").first()


@pytest.mark.parametrize(
    "today, closed, state, submitted_at, late", [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_python_and_database_agree_on_whether_a_report_is_late(
    report, today, closed, state, submitted_at, late
):
    report.round.status = RoundStatus.CLOSED if closed else RoundStatus.OPEN
    report.round.save(update_fields=["status"])
    StatusReport.objects.filter(pk=report.pk).update(state=state, submitted_at=submitted_at)
    report.refresh_from_db()
    in_database = StatusReport.objects.filter(pk=report.pk).late(today).exists()
    assert (report.is_late_on(today), in_database) == (late, late)
