from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    """The database cache (import previews shared by every app server) is created by `migrate`."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("governance", "0004_group_roles")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=False)]
