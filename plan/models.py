from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltrans.fields import TranslatedVirtualField, TranslationField
from simple_history.models import HistoricalRecords

from governance import permissions
from governance.models import NaturalKeyManager


class TranslatedHistoricalRecords(HistoricalRecords):
    """History of a model with django-modeltrans fields: the history keeps the i18n field and leaves out
    the virtual fields read from it (need_sv, need_en, need_i18n), which cannot be stored or passed back."""

    def fields_included(self, model):
        return [f for f in super().fields_included(model) if not isinstance(f, TranslatedVirtualField)]


class ActionPlanQuerySet(models.QuerySet):
    def adopted(self):
        """Adopted plans (not drafts): the open data lists these."""
        return self.exclude(status=ActionPlan.Status.DRAFT)

    def published(self):
        """Plans whose owner opted in to the public page (issue 13)."""
        return self.filter(published=True)

    def without_successor(self):
        """Plans not yet rolled over: the only ones whose rounds, reports and measures may still change."""
        return self.filter(successor__isnull=True)

    def current(self):
        """The one rule for "the plan users work in": adopted (not a draft) and not rolled over into a successor."""
        return self.adopted().without_successor()

    def current_for(self, user):
        """The current plans the user may open (permissions.can_open_plan), in name order."""
        return permissions.visible_plans(user, self.current()).order_by("name")


class ActionPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        ADOPTED = "adopted", _("Antagen")
        CLOSED = "closed", _("Avslutad")

    NATURAL_KEY = "slug"
    name = models.CharField(_("namn"), max_length=300)
    subtitle = models.CharField(_("underrubrik"), max_length=300, blank=True)
    slug = models.SlugField(_("kortkod"), max_length=100, unique=True)
    organisations = models.ManyToManyField(
        "governance.Organisation", related_name="plans", verbose_name=_("organisationer")
    )
    implementation_start = models.PositiveSmallIntegerField(_("genomförandeperiod från (år)"))
    implementation_end = models.PositiveSmallIntegerField(_("genomförandeperiod till (år)"))
    dialogue_start = models.PositiveSmallIntegerField(
        _("fördjupade dialoger från (år)"), null=True, blank=True
    )
    dialogue_end = models.PositiveSmallIntegerField(_("fördjupade dialoger till (år)"), null=True, blank=True)
    purpose = models.TextField(_("syfte"), blank=True)
    target_group = models.TextField(_("målgrupp"), blank=True)
    follow_up = models.TextField(_("uppföljning"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # The public page /planer/<slug>/ for anonymous visitors (issue 13): off until the plan owner opts in.
    published = models.BooleanField(
        _("publicerad för allmänheten"),
        default=False,
        help_text=_(
            "Visar planen och de stängda uppföljningsomgångarnas status på en öppen sida utan inloggning."
        ),
    )
    licence = models.CharField(
        _("licens för öppna data"),
        max_length=100,
        default="CC0-1.0",
        help_text=_("SPDX-kod, till exempel CC0-1.0 eller CC-BY-4.0."),
    )
    # The plan this one carries on from (rollover, reporting.rollover): a plan has one successor at most.
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name=_("föregående plan"),
    )
    history = HistoricalRecords(m2m_fields=[organisations])
    objects = NaturalKeyManager.from_queryset(ActionPlanQuerySet)()

    class Meta:
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")
        ordering = ["-implementation_start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(implementation_end__gte=models.F("implementation_start")),
                name="plan_period_in_order",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("plan-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        super().clean()
        start, end = self.implementation_start, self.implementation_end
        if start is not None and end is not None and end < start:
            raise ValidationError(
                {"implementation_end": _("Planperioden kan inte sluta (%(end)s) innan den börjar (%(start)s).")
                 % {"start": start, "end": end}}
            )
        if self.predecessor_id is not None and self.predecessor_id == self.pk:
            raise ValidationError({"predecessor": _("En plan kan inte vara sin egen föregångare.")})

    @property
    def period(self) -> str:
        return f"{self.implementation_start}–{self.implementation_end}"

    @property
    def successor_or_none(self) -> "ActionPlan | None":
        try:
            return self.successor
        except ActionPlan.DoesNotExist:
            return None

    @property
    def is_read_only(self) -> bool:
        """A plan rolled over into a successor is a record: its rounds, reports and measures stay as they
        were (governance.permissions.plan_is_writable asks this)."""
        return self.successor_or_none is not None


class PlanAdoptionManager(models.Manager):
    def get_by_natural_key(self, plan, body):
        return self.get(plan__slug=plan, decision_body__slug=body)


class PlanAdoption(models.Model):
    """That a decision body adopted the plan, and when."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="adoptions")
    decision_body = models.ForeignKey(
        "governance.DecisionBody", on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("organ")
    )
    adopted_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    reference = models.CharField(_("diarienummer / paragraf"), max_length=100, blank=True)
    history = HistoricalRecords()
    objects = PlanAdoptionManager()

    class Meta:
        verbose_name = _("antagande")
        verbose_name_plural = _("antaganden")
        constraints = [
            models.UniqueConstraint(fields=["plan", "decision_body"], name="plan_adoption_unique_body")
        ]

    def __str__(self):
        return f"{self.plan} – {self.decision_body}"

    def natural_key(self):
        return (self.plan.slug, self.decision_body.slug)

    natural_key.dependencies = ["plan.actionplan", "governance.decisionbody"]


class TargetArea(models.Model):
    """One of folkhälsopolitikens åtta målområden (national, shared by all plans)."""

    NATURAL_KEY = "number"
    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name = models.CharField(_("namn"), max_length=200, unique=True)
    description = models.TextField(_("beskrivning"), blank=True)
    # Optional English name and description (name_en, description_en; name_i18n falls back to Swedish).
    i18n = TranslationField(fields=("name", "description"))
    history = TranslatedHistoricalRecords()
    objects = NaturalKeyManager()

    class Meta:
        verbose_name = _("målområde")
        verbose_name_plural = _("målområden")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=8), name="target_area_number_1_to_8"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def natural_key(self):
        return (self.number,)


class InterventionLevel(models.Model):
    """Insatsnivå: främjande, förebyggande, tillgängliga och tidiga, specialiserade."""

    NATURAL_KEY = "slug"
    slug = models.SlugField(_("kortkod"), unique=True)
    name = models.CharField(_("namn"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=1)
    description = models.TextField(_("beskrivning"), blank=True)
    history = HistoricalRecords()
    objects = NaturalKeyManager()

    class Meta:
        verbose_name = _("insatsnivå")
        verbose_name_plural = _("insatsnivåer")
        ordering = ["position"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)
