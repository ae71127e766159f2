"""Reminder digests to reporters about their offices' missing and draft reports."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from governance.permissions import Role
from reporting.models import FollowUpRound, Reminder, StatusReport

DEFAULT_DAYS_BEFORE = (7, 1)


@dataclass
class Digest:
    user: object
    round: FollowUpRound
    reason: str
    days_to_deadline: int
    reports: list


def reason_for(round: FollowUpRound, today: datetime.date, days_before) -> str | None:
    days = (round.deadline - today).days
    if days in days_before:
        return Reminder.Reason.BEFORE_DEADLINE
    if round.is_past_deadline(today) and round.accepts_reports(today):
        return Reminder.Reason.AFTER_DEADLINE
    return None


def digests_due(today: datetime.date, days_before=DEFAULT_DAYS_BEFORE) -> list[Digest]:
    digests = []
    for round in FollowUpRound.objects.open().select_related("plan"):
        reason = reason_for(round, today, days_before)
        if reason is None:
            continue
        outstanding = list(
            StatusReport.objects.filter(round=round)
            .outstanding()
            .select_related("measure", "office")
            .order_by("measure__sort_key", "office__abbreviation")
        )
        office_ids = {r.office_id for r in outstanding}
        reporters = (
            get_user_model()
            .objects.filter(groups__role__key=Role.REPORTER, is_active=True, offices__in=office_ids)
            .exclude(email="")
            .prefetch_related("offices")
            .distinct()
            .order_by("username")
        )
        for user in reporters:
            mine = {office.id for office in user.offices.all()}
            reports = [r for r in outstanding if r.office_id in mine]
            if reports:
                digests.append(Digest(user, round, reason, (round.deadline - today).days, reports))
    return digests


def _message(digest: Digest) -> tuple[str, str]:
    round = digest.round
    subject = _("Påminnelse: lägesrapporter i %(round)s, sista dag %(deadline)s") % {
        "round": round.name,
        "deadline": round.deadline.isoformat(),
    }
    if digest.reason == Reminder.Reason.BEFORE_DEADLINE:
        opening = _("Sista dag att rapportera i %(round)s är %(deadline)s.")
    else:
        opening = _(
            "Sista dag att rapportera i %(round)s var %(deadline)s. Rapporter tas emot till och med %(last)s."
        )
    lines = [
        _("Hej %(name)s!") % {"name": digest.user.get_full_name() or digest.user.username},
        "",
        opening
        % {"round": round.name, "deadline": round.deadline.isoformat(), "last": round.last_day_accepted},
        _("De här rapporterna för din verksamhet är inte inlämnade:"),
        "",
    ]
    for report in digest.reports:
        lines.append(
            f"- {report.measure.code} ({report.office.abbreviation}): {report.get_state_display().lower()}"
            f" – {report.measure.need}"
        )
    lines += ["", _("Rapportera här: %(url)s") % {"url": settings.SITE_URL + reverse("my-measures")}]
    return subject, "\n".join(lines)


def send_reminders(today: datetime.date, days_before=DEFAULT_DAYS_BEFORE, dry_run=False) -> list[Digest]:
    """Sends each due digest once: a reminder already recorded for the reason and day is skipped."""
    sent = []
    for digest in digests_due(today, days_before):
        if Reminder.objects.filter(
            round=digest.round, user=digest.user, reason=digest.reason, sent_on=today
        ).exists():
            continue
        if dry_run:
            sent.append(digest)
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    round=digest.round,
                    user=digest.user,
                    reason=digest.reason,
                    days_to_deadline=digest.days_to_deadline,
                    sent_on=today,
                    report_count=len(digest.reports),
                )
                subject, body = _message(digest)
                send_mail(subject, body, None, [digest.user.email])
        except IntegrityError:
            continue  # a concurrent run recorded it first
        sent.append(digest)
    return sent
