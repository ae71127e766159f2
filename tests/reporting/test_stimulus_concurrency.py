"""Two allocations made at the same moment cannot together exceed the year's funds (PostgreSQL only)."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from reporting import services
from reporting.models import StimulusAllocation, StimulusFundYear
from reporting.services import stimulus_allocation_create
from tests.conftest import PLAN_SLUG, load_real_plan

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no row locks; PostgreSQL is production"
)


def test_two_concurrent_allocations_cannot_both_pass(transactional_db, monkeypatch):
    from plan.models import ActionPlan

    # Each allocation waits (up to a second) after summing what is allocated, so that without the row
    # lock both would sum before either saves. With the lock the second cannot even start summing.
    gate = threading.Barrier(2, timeout=1)
    summed = services._allocated

    def sum_then_wait(fund_year):
        total = summed(fund_year)
        try:
            gate.wait()
        except threading.BrokenBarrierError:
            pass
        return total

    monkeypatch.setattr(services, "_allocated", sum_then_wait)

    load_real_plan()
    plan = ActionPlan.objects.get(slug=PLAN_SLUG)
    fund_year = StimulusFundYear.objects.create(plan=plan, year=2024, amount_available=Decimal(500_000))
    start = threading.Barrier(2)
    outcomes = []

    def allocate(purpose):
        try:
            start.wait()
            stimulus_allocation_create(
                fund_year=fund_year, measure=None, office=None, purpose=purpose, amount=Decimal(300_000)
            )
            outcomes.append("saved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=allocate, args=(name,)) for name in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert StimulusAllocation.objects.filter(fund_year=fund_year).count() == 1
