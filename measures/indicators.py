"""Outcome indicators: figures from Kolada, Folkhälsodata or the municipality's own, beside the measures.

An indicator is linked to target areas and measures; its values are one per area (municipality code such
as 0188, 0000 for Sweden), year and gender. A missing value (Kolada's null) is kept as missing, never 0.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

NATIONAL_AREA = "0000"
AREA_NAMES = {"0000": _("Riket"), "0188": _("Norrtälje"), "01": _("Region Stockholm")}


def format_value(value: float | None) -> str:
    """Swedish number: decimal comma, at most two decimals, no trailing zeros; '–' when missing."""
    if value is None:
        return "–"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",").replace("-", "\N{MINUS SIGN}")


def area_name(code: str) -> str:
    return str(AREA_NAMES.get(code, code))


class IndicatorSource(models.TextChoices):
    KOLADA = "kolada", _("Kolada")
    FOLKHALSODATA = "folkhalsodata", _("Folkhälsodata")
    OWN = "own", _("Egen")


class BetterDirection(models.TextChoices):
    HIGHER = "higher", _("Högre är bättre")
    LOWER = "lower", _("Lägre är bättre")


class Gender(models.TextChoices):
    TOTAL = "T", _("Totalt")
    WOMEN = "K", _("Kvinnor")
    MEN = "M", _("Män")


class Trend(models.TextChoices):
    BETTER = "better", _("Bättre")
    WORSE = "worse", _("Sämre")
    UNCHANGED = "unchanged", _("Oförändrat")
    UNKNOWN = "unknown", _("Går inte att avgöra")


class IndicatorManager(models.Manager):
    def get_by_natural_key(self, source, source_id):
        return self.get(source=source, source_id=source_id)


class IndicatorQuerySet(models.QuerySet):
    def with_values(self, until: int | None = None):
        """Each indicator with its values (year, then gender) in `ordered_values`: two queries in all.
        `until` leaves out later years (an annual report shows the figures up to its year)."""
        values = IndicatorValue.objects.order_by("area_code", "period", "gender")
        if until is not None:
            values = values.filter(period__lte=until)
        return self.prefetch_related(Prefetch("values", queryset=values, to_attr="ordered_values"))


class Indicator(models.Model):
    source = models.CharField(
        _("källa"), max_length=20, choices=IndicatorSource.choices, default=IndicatorSource.KOLADA
    )
    source_id = models.CharField(
        _("id hos källan"), max_length=50, help_text=_("Till exempel Koladas nyckeltals-id, N33820.")
    )
    title = models.CharField(_("namn"), max_length=300)
    unit = models.CharField(_("enhet"), max_length=50, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    better = models.CharField(
        _("bättre är"), max_length=10, choices=BetterDirection.choices, default=BetterDirection.HIGHER
    )
    target_value = models.FloatField(_("målvärde"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("målår"), null=True, blank=True)
    target_areas = models.ManyToManyField(
        "plan.TargetArea", related_name="indicators", blank=True, verbose_name=_("målområden")
    )
    measures = models.ManyToManyField(
        "measures.Measure", related_name="indicators", blank=True, verbose_name=_("åtgärdsbehov")
    )
    history = HistoricalRecords(m2m_fields=[target_areas, measures])
    objects = IndicatorManager.from_queryset(IndicatorQuerySet)()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["title", "source_id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="indicator_unique_source_id")
        ]

    def __str__(self):
        return f"{self.title} ({self.source_id})"

    def natural_key(self):
        return (self.source, self.source_id)

    natural_key.dependencies = ["plan.targetarea", "measures.measure"]

    @property
    def values_in_order(self) -> list["IndicatorValue"]:
        if not hasattr(self, "ordered_values"):
            self.ordered_values = list(self.values.order_by("area_code", "period", "gender"))
        return self.ordered_values

    @property
    def home_area(self) -> str:
        """The area the indicator is followed for: the first one that is not the whole country."""
        codes = sorted({v.area_code for v in self.values_in_order})
        return next((c for c in codes if c != NATIONAL_AREA), codes[0] if codes else "")

    def series(self, area_code: str, gender: str) -> list[tuple[int, float]]:
        """(year, value) for the years that have a value, in year order."""
        return [
            (v.period, v.value)
            for v in self.values_in_order
            if v.area_code == area_code and v.gender == gender and v.value is not None
        ]

    def latest(self) -> "IndicatorValue | None":
        area = self.home_area
        values = [
            v
            for v in self.values_in_order
            if v.area_code == area and v.gender == Gender.TOTAL and v.value is not None
        ]
        return values[-1] if values else None

    @property
    def imported_at(self):
        dates = [v.imported_at for v in self.values_in_order if v.imported_at]
        return max(dates) if dates else None

    def trend_since(self, start_year: int) -> str:
        """Better or worse for the home area (total) from the last value up to start_year to the latest."""
        points = self.series(self.home_area, Gender.TOTAL)
        before = [p for p in points if p[0] <= start_year] or points[:1]
        if len(points) < 2 or not before or before[-1][0] == points[-1][0]:
            return Trend.UNKNOWN
        first, last = before[-1][1], points[-1][1]
        if first == last:
            return Trend.UNCHANGED
        higher = last > first
        return Trend.BETTER if higher == (self.better == BetterDirection.HIGHER) else Trend.WORSE

    def value_at(self, area_code: str, year: int, gender: str = "T") -> "IndicatorValue | None":
        return next(
            (
                v
                for v in self.values_in_order
                if v.area_code == area_code and v.period == year and v.gender == gender
            ),
            None,
        )

    def start_value(self, start_year: int) -> "IndicatorValue | None":
        """The home area's total at the plan's start: the last value up to that year, else the first."""
        points = [
            v
            for v in self.values_in_order
            if v.area_code == self.home_area and v.gender == Gender.TOTAL and v.value is not None
        ]
        before = [v for v in points if v.period <= start_year]
        return (before or points or [None])[-1 if before else 0]

    def report_entry(self, start_year: int) -> dict:
        """Plain data for the annual report: last values and the direction since the plan started."""
        latest, start = self.latest(), self.start_value(start_year)
        national = self.value_at(NATIONAL_AREA, latest.period) if latest else None
        by_gender = {
            gender: self.value_at(self.home_area, latest.period, gender) if latest else None
            for gender in (Gender.WOMEN, Gender.MEN)
        }
        trend = self.trend_since(start_year)
        imported = self.imported_at
        return {
            "source": self.source,
            "source_label": str(self.get_source_display()),
            "source_id": self.source_id,
            "title": self.title,
            "unit": self.unit,
            "better_label": str(self.get_better_display()),
            "area": area_name(self.home_area) if self.home_area else "",
            "latest_year": latest.period if latest else None,
            "latest_text": latest.display if latest else "–",
            "women_text": by_gender[Gender.WOMEN].display if by_gender[Gender.WOMEN] else "",
            "men_text": by_gender[Gender.MEN].display if by_gender[Gender.MEN] else "",
            "national_text": national.display if national else "",
            "start_year": start.period if start else None,
            "start_text": start.display if start else "–",
            "trend": str(trend),
            "trend_label": str(Trend(trend).label),
            "target_text": format_value(self.target_value) if self.target_value is not None else "",
            "target_year": self.target_year,
            "imported_on": imported.date().isoformat() if imported else "",
        }

    def table(self) -> "IndicatorTable":
        """The numbers behind the chart: one row per year, one column per area and gender present."""
        home = self.home_area
        columns = []
        for area in [home, NATIONAL_AREA] if home != NATIONAL_AREA else [home]:
            for gender in Gender:
                if self.series(area, gender):
                    columns.append((area, gender.value))
        years = sorted({v.period for v in self.values_in_order})
        cells = {(v.area_code, v.gender, v.period): v for v in self.values_in_order}
        rows = [(year, [cells.get((area, gender, year)) for area, gender in columns]) for year in years]
        labels = [f"{area_name(area)}, {Gender(gender).label.lower()}" for area, gender in columns]
        return IndicatorTable(columns=columns, labels=labels, rows=rows)


@dataclass
class IndicatorTable:
    columns: list[tuple[str, str]]
    labels: list[str]
    rows: list[tuple[int, list["IndicatorValue | None"]]]


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indikator")
    )
    area_code = models.CharField(
        _("område"), max_length=20, help_text=_("Kommunkod som 0188 (Norrtälje), 0000 för riket.")
    )
    period = models.PositiveSmallIntegerField(_("år"))
    gender = models.CharField(_("kön"), max_length=1, choices=Gender.choices, default=Gender.TOTAL)
    value = models.FloatField(_("värde"), null=True, blank=True, help_text=_("Tomt när källan saknar värde."))
    status = models.CharField(_("status hos källan"), max_length=30, blank=True)
    ci_low = models.FloatField(_("konfidensintervall, nedre"), null=True, blank=True)
    ci_high = models.FloatField(_("konfidensintervall, övre"), null=True, blank=True)
    source = models.CharField(_("källa"), max_length=100, blank=True)
    imported_at = models.DateTimeField(_("importerad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikatorvärde")
        verbose_name_plural = _("indikatorvärden")
        ordering = ["indicator", "area_code", "period", "gender"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_code", "period", "gender"], name="indicator_value_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(gender__in=["T", "K", "M"]), name="indicator_value_gender"
            ),
        ]

    def __str__(self):
        return f"{self.indicator.source_id} {self.area_code} {self.period} {self.gender}: {self.value}"

    @property
    def display(self) -> str:
        """The value as shown, with the confidence interval when there is one."""
        text = format_value(self.value)
        if self.value is not None and self.ci_low is not None and self.ci_high is not None:
            text += f" ({format_value(self.ci_low)}–{format_value(self.ci_high)})"
        return text
