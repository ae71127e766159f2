from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def unicode_lower_for_sqlite(sender, connection, **kwargs):
    """SQLite's LOWER() folds only ASCII; make it fold Å, Ä, Ö like PostgreSQL does, for search."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "LOWER", 1, lambda value: value.lower() if isinstance(value, str) else value, deterministic=True
        )


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Uppföljning och rapporter")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models import CharField, TextField
        from django.db.models.functions import Lower

        CharField.register_lookup(Lower)  # field__lower__contains: case-insensitive on both databases
        TextField.register_lookup(Lower)
        connection_created.connect(unicode_lower_for_sqlite)

        from reporting.public_cache import connect_invalidation

        connect_invalidation()  # the public pages' cache (issue 13)
