"""A cheap version of stored content, for caches that must show every change at once.

Every edited model keeps history (django-simple-history): each save or delete of a row adds a history
record with a new, higher id. The latest history id of each model a page shows is therefore a version
of what the page shows; it costs one index lookup per model, and can ride along in a query the page makes
anyway (as annotations).
"""

from django.db.models import Subquery

VERSION_PREFIX = "version_of_"


def history_versions(*models) -> dict:
    """Annotations {name: latest history id of the model} for the given models."""
    return {
        f"{VERSION_PREFIX}{model._meta.label_lower.replace('.', '_')}": Subquery(
            model.history.model.objects.order_by("-history_id").values("history_id")[:1]
        )
        for model in models
    }


def version_of(instance) -> str:
    """The versions annotated on an instance (history_versions), as one key part."""
    values = [f"{value}" for name, value in sorted(vars(instance).items()) if name.startswith(VERSION_PREFIX)]
    if not values:
        raise ValueError("the instance was loaded without history_versions()")
    return "-".join(values)
