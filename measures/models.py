from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltrans.fields import TranslationField
from simple_history.models import HistoricalRecords

from governance.together import grouped, keep_as_prefetched
from measures.status import ActivityStatus, MeasureStatus, TrafficLight
from plan.models import TranslatedHistoricalRecords


def code_sort_key(code: str) -> str:
    """'2.1.10' -> '0002.0001.0010' so that codes sort numerically in the database."""
    return ".".join(part.zfill(4) for part in code.split("."))


def refuse_read_only_plan(plan) -> None:
    """A plan rolled over into a successor keeps its measures as they were (ActionPlan.is_read_only)."""
    if plan is not None and plan.is_read_only:
        raise ValidationError(
            _("Planen %(plan)s är avslutad och ersatt av %(successor)s; dess åtgärdsbehov kan inte ändras.")
            % {"plan": plan.name, "successor": plan.successor.name},
            code="read_only_plan",
        )


class MeasureManager(models.Manager):
    def get_by_natural_key(self, plan, code):
        return self.get(plan__slug=plan, code=code)


class MeasureQuerySet(models.QuerySet):
    def for_plan(self, plan):
        return self.filter(plan=plan)

    def counts_by_status(self):
        """Rows of plan, target area, current status and traffic light with the number of measures: the
        figures of the dashboard's status charts and of the regional view, in one query."""
        return (
            self.values("plan_id", "target_area_id", "status", "traffic_light")
            .annotate(n=models.Count("id"))
            .order_by()
        )

    def with_plan_content(self):
        """Everything a measure row shows: target area, offices in order, activities, results."""
        return self.select_related("plan", "target_area").prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("office").order_by("position"),
                to_attr="ordered_responsibilities",
            ),
            Prefetch("activities", queryset=Activity.objects.order_by("position")),
            Prefetch("expected_results", queryset=ExpectedResult.objects.order_by("position")),
            "intervention_levels",
        )


def plan_content_querysets(measures) -> tuple:
    """What with_plan_content() prefetches, for `measures` (a queryset or a list), as querysets for
    governance.together.fetch_together: offices in order, activities, results, and the links to the
    intervention levels with their level. keep_plan_content() hangs the rows on the measures."""
    levels = Measure.intervention_levels.through.objects.filter(measure__in=measures)
    return (
        Responsibility.objects.filter(measure__in=measures).select_related("office").order_by("position"),
        Activity.objects.filter(measure__in=measures).order_by("position"),
        ExpectedResult.objects.filter(measure__in=measures).order_by("position"),
        levels.select_related("interventionlevel").order_by("interventionlevel__position"),
    )


def keep_plan_content(measures, rows) -> None:
    """Makes each measure's plan content (the rows of plan_content_querysets()) read as
    with_plan_content() would have loaded it, without a query."""
    responsibilities, activities, results, level_links = rows
    offices = grouped(responsibilities, "measure_id")
    by_name = {
        "activities": grouped(activities, "measure_id"),
        "expected_results": grouped(results, "measure_id"),
        "intervention_levels": grouped(level_links, "measure_id", lambda link: link.interventionlevel),
    }
    for measure in measures:
        measure.ordered_responsibilities = offices[measure.pk]
        for name, groups in by_name.items():
            keep_as_prefetched(measure, name, groups[measure.pk])


