import sys

from django.core.management.base import BaseCommand, CommandError

from measures.open_data import WRITERS, plan_as_open_data
from plan.models import ActionPlan


class Command(BaseCommand):
    help = (
        "Writes a plan as open data (target areas and measures with activities, expected results and "
        "responsible offices in the plan's order) to stdout or a file. "
        "Example: manage.py export_plan tillsammans-for-psykisk-halsa --format csv --output plan.csv"
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The plan's slug, e.g. tillsammans-for-psykisk-halsa")
        parser.add_argument("--format", choices=sorted(WRITERS), default="json")
        parser.add_argument("--output", help="Write to this file instead of stdout")

    def handle(self, slug, format, output, **options):
        try:
            plan = ActionPlan.objects.get(slug=slug)
        except ActionPlan.DoesNotExist:
            known = ", ".join(ActionPlan.objects.values_list("slug", flat=True)) or "inga"
            raise CommandError(f"Ingen plan med kortkoden ”{slug}”. Kända planer: {known}.") from None
        data = WRITERS[format](plan_as_open_data(plan))
        if output:
            with open(output, "wb") as handle:
                handle.write(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
