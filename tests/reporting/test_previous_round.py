"""'The previous round' has one rule, whether it is asked of the database or of the rounds already loaded."""

import datetime

import pytest

from measures.status import RoundKind
from reporting import selectors
from reporting.dashboard import build_dashboard
from reporting.models import FollowUpRound
from reporting.services import round_open

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
        assert selectors.previous_round_in(round, rounds) == selectors.previous_round(round), round.name
    names = {r.name: selectors.previous_round_in(r, rounds) for r in rounds}
    assert names["Årsuppföljning 2023"].name == "Extra per 31 augusti 2023"
    assert names["Extra per 31 augusti 2023"].name == "Delår 2023"
    assert names["Delår 2023"].name == "Årsuppföljning 2022"
    assert names["Årsuppföljning 2022"] is None


def test_the_dashboard_compares_with_the_selectors_previous_round(plan, rounds):
    for round in rounds:
        assert build_dashboard(plan, round, rounds=rounds).previous == selectors.previous_round(round)
