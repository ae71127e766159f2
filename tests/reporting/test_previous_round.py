"""'The previous round' has one rule (FollowUpRound.previous), asked by prefill, the dashboard, the measure
list's "changed" filter and the annual report alike."""

import datetime

import pytest

from governance.models import DecisionBody
from measures.status import MeasureStatus, RoundKind
from reporting.annual_report import assemble
from reporting.dashboard import build_dashboard
from reporting.models import FollowUpRound
from reporting.services import previous_report, round_open
from tests.factories import submit

pytestmark = pytest.mark.django_db


def make_round(plan, name, kind, end):
    return round_open(
        plan=plan,
        name=name,
        kind=kind,
        period_start=datetime.date(end.year, 1, 1),
        period_end=end,
        deadline=end + datetime.timedelta(days=15),
    )


@pytest.fixture
def rounds(plan):
    """Opened out of order, and two with the same period end."""
    make_round(plan, "Årsuppföljning 2023", RoundKind.ANNUAL, datetime.date(2023, 12, 31))
    make_round(plan, "Delår 2023", RoundKind.INTERIM, datetime.date(2023, 8, 31))
    make_round(plan, "Extra per 31 augusti 2023", RoundKind.OTHER, datetime.date(2023, 8, 31))
    make_round(plan, "Årsuppföljning 2022", RoundKind.ANNUAL, datetime.date(2022, 12, 31))
    return list(FollowUpRound.objects.filter(plan=plan))


def test_the_previous_round_from_loaded_rounds_is_the_one_the_database_gives(rounds):
    for round in rounds:
        assert round.previous(among=rounds) == round.previous(), round.name
        assert round.previous(kind=RoundKind.ANNUAL, among=rounds) == round.previous(kind=RoundKind.ANNUAL)
    names = {r.name: r.previous(among=rounds) for r in rounds}
    # Same period end: the order of kinds decides (another follow-up before the delår round).
    assert names["Årsuppföljning 2023"].name == "Delår 2023"
    assert names["Delår 2023"].name == "Extra per 31 augusti 2023"
    assert names["Extra per 31 augusti 2023"].name == "Årsuppföljning 2022"
    assert names["Årsuppföljning 2022"] is None


def test_the_dashboard_compares_with_the_previous_round(plan, rounds):
    for round in rounds:
        assert build_dashboard(plan, round, rounds=rounds).previous == round.previous()


def test_prefill_reads_the_office_report_of_the_previous_round_even_with_the_same_period_end(plan, rounds):
    by_name = {r.name: r for r in rounds}
    earlier = submit(by_name["Extra per 31 augusti 2023"], "2.1.3", MeasureStatus.IN_PROGRESS, text="Extra")
    interim = by_name["Delår 2023"].reports.get(measure=earlier.measure, office=earlier.office)
    source = previous_report(interim)
    assert source is not None and source.round.name == "Extra per 31 augusti 2023"
    assert source.round == interim.round.previous()


def test_the_annual_report_compares_with_the_previous_annual_round_by_the_same_rule(plan):
    first = make_round(plan, "Årsuppföljning 2022", RoundKind.ANNUAL, datetime.date(2022, 12, 31))
    make_round(plan, "Delår 2023", RoundKind.INTERIM, datetime.date(2023, 8, 31))
    redo = make_round(plan, "Årsuppföljning 2022, omtag", RoundKind.ANNUAL, datetime.date(2022, 12, 31))
    later = make_round(plan, "Årsuppföljning 2023", RoundKind.ANNUAL, datetime.date(2023, 12, 31))
    body = DecisionBody.objects.get(slug="direktionen")
    cover = lambda round: assemble(plan=plan, round=round, decision_body=body, whole_plan=True)["cover"]  # noqa: E731
    assert cover(redo)["previous_round_name"] == first.name == redo.previous(kind=RoundKind.ANNUAL).name
    assert cover(later)["previous_round_name"] == redo.name
