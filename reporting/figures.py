"""Counting measures by status and traffic light, and writing amounts: shared by the dashboard, the
annual report and the stimulus funds."""

from collections import Counter
from decimal import Decimal

from django.utils.translation import get_language

from measures.status import NO_LIGHT_LABEL, MeasureStatus, TrafficLight
from reporting.charts import STATUS_COLOURS, Series

STATUS_SERIES = [Series(value, str(label), STATUS_COLOURS[value]) for value, label in MeasureStatus.choices]
LIGHT_SERIES = [Series(value, str(label), STATUS_COLOURS[value]) for value, label in TrafficLight.choices] + [
    Series("", str(NO_LIGHT_LABEL), STATUS_COLOURS[""])
]


def count_by(items, key) -> dict[str, int]:
    """{value: count} for key(item) over items; key is a callable or an attribute name."""
    getter = key if callable(key) else (lambda item: getattr(item, key))
    return dict(Counter(getter(item) for item in items))


def kronor(amount: int | Decimal | None) -> str:
    """Whole kronor as the interface language writes them: 12 500 kr in Swedish (a non-breaking space
    between thousands), SEK 12,500 in English."""
    if amount is None:
        return "–"
    if get_language() == "en":
        return f"SEK\u00a0{int(amount):,}"
    return f"{int(amount):,}".replace(",", "\u00a0") + "\u00a0kr"
