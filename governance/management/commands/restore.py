from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, transaction
from django.test.utils import override_settings


class Command(BaseCommand):
    help = (
        "Replaces everything in the database with a file written by `manage.py backup`. Run `migrate` "
        "first (same version of Tillsammans as the backup, or a later one with `migrate` run after). "
        "All or nothing: a file that does not load leaves the database as it was. Asks for confirmation "
        "unless --yes is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A backup written by `manage.py backup`")
        parser.add_argument("--yes", action="store_true", help="Do not ask before replacing all data")

    def handle(self, file, yes, **options):
        if not yes:
            answer = input(
                "Allt innehåll i databasen ersätts med säkerhetskopian. Skriv 'ja' för att fortsätta: "
            )
            if answer.strip().lower() != "ja":
                raise CommandError("Avbrutet, inget ändrades.")
        # The backup holds the history as it was; loading must not add entries of its own.
        with transaction.atomic(using=DEFAULT_DB_ALIAS), override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", file, verbosity=0)
        self.stdout.write(f"Databasen återställd från {file}.")
