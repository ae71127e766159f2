"""A cheap version of stored content, for caches that must show every change at once.

Every edited model keeps history (django-simple-history): each save or delete of a row adds a history
record with a new, higher id. The latest history id of each model a page shows is therefore a version
of what the page shows; it costs one primary-key lookup per model, and rides along in a query the page
makes anyway (as annotations).
"""

from functools import cache

from django.db import connection
from django.db.models import BigIntegerField
from django.db.models.expressions import RawSQL

VERSION_PREFIX = "version_of_"


@cache
def _latest_history_sql(model) -> tuple[str, str]:
    history = model.history.model._meta
    column = history.pk.column
    sql = f"SELECT MAX({connection.ops.quote_name(column)}) FROM {connection.ops.quote_name(history.db_table)}"
    return f"{VERSION_PREFIX}{model._meta.label_lower.replace('.', '_')}", sql


def history_versions(*models) -> dict:
    """Annotations {name: latest history id of the model} for the given models."""
    return {
        name: RawSQL(sql, (), output_field=BigIntegerField())
        for name, sql in (_latest_history_sql(model) for model in models)
    }


@cache
def _latest_versions_sql(models: tuple) -> str:
    return "SELECT " + ", ".join(f"({sql})" for _name, sql in map(_latest_history_sql, models))


def latest_versions(*models) -> str:
    """The latest history id of each model, as one key part, read in one small query that is written
    once: for a cache that needs no row of its own to find its key (a page's compiled ORM query can
    cost more than what it looks up)."""
    with connection.cursor() as cursor:
        cursor.execute(_latest_versions_sql(models))
        return "-".join(f"{value}" for value in cursor.fetchone())


def version_of(instance) -> str:
    """The versions annotated on an instance (history_versions), as one key part."""
    values = [f"{value}" for name, value in sorted(vars(instance).items()) if name.startswith(VERSION_PREFIX)]
    if not values:
        raise ValueError("the instance was loaded without history_versions()")
    return "-".join(values)


def has_history(instance, model) -> bool:
    """Whether any row of the model was ever stored, read from the versions annotated on the instance
    (history_versions): a page can skip a query for content that does not exist."""
    name, _sql = _latest_history_sql(model)
    if not hasattr(instance, name):
        raise ValueError("the instance was loaded without history_versions() of the model")
    return getattr(instance, name) is not None
