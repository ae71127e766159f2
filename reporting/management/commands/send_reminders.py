import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reporting.reminders import DEFAULT_DAYS_BEFORE, send_reminders


class Command(BaseCommand):
    help = (
        "E-mails each reporter one digest of their offices' missing and draft reports in open follow-up "
        "rounds: on the given days before the deadline (default 7 and 1) and every day after it while late "
        "reports are still accepted. Never sends twice for the same reason on the same day, so it is safe "
        "to run from cron as often as you like, e.g. daily: 0 7 * * * manage.py send_reminders"
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD)")
        parser.add_argument(
            "--days",
            default=",".join(str(d) for d in DEFAULT_DAYS_BEFORE),
            help="Days before the deadline to remind, comma-separated (default: 7,1)",
        )
        parser.add_argument("--dry-run", action="store_true", help="List who would be reminded; send nothing")

    def handle(self, date, days, dry_run, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
            days_before = tuple(int(d) for d in days.split(",") if d.strip())
        except ValueError as error:
            raise CommandError(f"Ogiltigt datum eller antal dagar: {error}") from None
        digests = send_reminders(today, days_before, dry_run=dry_run)
        for digest in digests:
            self.stdout.write(
                f"{digest.user.username}: {len(digest.reports)} rapporter i {digest.round.name} "
                f"({digest.reason}, {digest.days_to_deadline} dagar till sista dag)"
            )
        verb = "skulle skickas" if dry_run else "skickade"
        self.stdout.write(f"{len(digests)} påminnelser {verb}.")
