"""send_reminders: one digest per reporter, never twice for the same reason on the same day."""

import datetime

from django.core import mail
from django.core.management import call_command

from reporting.models import Reminder, StatusReport
from tests.reporting.conftest import open_round, report_for


def remind(on: datetime.date):
    call_command("send_reminders", "--date", on.isoformat(), stdout=open("/dev/null", "w"))


def test_reporters_get_a_digest_seven_days_before_the_deadline(plan):
    round = open_round(plan, deadline_in_days=30)
    remind(round.deadline - datetime.timedelta(days=7))
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(f"rapportor.{o}@example.invalid" for o in ("soc", "kson", "bou", "ksk"))
    soc = next(m for m in mail.outbox if m.to == ["rapportor.soc@example.invalid"])
    assert "2.1.3 (SoC)" in soc.body and "Påminnelse" in soc.subject


def test_running_twice_on_the_same_day_sends_nothing_more(plan):
    round = open_round(plan, deadline_in_days=30)
    day = round.deadline - datetime.timedelta(days=1)
    remind(day)
    sent = len(mail.outbox)
    remind(day)
    assert len(mail.outbox) == sent > 0
    assert Reminder.objects.filter(round=round, sent_on=day).count() == sent


def test_no_reminder_on_days_that_are_not_reminder_days(plan):
    round = open_round(plan, deadline_in_days=30)
    remind(round.deadline - datetime.timedelta(days=3))
    assert mail.outbox == []


def test_after_the_deadline_reporters_are_reminded_daily_while_late_reports_are_accepted(plan):
    round = open_round(plan, deadline_in_days=30, grace_days=2)
    remind(round.deadline + datetime.timedelta(days=1))
    remind(round.deadline + datetime.timedelta(days=2))
    remind(round.deadline + datetime.timedelta(days=3))  # past the grace days: nothing
    soc = Reminder.objects.filter(round=round, user__username="rapportor.soc")
    assert sorted(r.days_to_deadline for r in soc) == [-2, -1]
    assert {r.reason for r in soc} == {Reminder.Reason.AFTER_DEADLINE}


def test_an_office_that_has_submitted_everything_is_not_reminded(plan):
    round = open_round(plan, deadline_in_days=30)
    StatusReport.objects.filter(round=round, office__abbreviation="KSK").update(state="submitted")
    remind(round.deadline - datetime.timedelta(days=7))
    assert "rapportor.ksk@example.invalid" not in [m.to[0] for m in mail.outbox]


def test_the_digest_lists_only_the_reporters_own_offices_reports(plan):
    round = open_round(plan, deadline_in_days=30)
    StatusReport.objects.filter(pk=report_for(round, "2.1.3", "SoC").pk).update(state="draft")
    remind(round.deadline - datetime.timedelta(days=7))
    soc = next(m for m in mail.outbox if m.to == ["rapportor.soc@example.invalid"])
    assert "(KSON)" not in soc.body and "2.1.3 (SoC): utkast" in soc.body


def test_process_leader_sees_who_was_reminded_when(client_for, plan):
    round = open_round(plan, deadline_in_days=30)
    remind(round.deadline - datetime.timedelta(days=7))
    page = client_for("processledare").get(round.get_absolute_url()).content.decode()
    assert "Skickade påminnelser" in page and "Rut Rapportör (SoC)" in page
    assert (
        "Skickade påminnelser"
        not in client_for("rapportor.soc").get(round.get_absolute_url()).content.decode()
    )
