"""fetch_together reads several querysets in one query and gives back what each would have given."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from governance.together import fetch_together
from measures.indicators import Indicator, IndicatorValue
from measures.models import Activity, Measure, Responsibility
from measures.status import MeasureStatus
from reporting.models import StatusReport, StimulusAllocation, StimulusFundYear
from tests.factories import annual_round, submit_report

pytestmark = pytest.mark.django_db


def snapshot(instance, related=(), annotations=()):
    """Every stored value of the instance, of its related rows and its annotations, with their types."""

    def values(obj):
        if obj is None:
            return None
        return tuple((f.attname, type(v := getattr(obj, f.attname)), v) for f in obj._meta.concrete_fields)

    return (
        values(instance),
        tuple(values(getattr(instance, name)) for name in related),
        tuple((name, getattr(instance, name)) for name in annotations),
        instance._state.adding,
    )


@pytest.fixture
def measure(plan, user):
    """A real measure with a submitted report (times, booleans), an English text (JSON), a change in its
    history by a user and by nobody, an allocation in kronor (decimal) and indicator values, one missing."""
    measure = Measure.objects.get(plan=plan, code="2.1.3")
    round = annual_round(plan, 2024)
    report = (
        StatusReport.objects.filter(round=round, measure=measure, is_lead=True)
        .select_related("measure", "office")
        .get()
    )
    submit_report(
        report, status=MeasureStatus.IN_PROGRESS, submitted_at=timezone.now() - datetime.timedelta(days=2)
    )
    activity = measure.activities.order_by("position").first()
    activity.text_en = "Groups for children as relatives"
    activity._history_user = user("processledare")
    activity.save()
    fund = StimulusFundYear.objects.create(plan=plan, year=2024, amount_available=Decimal("1000000"))
    StimulusAllocation.objects.create(
        fund_year=fund, measure=measure, purpose="Samordnare", amount=Decimal("400000")
    )
    indicator = Indicator.objects.create(source="kolada", source_id="N00957", title="Ohälsotal", unit="dagar")
    IndicatorValue.objects.create(indicator=indicator, area_code="0188", period=2021, value=30.5)
    IndicatorValue.objects.create(
        indicator=indicator, area_code="0188", period=2022, value=None, status="Missing"
    )
    return measure


def querysets(measure):
    return [
        (Activity.objects.filter(measure=measure).order_by("position"), (), ()),
        (
            Responsibility.objects.filter(measure=measure).select_related("office").order_by("-position"),
            ("office",),
            (),
        ),
        (
            StatusReport.objects.filter(measure=measure)
            .with_responsibility()
            .select_related("round", "office", "updated_by")
            .order_by("-is_lead", "office__abbreviation"),
            ("round", "office", "updated_by"),
            ("is_responsible",),
        ),
        (
            Activity.history.filter(measure_id=measure.pk)
            .select_related("history_user")
            .order_by("id", "history_date", "history_id"),
            ("history_user",),
            (),
        ),
        (StimulusAllocation.objects.filter(measure=measure), (), ()),
        (IndicatorValue.objects.order_by("period"), (), ()),
        (Measure.objects.filter(pk=-1), (), ()),
    ]


def test_each_queryset_gives_the_same_instances_in_its_own_order_in_one_query(
    measure, django_assert_num_queries
):
    expected = [
        [snapshot(o, related, annotations) for o in qs] for qs, related, annotations in querysets(measure)
    ]
    assert all(expected[:6]) and expected[6] == []
    with django_assert_num_queries(1):
        together = fetch_together(*(qs for qs, _related, _annotations in querysets(measure)))
        got = [
            [snapshot(o, related, annotations) for o in rows]
            for rows, (_qs, related, annotations) in zip(together, querysets(measure), strict=True)
        ]
    assert got == expected


def test_the_instances_are_saved_rows_that_can_be_changed(measure):
    (activities,) = fetch_together(Activity.objects.filter(measure=measure).order_by("position"))
    first = activities[0]
    assert first.text_en == "Groups for children as relatives"
    first.text = "Ny text"
    first.save()
    assert Activity.objects.get(pk=first.pk).text == "Ny text"
    assert Activity.objects.filter(measure=measure).count() == len(activities)
