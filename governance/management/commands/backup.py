from django.core.management import call_command
from django.core.management.base import BaseCommand

# Rebuilt by `migrate` on the target (and referred to by natural key), or throwaway state.
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


class Command(BaseCommand):
    help = (
        "Writes the whole database to one file: plans, rounds, reports, meetings, users and groups, every "
        "history table, and the frozen annual reports with their stored PDF, Word and Excel bytes. "
        "Database-independent (restore it on SQLite or PostgreSQL with `manage.py restore FILE`). "
        "A name ending in .gz, .bz2 or .xz is compressed, e.g. manage.py backup /var/backups/tillsammans.json.gz"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup (.json, .json.gz, …)")

    def handle(self, file, **options):
        # Primary keys are kept: history rows refer to their objects by id.
        call_command(
            "dumpdata", natural_foreign=True, exclude=EXCLUDED, output=file, verbosity=0, stdout=self.stdout
        )
        self.stdout.write(f"Säkerhetskopia skriven till {file}.")
