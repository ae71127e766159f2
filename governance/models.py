from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.permissions import Role


class NaturalKeyManager(models.Manager):
    """Looks objects up by the field named in the model's NATURAL_KEY (for fixtures)."""

    def get_by_natural_key(self, key):
        return self.get(**{self.model.NATURAL_KEY: key})


class GroupRole(models.Model):
    """Ties a Django group to a role by a stable key, so renaming the group keeps its rights."""

    key = models.CharField(_("roll"), max_length=40, choices=Role.choices, unique=True)
    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="role", verbose_name=_("grupp")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("roll")
        verbose_name_plural = _("roller")
        ordering = ["key"]

    def __str__(self):
        return f"{self.get_key_display()} ({self.group.name})"

    @classmethod
    def group_for(cls, key: str):
        """The group that carries the role (created with the role's name if a database lacks it)."""
        from django.contrib.auth.models import Group

        role = cls.objects.select_related("group").filter(key=key).first()
        if role:
            return role.group
        group, _created = Group.objects.get_or_create(name=str(Role(key).label))
        cls.objects.create(key=key, group=group)
        return group


class Organisation(models.Model):
    NATURAL_KEY = "slug"
    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=100, blank=True)
    slug = models.SlugField(_("kortkod"), unique=True)
    history = HistoricalRecords()
    objects = NaturalKeyManager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Office(models.Model):
    """A förvaltning or kontor that can carry responsibility for measures (e.g. SoC)."""

    NATURAL_KEY = "abbreviation"
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="offices", verbose_name=_("organisation")
    )
    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=100, blank=True)
    abbreviation = models.CharField(_("förkortning"), max_length=20, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="offices", blank=True, verbose_name=_("medarbetare")
    )
    history = HistoricalRecords()
    objects = NaturalKeyManager()

    class Meta:
        verbose_name = _("verksamhet")
        verbose_name_plural = _("verksamheter")
        ordering = ["abbreviation"]

    def __str__(self):
        return f"{self.short_name or self.name} ({self.abbreviation})"

    def natural_key(self):
        return (self.abbreviation,)

    @property
    def label(self):
        return self.short_name or self.abbreviation


class DepartmentManager(models.Manager):
    def get_by_natural_key(self, office, name):
        return self.get(office__abbreviation=office, name=name)


class Department(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="departments", verbose_name=_("verksamhet")
    )
    name = models.CharField(_("namn"), max_length=200)
    history = HistoricalRecords()
    objects = DepartmentManager()

    class Meta:
        verbose_name = _("avdelning")
        verbose_name_plural = _("avdelningar")
        ordering = ["office__abbreviation", "name"]
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="department_unique_name")]

    def __str__(self):
        return f"{self.name}, {self.office.label}"

    def natural_key(self):
        return (self.office.abbreviation, self.name)

    natural_key.dependencies = ["governance.office"]


class DecisionBody(models.Model):
    """A political body that adopts plans and receives follow-up reports."""

    NATURAL_KEY = "slug"
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="decision_bodies", verbose_name=_("organisation")
    )
    name = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortkod"), unique=True)
    history = HistoricalRecords()
    objects = NaturalKeyManager()

    class Meta:
        verbose_name = _("beslutande organ")
        verbose_name_plural = _("beslutande organ")
        ordering = ["organisation__name", "name"]

    def __str__(self):
        return f"{self.name} ({self.organisation.short_name or self.organisation.name})"

    def natural_key(self):
        return (self.slug,)


class SteeringGroupManager(models.Manager):
    def get_by_natural_key(self, plan):
        return self.get(plan__slug=plan)


class SteeringGroup(models.Model):
    plan = models.OneToOneField(
        "plan.ActionPlan",
        on_delete=models.CASCADE,
        related_name="steering_group",
        verbose_name=_("handlingsplan"),
    )
    name = models.CharField(_("namn"), max_length=200, default=_("Styrgrupp"))
    mandate = models.TextField(_("uppdrag och mandat"), blank=True)
    history = HistoricalRecords()
    objects = SteeringGroupManager()

    class Meta:
        verbose_name = _("styrgrupp")
        verbose_name_plural = _("styrgrupper")

    def __str__(self):
        return f"{self.name} – {self.plan}"

    def natural_key(self):
        return (self.plan.slug,)

    natural_key.dependencies = ["plan.actionplan"]


class SteeringGroupMemberManager(models.Manager):
    def get_by_natural_key(self, plan, position):
        return self.get(steering_group__plan__slug=plan, position=position)


