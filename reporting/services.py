"""Writes in the follow-up cycle that touch several models: rounds and reports, meetings, stimulus funds.
Callers check permissions first."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.models import Activity, Measure, Responsibility
from measures.status import ReportState, RoundStatus
from reporting.figures import kronor
from reporting.models import (
    ActivityProgress,
    FollowUpRound,
    Meeting,
    StatusReport,
    StimulusAllocation,
    StimulusFundYear,
)
from reporting.own_words import AnnualReportText


class ReportConflict(Exception):
    """Someone else saved the report since the form was opened."""

    def __init__(self, current: StatusReport):
        super().__init__(_("Rapporten har ändrats av någon annan."))
        self.current = current


class RoundClosed(Exception):
    pass


def _refuse_read_only(plan) -> None:
    """A plan rolled over into a successor (reporting.rollover) takes no new rounds, reports or reopenings."""
    if plan.is_read_only:
        raise RoundClosed(
            _("Planen %(plan)s är avslutad och ersatt av %(successor)s; den kan inte längre ändras.")
            % {"plan": plan.name, "successor": plan.successor.name}
        )


REOPEN_REASON_LIMIT = 100  # simple-history's change reason column


def _claim_version(instance, expected_version: int) -> bool:
    """Optimistic locking for an object edited in a form: bumps its version if it is still the one the form
    was opened with. The check and bump is one UPDATE, so of two concurrent saves exactly one wins."""
    claimed = (
        type(instance)
        .objects.filter(pk=instance.pk, version=expected_version)
        .update(version=F("version") + 1)
    )
    if claimed:
        instance.version = expected_version + 1
    return bool(claimed)


@transaction.atomic
def round_open(
    *,
    plan,
    name: str,
    kind: str,
    period_start: datetime.date,
    period_end: datetime.date,
    deadline: datetime.date,
    grace_days: int = 0,
    late_registration: bool = False,
) -> FollowUpRound:
    """Opens a round and creates an empty report slot per active measure and responsible office."""
    if plan.is_read_only:
        raise ValidationError(
            _("Planen %(plan)s är avslutad och ersatt av %(successor)s; öppna omgången i den nya planen.")
            % {"plan": plan.name, "successor": plan.successor.name},
            code="read_only",
        )
    round = FollowUpRound.objects.create(
        plan=plan,
        name=name,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        deadline=deadline,
        grace_days=grace_days,
        late_registration=late_registration,
    )
    responsibilities = Responsibility.objects.filter(measure__plan=plan, measure__is_active=True)
    lead = set(responsibilities.lead().values_list("measure_id", "office_id"))
    StatusReport.objects.bulk_create(
        StatusReport(round=round, measure_id=m, office_id=o, is_lead=(m, o) in lead)
        for m, o in responsibilities.values_list("measure_id", "office_id")
    )
    return round


def round_close(*, round: FollowUpRound, user=None) -> None:
    round.status = RoundStatus.CLOSED
    round.closed_at = timezone.now()
    round._history_user = user
    round.save(update_fields=["status", "closed_at"])


@transaction.atomic
def round_reopen(*, round: FollowUpRound, user, reason: str, today: datetime.date | None = None) -> FollowUpRound:
    """Opens a closed round again for a stated reason, kept in the round's history.

    Refused once an annual report of the round is fastställd: the record must match the round. A round
    past its deadline and grace days is reopened for late registration, so that it does accept reports.
    """
    round = FollowUpRound.objects.select_for_update().get(pk=round.pk)
    reason = reason.strip()
    if round.is_open:
        raise ValidationError(_("Omgången är redan öppen."), code="already_open")
    if round.is_frozen:
        raise ValidationError(
            _("Omgången kan inte öppnas igen: en årsrapport för den är fastställd."), code="frozen"
        )
    if round.plan.is_read_only:
        raise ValidationError(
            _("Omgången kan inte öppnas igen: planen är avslutad och ersatt av %(successor)s.")
            % {"successor": round.plan.successor.name},
            code="read_only",
        )
    if not reason:
        raise ValidationError(_("Skriv varför omgången öppnas igen."), code="no_reason")
    round.status = RoundStatus.OPEN
    round.closed_at = None
    if round.is_past_last_day(today):
        round.late_registration = True
    round._history_user = user
    round._change_reason = reason[:REOPEN_REASON_LIMIT]
    round.save(update_fields=["status", "closed_at", "late_registration"])
    return round


def previous_report(report: StatusReport) -> StatusReport | None:
    """The same office's latest saved report on the same measure in an earlier round (FollowUpRound.previous's
    order), to prefill the form with."""
    return (
        StatusReport.objects.filter(measure_id=report.measure_id, office_id=report.office_id)
        .exclude(state=ReportState.MISSING)
        .filter(round__in=FollowUpRound.objects.before(report.round))
        .order_by(*FollowUpRound.latest_first("round__"))
        .prefetch_related("activity_progress")
        .first()
    )


@transaction.atomic
def report_save(
    *,
    report: StatusReport,
    user,
    fields: dict,
    activity_progress: dict[int, tuple[str, str]],
    expected_version: int,
    submit: bool,
) -> StatusReport:
    """Saves a report as submitted, or as a draft (which takes a submitted report back to draft),
    refusing it if someone saved in between.
    """
    if not report.round.accepts_reports():
        raise RoundClosed(_("Omgången tar inte längre emot rapporter."))
    _refuse_read_only(report.round.plan)
    if not _claim_version(report, expected_version):
        raise ReportConflict(StatusReport.objects.select_related("updated_by").get(pk=report.pk))
    now = timezone.now()
    for name in StatusReport.CONTENT_FIELDS:
        setattr(report, name, fields[name])
    report.updated_at = now
    report.updated_by = user
    report._history_user = user
    if submit:
        report.state = ReportState.SUBMITTED
        report.submitted_at = now
        report.submitted_by = user
    else:
        report.state = ReportState.DRAFT
    report.save()
    _save_activity_progress(report, activity_progress)
    current = measure_status_refresh(measure=report.measure, user=user)
    if current is not None and current.pk == report.pk:
        _apply_to_activities(report, activity_progress)
    return report


def _save_activity_progress(report, activity_progress):
    existing = {p.activity_id: p for p in report.activity_progress.all()}
    for activity_id, (status, comment) in activity_progress.items():
        progress = existing.get(activity_id)
        if progress is None:
            ActivityProgress.objects.create(report=report, activity_id=activity_id, status=status, comment=comment)
        elif (progress.status, progress.comment) != (status, comment):
            progress.status, progress.comment = status, comment
            progress.save(update_fields=["status", "comment"])


def measure_status_refresh(*, measure: Measure, user=None) -> StatusReport | None:
    """Sets the measure's current status and traffic light by the one rule: those of the lead office's
    submitted report in the latest round (StatusReport.objects.setting_status()), whatever the order in
    which reports were submitted. While that report is taken back to draft the measure keeps the status
    it submitted, so the status never goes backwards. Without any such report: the plan's own status
    (kept aside in Measure.plan_status while a report sets the status).

    Returns the report that sets the status, if any. Called after every change that can move it:
    a report saved, submitted or reopened, and responsibilities changed during open rounds.
    """
    current = StatusReport.objects.filter(measure_id=measure.pk).setting_status().first()
    if current is not None and not current.is_submitted:
        return None  # taken back to draft: the status it submitted stands until it is submitted again
    measure = Measure.objects.get(pk=measure.pk)
    before = (measure.status, measure.traffic_light, measure.plan_status, measure.plan_traffic_light)
    planned = measure.status_before_reports
    if current is None:
        measure.status, measure.traffic_light = planned
        measure.plan_status, measure.plan_traffic_light = "", ""
    else:
        measure.status, measure.traffic_light = current.status, current.traffic_light
        measure.plan_status, measure.plan_traffic_light = planned
    if (measure.status, measure.traffic_light, measure.plan_status, measure.plan_traffic_light) != before:
        measure._history_user = user
        measure.save(update_fields=["status", "traffic_light", "plan_status", "plan_traffic_light"])
    return current


def _apply_to_activities(report, activity_progress):
    """The report that sets the measure's status sets its activities' status too."""
    for activity in Activity.objects.filter(measure_id=report.measure_id, pk__in=activity_progress):
        status = activity_progress[activity.pk][0]
        if activity.status != status:
            activity.status = status
            activity._history_user = report.updated_by
            activity.save(update_fields=["status"])


def report_reopen(*, report: StatusReport, user) -> StatusReport:
    if not report.round.accepts_reports():
        raise RoundClosed(_("Omgången tar inte längre emot rapporter."))
    _refuse_read_only(report.round.plan)
    StatusReport.objects.filter(pk=report.pk).update(version=F("version") + 1)
    report.refresh_from_db(fields=["version"])
    report.state = ReportState.DRAFT
    report._history_user = user
    report.save(update_fields=["state"])
    measure_status_refresh(measure=report.measure, user=user)
    return report


@transaction.atomic
def responsibilities_sync(*, measures, user=None) -> None:
    """Brings the open rounds in step after a measure's responsible offices changed (admin, import).

    Positions are renumbered 1..n in their order. In every open round of the plan each responsible office
    of an active measure has a report slot, the lead office's marked as the lead; a removed office's empty
    slot goes, while its draft or submitted report is kept (shown as a former responsibility). Last, the
    measure's status follows the rule again (the lead may have changed).
    """
    for measure in measures:
        Responsibility.objects.renumber(measure)
        responsible = set(Responsibility.objects.filter(measure=measure).values_list("office_id", flat=True))
        lead = set(Responsibility.objects.filter(measure=measure).lead().values_list("office_id", flat=True))
        for round in FollowUpRound.objects.open().filter(plan_id=measure.plan_id):
            reports = {r.office_id: r for r in StatusReport.objects.filter(round=round, measure=measure)}
            for office_id, report in reports.items():
                if office_id not in responsible and report.state == ReportState.MISSING:
                    report.delete()
                elif report.is_lead != (office_id in lead):
                    report.is_lead = office_id in lead
                    report._history_user = user
                    report.save(update_fields=["is_lead"])
            if measure.is_active:
                StatusReport.objects.bulk_create(
                    StatusReport(round=round, measure=measure, office_id=office_id, is_lead=office_id in lead)
                    for office_id in responsible - set(reports)
                )
        measure_status_refresh(measure=measure, user=user)


# Steering group: meetings and stimulus funds ---------------------------------------------------


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


def meeting_save(*, form, agenda_items, decisions, expected_version: int) -> Meeting:
    """Saves a meeting with its agenda and decisions from validated forms, all or nothing, refusing it
    if someone saved the meeting since the form was opened (MeetingConflict) or if a concurrent save took
    one of its decision numbers (ValidationError).
    """
    meeting = form.instance
    is_new = meeting.pk is None
    try:
        with transaction.atomic():
            if not is_new and not _claim_version(meeting, expected_version):
                raise MeetingConflict(Meeting.objects.get(pk=meeting.pk))
            meeting = form.save()
            for formset in (agenda_items, decisions):
                formset.instance = meeting
                formset.save()
    except IntegrityError:
        if is_new:
            meeting.pk = None  # the save was rolled back
        raise ValidationError(
            _("Mötet sparades inte: ett beslutsnummer finns redan. Försök igen."), code="duplicate_decision"
        ) from None
    return meeting


class TextConflict(Exception):
    """Someone else saved the process leader's texts after this form was opened; theirs is in `current`."""

    def __init__(self, current: AnnualReportText):
        super().__init__(
            _("Någon annan har sparat texterna efter att du öppnade dem. Din text finns kvar i formuläret.")
        )
        self.current = current


def annual_report_text_save(
    *, round, decision_body, whole_plan: bool, analysis: str, proposals: str, version: int, user
) -> AnnualReportText:
    """Saves the draft if nobody saved in between (version is the one the form was opened with, 0 for a
    text not saved before)."""
    key = {"round": round, "decision_body": decision_body, "whole_plan": whole_plan}
    try:
        with transaction.atomic():
            text = AnnualReportText.objects.filter(**key).first()
            if text is None and version == 0:
                text = AnnualReportText(**key, version=1)
            elif text is None or not _claim_version(text, version):
                raise TextConflict(AnnualReportText.for_report(**key))
            text.analysis, text.proposals, text.updated_by = analysis, proposals, user
            text.save()
    except IntegrityError:  # two first saves at once: the other one won
        raise TextConflict(AnnualReportText.objects.get(**key)) from None
    return text
