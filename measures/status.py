"""The status vocabulary of the product: every status, light and report state lives here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Ej påbörjad")
    IN_PROGRESS = "in_progress", _("Pågår")
    DONE = "done", _("Klar")
    TRANSFERRED = "transferred", _("Avslutad – övergått i ordinarie verksamhet")
    ACTIVITIES_PENDING = "activities_pending", _("Aktiviteter tas fram")

    @classmethod
    def closed(cls) -> list[str]:
        return [cls.DONE, cls.TRANSFERRED]


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Ej påbörjad")
    IN_PROGRESS = "in_progress", _("Pågår")
    DONE = "done", _("Klar")
    CANCELLED = "cancelled", _("Utgår")


class TrafficLight(models.TextChoices):
    GREEN = "green", _("Grön – enligt plan")
    YELLOW = "yellow", _("Gul – risk eller avvikelse")
    RED = "red", _("Röd – allvarlig avvikelse")


class ReportState(models.TextChoices):
    """Where one office's report stands in a follow-up round (StatusReport.state). Whether it is late is
    not a state but a rule on top of it: StatusReport.is_late_on() and StatusReport.late_q()."""

    MISSING = "missing", _("Saknas")
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inlämnad")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Öppen")
    CLOSED = "closed", _("Stängd")


class RoundKind(models.TextChoices):
    INTERIM = "interim", _("Delårsuppföljning (per 31 augusti)")
    ANNUAL = "annual", _("Årsuppföljning (per 31 december)")
    TERTIAL = "tertial", _("Tertialuppföljning")
    OTHER = "other", _("Annan uppföljning")


# How a measure stands in one follow-up round when its lead office has not submitted a report, and how
# filters name "no traffic light" and "not yet submitted" in URLs.
NOT_REPORTED = "not_reported"
NOT_REPORTED_LABEL = _("Ej rapporterad")
NO_LIGHT = "none"
NO_LIGHT_LABEL = _("Ej bedömd")
ATTENTION = "red_yellow"  # a filter value: red or yellow, the lights that need attention
ATTENTION_LABEL = _("Rött eller gult")
OUTSTANDING = "outstanding"
OUTSTANDING_LABEL = _("Ej inlämnad")
LATE = "late"
LATE_LABEL = _("Sen")


def status_label(value: str, missing=NOT_REPORTED_LABEL) -> str:
    """A status's label; `missing` where there is no (known) status."""
    return str(MeasureStatus(value).label) if value in MeasureStatus.values else str(missing)


def light_label(value: str, missing=NO_LIGHT_LABEL) -> str:
    """A traffic light's label; `missing` where the light is not set."""
    return str(TrafficLight(value).label) if value in TrafficLight.values else str(missing)


def status_changed(before: str, after: str) -> bool:
    """A measure's status changed between two rounds when both rounds give it one and they differ; a round
    without a status (not reported) is no change. The database side is reporting.selectors.changed_between."""
    return bool(before) and bool(after) and before != after
