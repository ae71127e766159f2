from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Rapportör", "Styrgrupp", "Processledare", "Administratör"]
# The process leader maintains the plan's content in the admin.
PROCESS_LEADER_APPS = ["plan", "measures", "governance", "reporting"]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    process_leader = Group.objects.get(name="Processledare")
    process_leader.permissions.set(
        Permission.objects.filter(content_type__app_label__in=PROCESS_LEADER_APPS).exclude(
            content_type__model__startswith="historical"
        )
    )
    administrator = Group.objects.get(name="Administratör")
    administrator.permissions.set(Permission.objects.all())


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0002_initial"),
        ("plan", "0001_initial"),
        ("measures", "0001_initial"),
        ("reporting", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
