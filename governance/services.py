"""Writes in governance that touch several models. Callers check permissions first."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils.translation import gettext as _

from governance.models import Meeting, StimulusAllocation, StimulusFundYear
from reporting.figures import kronor


class MeetingConflict(Exception):
    """Someone else saved the meeting since the form was opened."""

    def __init__(self, current: Meeting):
        super().__init__(_("Mötet har ändrats av någon annan."))
        self.current = current
        # Who saved it and when, if the history knows (None for meetings that predate it).
        self.last_change = current.history.select_related("history_user").first()


def _allocated(fund_year: StimulusFundYear) -> Decimal:
    return fund_year.allocations.aggregate(total=Sum("amount"))["total"] or Decimal(0)


@transaction.atomic
def stimulus_allocation_create(
    *, fund_year: StimulusFundYear, measure, office, purpose: str, amount: Decimal, decision=None
) -> StimulusAllocation:
    """Allocates funds from one year, refusing more than is left.

    The fund year row is locked first, so of two concurrent allocations the second waits and then sees
    the first one's amount.
    """
    fund_year = StimulusFundYear.objects.select_for_update().get(pk=fund_year.pk)
    allocated = _allocated(fund_year)
    remaining = fund_year.amount_available - allocated
    if amount > remaining:
        raise ValidationError(
            _(
                "Fördelningen sparades inte: %(amount)s ryms inte i stimulansmedlen för %(year)s. "
                "Tillgängligt är %(available)s, redan fördelat %(allocated)s, kvar att fördela %(remaining)s."
            )
            % {
                "amount": kronor(amount),
                "year": fund_year.year,
                "available": kronor(fund_year.amount_available),
                "allocated": kronor(allocated),
                "remaining": kronor(max(remaining, Decimal(0))),
            },
            code="over_allocation",
        )
    allocation = StimulusAllocation(
        fund_year=fund_year, measure=measure, office=office, purpose=purpose, amount=amount, decision=decision
    )
    allocation.full_clean()
    allocation.save()
    return allocation


@transaction.atomic
def stimulus_fund_year_save(
    *, plan, year: int, amount_available: Decimal, note: str = ""
) -> StimulusFundYear:
    """Creates a year's funds or changes the amount, never to less than is already allocated."""
    fund_year = StimulusFundYear.objects.select_for_update().filter(plan=plan, year=year).first()
    if fund_year is None:
        fund_year = StimulusFundYear(plan=plan, year=year)
    else:
        allocated = _allocated(fund_year)
        if amount_available < allocated:
            raise ValidationError(
                _(
                    "Beloppet för %(year)s ändrades inte: %(allocated)s är redan fördelat, "
                    "så det tillgängliga beloppet kan inte vara %(amount)s."
                )
                % {"year": year, "allocated": kronor(allocated), "amount": kronor(amount_available)},
                code="below_allocated",
            )
    fund_year.amount_available = amount_available
    fund_year.note = note
    fund_year.full_clean()
    fund_year.save()
    return fund_year


@transaction.atomic
def meeting_save(*, form, agenda_items, decisions, expected_version: int) -> Meeting:
    """Saves a meeting with its agenda and decisions from validated forms, all or nothing, refusing it
    if someone saved the meeting since the form was opened.

    The version check and bump is one UPDATE, so of two concurrent saves exactly one wins.
    """
    meeting = form.instance
    if meeting.pk is not None:
        claimed = Meeting.objects.filter(pk=meeting.pk, version=expected_version).update(
            version=F("version") + 1
        )
        if not claimed:
            raise MeetingConflict(Meeting.objects.get(pk=meeting.pk))
        meeting.version = expected_version + 1
    meeting = form.save()
    for formset in (agenda_items, decisions):
        formset.instance = meeting
        formset.save()
    return meeting