class Measure(models.Model):
    """Åtgärdsbehov: an identified need for action, with activities, results and responsible offices."""

    plan = models.ForeignKey(
        "plan.ActionPlan", on_delete=models.CASCADE, related_name="measures", verbose_name=_("handlingsplan")
    )
    code = models.CharField(
        _("nummer"),
        max_length=20,
        help_text=_("Som i planen, till exempel 2.1.1."),
    )
    sort_key = models.CharField(max_length=60, editable=False, db_index=True)
    target_area = models.ForeignKey(
        "plan.TargetArea", on_delete=models.PROTECT, related_name="measures", verbose_name=_("målområde")
    )
    need = models.TextField(_("åtgärdsbehov"))
    # Optional English text of the plan's content (need_en; need_i18n falls back to the Swedish need).
    i18n = TranslationField(fields=("need",))
    intervention_levels = models.ManyToManyField(
        "plan.InterventionLevel", related_name="measures", blank=True, verbose_name=_("insatsnivåer")
    )
    status = models.CharField(
        _("status"), max_length=30, choices=MeasureStatus.choices, default=MeasureStatus.NOT_STARTED
    )
    traffic_light = models.CharField(
        _("trafikljus"), max_length=10, choices=TrafficLight.choices, blank=True, default=""
    )
    # The plan's own status and light while a report sets the two above (blank when none does), so that the
    # current status can always be recomputed: reporting.services.measure_status_refresh.
    plan_status = models.CharField(
        _("status enligt planen"), max_length=30, choices=MeasureStatus.choices, blank=True, editable=False
    )
    plan_traffic_light = models.CharField(
        _("trafikljus enligt planen"), max_length=10, choices=TrafficLight.choices, blank=True, editable=False
    )
    status_note = models.CharField(_("kommentar till status"), max_length=300, blank=True)
    is_active = models.BooleanField(
        _("aktiv"), default=True, help_text=_("Inaktiva åtgärdsbehov får inga nya lägesrapporter.")
    )
    # The measure of the previous plan this one was carried over from (reporting.rollover).
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name=_("överfört från"),
    )
    history = TranslatedHistoricalRecords(m2m_fields=[intervention_levels])
    objects = MeasureManager.from_queryset(MeasureQuerySet)()

    class Meta:
        verbose_name = _("åtgärdsbehov")
        verbose_name_plural = _("åtgärdsbehov")
        ordering = ["plan", "sort_key"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="measure_unique_code_in_plan")]

    def __str__(self):
        return f"{self.code} {self.need}"

    def save(self, *args, **kwargs):
        self.sort_key = code_sort_key(self.code)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "code" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("measure-detail", args=[self.plan.slug, self.code])

    def clean(self):
        super().clean()
        if self.plan_id is not None:
            refuse_read_only_plan(self.plan)
        if self.predecessor_id is not None and self.predecessor.plan_id != self.plan.predecessor_id:
            raise ValidationError(
                {"predecessor": _("Ett åtgärdsbehov kan bara föras över från planen som denna plan efterträder.")}
            )

    def natural_key(self):
        return (self.plan.slug, self.code)

    natural_key.dependencies = ["plan.actionplan", "plan.targetarea"]

    @property
    def status_before_reports(self) -> tuple[str, str]:
        """(status, traffic light) as the plan gives them, before any report set them."""
        if self.plan_status:
            return self.plan_status, self.plan_traffic_light
        return self.status, self.traffic_light

    @property
    def responsibilities_in_order(self) -> list["Responsibility"]:
        """The responsible offices as the plan lists them; each knows whether it is the lead."""
        if not hasattr(self, "ordered_responsibilities"):
            self.ordered_responsibilities = list(
                self.responsibilities.select_related("office").order_by("position")
            )
        return self.ordered_responsibilities

    @property
    def offices_in_order(self):
        return [r.office for r in self.responsibilities_in_order]

    @property
    def lead_office(self):
        return next((r.office for r in self.responsibilities_in_order if r.is_lead), None)


class MeasurePartManager(models.Manager):
    def get_by_natural_key(self, plan, code, position):
        return self.get(measure__plan__slug=plan, measure__code=code, position=position)


class Activity(models.Model):
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="activities", verbose_name=_("åtgärdsbehov")
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    text = models.TextField(_("aktivitet"))
    i18n = TranslationField(fields=("text",))
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.NOT_STARTED
    )
    history = TranslatedHistoricalRecords()
    objects = MeasurePartManager()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["measure", "position"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "position"], name="activity_unique_position")
        ]

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if self.measure_id is not None:
            refuse_read_only_plan(self.measure.plan)

    def natural_key(self):
        return (*self.measure.natural_key(), self.position)

    natural_key.dependencies = ["measures.measure"]


