"""Counting measures by status and traffic light: shared by the dashboard and the annual report."""

from collections import Counter

from measures.status import MeasureStatus, TrafficLight
from reporting.charts import STATUS_COLOURS, Series

STATUS_SERIES = [Series(value, str(label), STATUS_COLOURS[value]) for value, label in MeasureStatus.choices]
LIGHT_SERIES = [Series(value, str(label), STATUS_COLOURS[value]) for value, label in TrafficLight.choices] + [
    Series("", "Ej bedömd", STATUS_COLOURS[""])
]


def count_by(items, key) -> dict[str, int]:
    """{value: count} for key(item) over items; key is a callable or an attribute name."""
    getter = key if callable(key) else (lambda item: getattr(item, key))
    return dict(Counter(getter(item) for item in items))