class SteeringGroupMember(models.Model):
    """One seat in the steering group: the office (and department) it represents, and its roles."""

    steering_group = models.ForeignKey(
        SteeringGroup, on_delete=models.CASCADE, related_name="members", verbose_name=_("styrgrupp")
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=1)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("verksamhet")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("avdelning"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steering_group_seats",
        verbose_name=_("användare"),
    )
    person_name = models.CharField(_("namn på ledamot"), max_length=200, blank=True)
    title = models.CharField(_("befattning"), max_length=200, blank=True)
    is_chair = models.BooleanField(_("ordförande"), default=False)
    is_assignment_owner = models.BooleanField(_("uppdragsansvarig"), default=False)
    is_resource_owner = models.BooleanField(_("resursägare"), default=False)
    is_result_recipient = models.BooleanField(_("mottagare av resultat"), default=False)
    history = HistoricalRecords()
    objects = SteeringGroupMemberManager()

    class Meta:
        verbose_name = _("styrgruppsledamot")
        verbose_name_plural = _("styrgruppens ledamöter")
        ordering = ["steering_group", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["steering_group", "position"], name="steering_seat_unique_position"
            )
        ]

    def __str__(self):
        who = self.department.name if self.department else self.office.name
        return f"{self.person_name} ({who})" if self.person_name else who

    def natural_key(self):
        return (*self.steering_group.natural_key(), self.position)

    natural_key.dependencies = ["governance.steeringgroup"]

    @property
    def roles(self) -> list[str]:
        flags = ["is_chair", "is_assignment_owner", "is_resource_owner", "is_result_recipient"]
        return [str(self._meta.get_field(flag).verbose_name) for flag in flags if getattr(self, flag)]


class PlanSeatManager(models.Manager):
    def get_by_natural_key(self, plan, position):
        return self.get(plan__slug=plan, position=position)


class ImplementationTeamMember(models.Model):
    """One representative per steering-group office in the genomförandeteam."""

    plan = models.ForeignKey(
        "plan.ActionPlan",
        on_delete=models.CASCADE,
        related_name="implementation_team",
        verbose_name=_("plan"),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=1)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("verksamhet")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("avdelning"),
    )
    person_name = models.CharField(_("namn"), max_length=200, blank=True)
    share_of_full_time = models.DecimalField(
        _("andel av heltid (%)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("10"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    start_date = models.DateField(_("från"), null=True, blank=True)
    end_date = models.DateField(_("till"), null=True, blank=True)
    history = HistoricalRecords()
    objects = PlanSeatManager()

    class Meta:
        verbose_name = _("genomförandeteamets representant")
        verbose_name_plural = _("genomförandeteamet")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="implementation_seat_unique_position")
        ]

    def __str__(self):
        return f"{self.person_name or _('Representant')} ({self.office.abbreviation})"

    def natural_key(self):
        return (self.plan.slug, self.position)

    natural_key.dependencies = ["plan.actionplan"]


class PlanPartManager(models.Manager):
    """Natural key (plan slug, title) for plan-specific records that fixtures ship."""

    def get_by_natural_key(self, plan, title):
        return self.get(plan__slug=plan, title=title)


class CoordinatorPost(models.Model):
    """Samordnare för psykisk hälsa / processledare."""

    plan = models.ForeignKey(
        "plan.ActionPlan", on_delete=models.CASCADE, related_name="coordinator_posts", verbose_name=_("plan")
    )
    title = models.CharField(_("benämning"), max_length=200)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("placering")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användare"),
    )
    share_of_full_time = models.DecimalField(
        _("andel av heltid (%)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    funding = models.CharField(_("finansiering"), max_length=300, blank=True)
    max_duration = models.CharField(_("längsta tid"), max_length=100, blank=True)
    start_date = models.DateField(_("från"), null=True, blank=True)
    end_date = models.DateField(_("till"), null=True, blank=True)
    history = HistoricalRecords()
    objects = PlanPartManager()

    class Meta:
        verbose_name = _("samordnartjänst")
        verbose_name_plural = _("samordnartjänster")
        constraints = [
            models.UniqueConstraint(fields=["plan", "title"], name="coordinator_post_unique_title")
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.plan.slug, self.title)

    natural_key.dependencies = ["plan.actionplan"]


class Network(models.Model):
    class Kind(models.TextChoices):
        NETWORK = "network", _("Nätverk")
        COLLABORATION_GROUP = "collaboration_group", _("Samverkansgrupp")
        CONSULTATION_BODY = "consultation_body", _("Remissinstans")

    NATURAL_KEY = "name"
    name = models.CharField(_("namn"), max_length=200, unique=True)
    abbreviation = models.CharField(_("förkortning"), max_length=20, blank=True)
    kind = models.CharField(_("typ"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("beskrivning"), blank=True)
    history = HistoricalRecords()
    objects = NaturalKeyManager()

    class Meta:
        verbose_name = _("nätverk")
        verbose_name_plural = _("nätverk och samverkansgrupper")
        ordering = ["kind", "name"]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def natural_key(self):
        return (self.name,)