class ExpectedResult(models.Model):
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="expected_results", verbose_name=_("åtgärdsbehov")
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    text = models.TextField(_("förväntat resultat"))
    i18n = TranslationField(fields=("text",))
    history = TranslatedHistoricalRecords()
    objects = MeasurePartManager()

    class Meta:
        verbose_name = _("förväntat resultat")
        verbose_name_plural = _("förväntade resultat")
        ordering = ["measure", "position"]
        constraints = [models.UniqueConstraint(fields=["measure", "position"], name="result_unique_position")]

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if self.measure_id is not None:
            refuse_read_only_plan(self.measure.plan)

    def natural_key(self):
        return (*self.measure.natural_key(), self.position)

    natural_key.dependencies = ["measures.measure"]


class ResponsibilityManager(models.Manager):
    def get_by_natural_key(self, plan, code, office):
        return self.get(measure__plan__slug=plan, measure__code=code, office__abbreviation=office)


class ResponsibilityQuerySet(models.QuerySet):
    """The only place that says which responsibility is the lead (main responsibility)."""

    def lead(self):
        return self.filter(position=Responsibility.LEAD_POSITION)

    def shared(self):
        return self.filter(position__gt=Responsibility.LEAD_POSITION)

    def with_is_lead(self):
        """Annotates `lead` (a boolean), for values() rows that cannot ask the model."""
        return self.annotate(
            lead=models.ExpressionWrapper(
                models.Q(position=Responsibility.LEAD_POSITION), output_field=models.BooleanField()
            )
        )

    def renumber(self, measure) -> None:
        """Closes gaps in a measure's positions (1, 3, 7 -> 1, 2, 3), keeping the order.

        Ascending, each row moves to a position no higher than its own and not held by a later row,
        so the unique constraint holds after every single save.
        """
        for number, responsibility in enumerate(self.filter(measure=measure).order_by("position"), start=1):
            if responsibility.position != number:
                responsibility.position = number
                responsibility.save(update_fields=["position"])


class Responsibility(models.Model):
    """An office responsible for a measure; the first listed carries the main responsibility."""

    LEAD_POSITION = 1

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="responsibilities", verbose_name=_("åtgärdsbehov")
    )
    office = models.ForeignKey(
        "governance.Office",
        on_delete=models.PROTECT,
        related_name="responsibilities",
        verbose_name=_("verksamhet"),
    )
    position = models.PositiveSmallIntegerField(
        _("ordning"), help_text=_("1 = huvudansvarig, som först i planens kolumn ”Ansvar”.")
    )
    history = HistoricalRecords()
    objects = ResponsibilityManager.from_queryset(ResponsibilityQuerySet)()

    class Meta:
        verbose_name = _("ansvar")
        verbose_name_plural = _("ansvar")
        ordering = ["measure", "position"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "office"], name="responsibility_unique_office"),
            models.UniqueConstraint(fields=["measure", "position"], name="responsibility_unique_position"),
            models.CheckConstraint(
                condition=models.Q(position__gte=1), name="responsibility_position_from_1"
            ),
        ]

    def __str__(self):
        role = _("huvudansvar") if self.is_lead else _("delat ansvar")
        return f"{self.measure.code}: {self.office.abbreviation} ({role})"

    def clean(self):
        super().clean()
        if self.measure_id is not None:
            refuse_read_only_plan(self.measure.plan)

    @property
    def is_lead(self) -> bool:
        return self.position == self.LEAD_POSITION

    def natural_key(self):
        return (*self.measure.natural_key(), self.office.abbreviation)

    natural_key.dependencies = ["measures.measure", "governance.office"]


from measures.indicators import Indicator, IndicatorValue  # noqa: E402, F401 - the indicator models
