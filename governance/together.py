"""Several small querysets in one query, for a page that shows many short lists of one object.

A measure's page lists its activities, results, offices, reports and five tables of history: a query
each is a round trip to the database for a handful of rows. `fetch_together` reads
them all in one UNION ALL, each row as a JSON array, and gives back for each queryset the model
instances it would have given itself, in its own order, with its one-level `select_related` and its
annotations. Prefetches are left to the caller (it has the parents at hand).
"""

import datetime
import json
from collections import defaultdict
from decimal import Decimal

from django.db import connections
from django.db.models import F, IntegerField, QuerySet, Value, Window
from django.db.models.functions import JSONArray, RowNumber
from django.utils.dateparse import parse_datetime

# A database function takes at most 100 arguments on PostgreSQL (JSONB_BUILD_ARRAY, one per column).
MAX_COLUMNS = 100


def _columns(queryset: QuerySet) -> tuple[list, list, list, list]:
    """The JSON array's column names, the (attribute, field) pairs of the model itself, per related field
    the pairs of its model, and the (name, field) pairs of the annotations; in the array's order."""
    meta = queryset.model._meta
    own = [(field.attname, field) for field in meta.concrete_fields]
    columns = [attname for attname, _field in own]
    related = []
    select_related = queryset.query.select_related
    for name in select_related if isinstance(select_related, dict) else ():
        field = meta.get_field(name)
        pairs = [(f.attname, f) for f in field.related_model._meta.concrete_fields]
        columns += [f"{name}__{attname}" for attname, _f in pairs]
        related.append((field, pairs))
    annotations = [(name, expression.output_field) for name, expression in queryset.query.annotations.items()]
    columns += [name for name, _field in annotations]
    if len(columns) > MAX_COLUMNS:
        raise ValueError(f"{meta.label}: {len(columns)} columns, at most {MAX_COLUMNS} fit one JSON array")
    return columns, own, related, annotations


def _order(queryset: QuerySet) -> list:
    names = queryset.query.order_by or queryset.model._meta.ordering or ["pk"]
    return [F(name[1:]).desc() if name.startswith("-") else F(name).asc() for name in names] + [F("pk").asc()]


def _converter(field, vendor: str):
    """value of the JSON array -> the value as the field gives it from the database (None stays None)."""
    kind = field.get_internal_type()
    if kind == "DateTimeField":

        def moment(value):
            parsed = parse_datetime(value)  # SQLite keeps UTC without an offset
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)

        return moment
    if kind == "JSONField":
        return lambda value: json.loads(value) if vendor == "sqlite" and isinstance(value, str) else value
    if kind == "DecimalField":
        return lambda value: Decimal(str(value))
    if kind in ("CharField", "TextField", "SlugField", "EmailField", "URLField"):
        return str
    return field.to_python


def _reader(positions: dict, pairs, vendor: str):
    """row -> the values of the (attribute or name, field) pairs, converted."""
    steps = [(positions[name], _converter(field, vendor)) for name, field in pairs]
    return lambda row: [None if row[i] is None else convert(row[i]) for i, convert in steps]


def fetch_together(*querysets: QuerySet) -> list[list]:
    """For each queryset (all of one database), the list of instances it would give, read in one query."""
    if not querysets:
        return []
    alias = querysets[0].db
    vendor = connections[alias].vendor
    shapes, parts = [], []
    for index, queryset in enumerate(querysets):
        columns, own, related, annotations = _columns(queryset)
        at = {name: i for i, name in enumerate(columns)}
        shapes.append(
            (
                queryset.model,
                [a for a, _f in own],
                _reader(at, own, vendor),
                [
                    (
                        field,
                        [a for a, _f in pairs],
                        next(i for i, (_a, f) in enumerate(pairs) if f.primary_key),
                        _reader(at, [(f"{field.name}__{a}", f) for a, f in pairs], vendor),
                    )
                    for field, pairs in related
                ],
                [name for name, _f in annotations],
                _reader(at, annotations, vendor),
            )
        )
        parts.append(
            queryset.annotate(
                together_part=Value(index, output_field=IntegerField()),
                together_rank=Window(RowNumber(), order_by=_order(queryset)),
                together_row=JSONArray(*(F(name) for name in columns)),
            )
            .order_by()
            .values_list("together_part", "together_rank", "together_row")
        )
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    results = [[] for _ in querysets]
    for index, _rank, row in sorted(query, key=lambda part_rank_row: part_rank_row[:2]):
        model, names, read_own, related, annotation_names, read_annotations = shapes[index]
        instance = model.from_db(alias, names, read_own(row))
        for field, related_names, key, read_related in related:
            values = read_related(row)
            target = (
                None if values[key] is None else field.related_model.from_db(alias, related_names, values)
            )
            field.set_cached_value(instance, target)
        for name, value in zip(annotation_names, read_annotations(row), strict=True):
            setattr(instance, name, value)
        results[index].append(instance)
    return results


def keep_as_prefetched(instance, name: str, rows: list) -> None:
    """Makes instance.<name>.all() give `rows` without a query, as prefetch_related(name) would have."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def grouped(rows: list, key: str, take=None) -> defaultdict:
    """{row.<key>: [row, …]} in the rows' order, in one pass; `take` picks what is kept of each row (a
    link row's target)."""
    groups = defaultdict(list)
    for row in rows:
        groups[getattr(row, key)].append(take(row) if take else row)
    return groups
