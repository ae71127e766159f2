from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from governance.models import GroupRole, Office, SteeringGroupMember
from governance.permissions import Role

DEMO_PASSWORD = "tillsammans-demo"  # noqa: S105 - documented demo-only password

# username, full name, roles, offices, is_staff, is_superuser
DEMO_USERS = [
    ("admin", "Ada Administratör", [Role.ADMINISTRATOR], [], True, True),
    ("processledare", "Petra Processledare", [Role.PROCESS_LEADER], ["KSON"], True, False),
    ("styrgrupp", "Sam Styrgrupp", [Role.STEERING_GROUP], ["KSON"], False, False),
    ("rapportor.soc", "Rut Rapportör (SoC)", [Role.REPORTER], ["SoC"], False, False),
    ("rapportor.kson", "Kim Rapportör (KSON)", [Role.REPORTER], ["KSON"], False, False),
    ("rapportor.bou", "Bo Rapportör (BoU)", [Role.REPORTER], ["BoU"], False, False),
    ("rapportor.ksk", "Kajsa Rapportör (KSK)", [Role.REPORTER], ["KSK"], False, False),
    # The fictional second municipality (fixtures/demo_region.json) and the region that reads both.
    ("processledare.demo", "Dana Processledare (Demokommun)", [Role.PROCESS_LEADER], ["DK-KLF"], True, False),
    ("rapportor.demo", "Dan Rapportör (Demokommun)", [Role.REPORTER], ["DK-SOC"], False, False),
    ("region", "Regina Regional läsare", [Role.REGIONAL_READER], [], False, False),
]


class Command(BaseCommand):
    help = (
        "Creates one demo user per role (demo only; the password for all is 'tillsammans-demo'). "
        "Refuses to run with DEBUG off unless --force is given. Running it again resets the demo users."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off")

    @transaction.atomic
    def handle(self, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demoanvändare skapas bara i utvecklingsläge (DEBUG=1) eller med --force.")
        User = get_user_model()
        for username, full_name, roles, offices, is_staff, is_superuser in DEMO_USERS:
            first, _, last = full_name.partition(" ")
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.invalid",
                    "is_staff": is_staff,
                    "is_superuser": is_superuser,
                },
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([GroupRole.group_for(role) for role in roles])
            user.offices.set(Office.objects.filter(abbreviation__in=offices))
        seat = SteeringGroupMember.objects.filter(
            department__name="Avdelning kvalitet och innovation"
        ).first()
        if seat:
            seat.user = User.objects.get(username="styrgrupp")
            seat.save(update_fields=["user"])
        self.stdout.write(f"{len(DEMO_USERS)} demoanvändare finns, lösenord: {DEMO_PASSWORD}")
