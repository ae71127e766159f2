import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value, When
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from measures.models import Responsibility
from measures.status import (
    LATE,
    LATE_LABEL,
    ActivityStatus,
    MeasureStatus,
    ReportState,
    RoundKind,
    RoundStatus,
    TrafficLight,
)
from plan.models import ActionPlan

# Of two rounds with the same period end, the later is the broader one: a year's annual round comes after
# a tertial ending on 31 December.
ROUND_KINDS_IN_ORDER = [RoundKind.OTHER, RoundKind.TERTIAL, RoundKind.INTERIM, RoundKind.ANNUAL]


def rounds_latest_first(prefix: str = "") -> list:
    """order_by() terms putting the latest round first: by period end, then kind, then opening order.

    `prefix` reaches the round through a relation, e.g. "round__" for status reports.
    """
    kind_rank = models.Case(
        *[When(**{f"{prefix}kind": kind}, then=Value(i)) for i, kind in enumerate(ROUND_KINDS_IN_ORDER)],
        default=Value(-1),
        output_field=models.IntegerField(),
    )
    return [F(f"{prefix}period_end").desc(), kind_rank.desc(), F(f"{prefix}id").desc()]


class FollowUpRoundQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=RoundStatus.OPEN)

    def latest_first(self):
        return self.order_by(*rounds_latest_first())

    def before(self, round: "FollowUpRound", *, kind: str | None = None):
        """The plan's rounds that come before `round` in FollowUpRound.sequence (of one kind, if given),
        the nearest first."""
        earlier = self.filter(plan_id=round.plan_id).filter(
            Q(period_end__lt=round.period_end)
            | Q(period_end=round.period_end, kind__in=ROUND_KINDS_IN_ORDER[: max(round.kind_rank, 0)])
            | Q(period_end=round.period_end, kind=round.kind, pk__lt=round.pk)
        )
        if kind:
            earlier = earlier.filter(kind=kind)
        return earlier.order_by(*rounds_latest_first())

    def plan_with_rounds(self, slug: str, *, versions: dict | None = None):
        """(the plan with this slug, its rounds latest first): one query when the plan has rounds.
        `versions` (governance.versions.history_versions) are annotated on the plan in the same query.
        Raises Http404 when there is no such plan."""
        versions = versions or {}
        rounds = list(self.filter(plan__slug=slug).select_related("plan").annotate(**versions).latest_first())
        if not rounds:
            plan = ActionPlan.objects.filter(slug=slug).annotate(**versions).first()
            if plan is None:
                raise Http404("No such plan")
            return plan, rounds
        plan = rounds[0].plan
        for name in versions:
            setattr(plan, name, getattr(rounds[0], name))
        for round in rounds:
            round.plan = plan
        return plan, rounds

    def not_after(self, round: "FollowUpRound"):
        """The plan's rounds up to and including this one."""
        return self.filter(Q(pk=round.pk) | Q(pk__in=self.before(round).values("pk")))


class FollowUpRound(models.Model):
    """Uppföljningsomgång: a reporting period with a deadline."""

    plan = models.ForeignKey(
        "plan.ActionPlan", on_delete=models.CASCADE, related_name="rounds", verbose_name=_("handlingsplan")
    )
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=RoundKind.choices, default=RoundKind.ANNUAL)
    period_start = models.DateField(_("perioden börjar"))
    period_end = models.DateField(_("perioden slutar (per)"))
    deadline = models.DateField(_("sista dag att rapportera"))
    grace_days = models.PositiveSmallIntegerField(
        _("respitdagar"),
        default=0,
        validators=[MaxValueValidator(60)],
        help_text=_("Så många dagar efter sista dag tas sena rapporter ändå emot."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    late_registration = models.BooleanField(
        _("efterregistrering"),
        default=False,
        help_text=_(
            "Omgången tar emot rapporter tills den stängs, fast sista dag och respitdagar har passerat. "
            "Rapporterna räknas som sena."
        ),
    )
    opened_at = models.DateTimeField(_("öppnad"), default=timezone.now)
    closed_at = models.DateTimeField(_("stängd"), null=True, blank=True)
    history = HistoricalRecords()
    objects = FollowUpRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("uppföljningsomgång")
        verbose_name_plural = _("uppföljningsomgångar")
        ordering = ["plan", "-period_end", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="round_unique_name_in_plan"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="round_period_in_order"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("round-detail", args=[self.pk])

    @staticmethod
    def latest_first(via: str = "") -> list:
        """The ordering of rounds, latest first (see rounds_latest_first), for rounds or (via="round__")
        for rows that belong to one."""
        return rounds_latest_first(via)

    @property
    def sequence(self) -> tuple:
        """Where the round stands among the plan's rounds: the Python twin of rounds_latest_first()."""
        return (self.period_end, self.kind_rank, self.pk)

    def previous(self, *, kind: str | None = None, among=None) -> "FollowUpRound | None":
        """The round just before this one in the same plan (of one kind, if given): the one rule for "the
        previous round" behind prefill, the dashboard, the measure list and the annual report. From `among`
        (the plan's rounds, already loaded) it costs no query."""
        if among is None:
            return FollowUpRound.objects.before(self, kind=kind).first()
        earlier = [
            r
            for r in among
            if r.plan_id == self.plan_id and (not kind or r.kind == kind) and r.sequence < self.sequence
        ]
        return max(earlier, key=lambda r: r.sequence, default=None)

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def kind_rank(self) -> int:
        return ROUND_KINDS_IN_ORDER.index(self.kind) if self.kind in ROUND_KINDS_IN_ORDER else -1

    @property
    def last_day_accepted(self) -> datetime.date:
        return self.deadline + datetime.timedelta(days=self.grace_days)

    def accepts_reports(self, today: datetime.date | None = None) -> bool:
        """Open, and either within deadline plus grace or opened for late registration."""
        if not self.is_open:
            return False
        return self.late_registration or (today or timezone.localdate()) <= self.last_day_accepted

    def is_past_last_day(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.last_day_accepted

    @property
    def is_frozen(self) -> bool:
        """An annual report of the round has been fastställd: the round is a record and stays closed."""
        return self.annual_reports.exists()

    @property
    def can_be_reopened(self) -> bool:
        return not self.is_open and not self.is_frozen

    @cached_property
    def report_counts(self) -> tuple[int, int]:
        """(submitted, expected) reports in the round, read once per loaded round: a page that asks
        twice (the freeze check and its warning) makes one query."""
        counts = self.reports.aggregate(
            expected=models.Count("id"),
            submitted=models.Count("id", filter=models.Q(state=ReportState.SUBMITTED)),
        )
        return counts["submitted"], counts["expected"]

    def is_past_deadline(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.deadline


class StatusReportQuerySet(models.QuerySet):
    def outstanding(self):
        return self.exclude(state=ReportState.SUBMITTED)

    def late(self, today: datetime.date | None = None):
        return self.filter(StatusReport.late_q(today))

    def next_outstanding(self, after: "StatusReport", office_ids) -> "StatusReport | None":
        """The next report of the offices in the same round that is not yet submitted, in measure order
        after `after` (wrapping around to the first)."""
        outstanding = list(
            self.filter(round_id=after.round_id, office__in=office_ids)
            .outstanding()
            .exclude(pk=after.pk)
            .select_related("measure")
            .order_by("measure__sort_key", "office__abbreviation")
        )
        later = (r for r in outstanding if r.measure.sort_key >= after.measure.sort_key)
        return next(later, outstanding[0] if outstanding else None)

    def submitted(self):
        return self.filter(state=ReportState.SUBMITTED)

    def lead(self):
        """The lead office's reports (see StatusReport.is_lead)."""
        return self.filter(is_lead=True)

    def shared(self):
        return self.filter(is_lead=False)

    def public(self):
        """The one rule of what anonymous visitors see (issue 13): the lead office's submitted reports of
        closed rounds in published plans. Never drafts, never an open round; the public pages show the
        deviations text only where deviations_public is set, and never who wrote or submitted."""
        return self.lead().filter(
            state=ReportState.SUBMITTED,
            round__status=RoundStatus.CLOSED,
            round__plan__published=True,
        )

    def setting_status(self):
        """The reports that can give a measure its current status, the one that does first: the lead
        office's submitted reports, latest round first; a report in an older round never wins. A report
        taken back to draft keeps its place, so the measure keeps what it submitted until it is
        submitted again (see reporting.services.measure_status_refresh)."""
        return self.lead().filter(submitted_at__isnull=False).order_by(*rounds_latest_first("round__"))

    def with_responsibility(self):
        """Annotates is_responsible: whether the office is still responsible for the measure (a report
        kept from a former responsibility is not)."""
        return self.annotate(
            is_responsible=Exists(
                Responsibility.objects.filter(measure=OuterRef("measure_id"), office=OuterRef("office_id"))
            )
        )


class StatusReport(models.Model):
    """Lägesrapport: one office's report on one measure for one follow-up round."""

    # What the reporting office writes; the rest is bookkeeping. The one list of the four texts: forms,
    # search, pages and the annual report take it, and their headings, from here (text_labels).
    TEXT_FIELDS = ("done_text", "results_text", "deviations_text", "next_steps_text")
    CONTENT_FIELDS = ("status", "traffic_light", *TEXT_FIELDS)

    round = models.ForeignKey(
        FollowUpRound, on_delete=models.CASCADE, related_name="reports", verbose_name=_("uppföljningsomgång")
    )
    measure = models.ForeignKey(
        "measures.Measure", on_delete=models.CASCADE, related_name="reports", verbose_name=_("åtgärdsbehov")
    )
    office = models.ForeignKey(
        "governance.Office", on_delete=models.PROTECT, related_name="reports", verbose_name=_("verksamhet")
    )
    # Whether the office carries the main responsibility (Responsibility.objects.lead()) for the measure:
    # set when the round opens and kept in step in open rounds by reporting.services.responsibilities_sync;
    # a closed round keeps who was the lead then.
    is_lead = models.BooleanField(_("huvudansvarig"), default=False)
    state = models.CharField(_("läge"), max_length=10, choices=ReportState.choices, default=ReportState.MISSING)
    status = models.CharField(_("status"), max_length=30, choices=MeasureStatus.choices, blank=True)
    traffic_light = models.CharField(_("trafikljus"), max_length=10, choices=TrafficLight.choices, blank=True)
    done_text = models.TextField(_("vad har gjorts under perioden"), blank=True, max_length=5000)
    results_text = models.TextField(_("resultat som uppnåtts"), blank=True, max_length=5000)
    deviations_text = models.TextField(_("avvikelser och risker"), blank=True, max_length=5000)
    next_steps_text = models.TextField(_("nästa steg"), blank=True, max_length=5000)
    # Set by the process leader (permissions.can_publish_report_texts): the deviations text may then be
    # shown on the public page.
    deviations_public = models.BooleanField(_("avvikelsetexten är offentlig"), default=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(_("senast ändrad"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("inlämnad"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()
    objects = StatusReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("lägesrapport")
        verbose_name_plural = _("lägesrapporter")
        ordering = ["round", "measure__sort_key", "-is_lead", "office__abbreviation"]
        constraints = [
            models.UniqueConstraint(fields=["round", "measure", "office"], name="report_unique_slot"),
        ]

    def __str__(self):
        return f"{self.measure.code} – {self.office.abbreviation} – {self.round}"

    def get_absolute_url(self):
        return reverse("report-edit", args=[self.pk])

    @property
    def public_deviations_text(self) -> str:
        """The deviations text as the public pages may show it: only where the process leader made it public."""
        return self.deviations_text if self.deviations_public else ""

    @classmethod
    def text_labels(cls) -> dict[str, str]:
        """Each text's heading, from the field's verbose_name."""
        return {name: capfirst(str(cls._meta.get_field(name).verbose_name)) for name in cls.TEXT_FIELDS}

    @property
    def texts(self) -> list[tuple[str, str]]:
        """(heading, text) of the four texts, in order."""
        return [(label, getattr(self, name)) for name, label in self.text_labels().items()]

    @property
    def is_submitted(self) -> bool:
        return self.state == ReportState.SUBMITTED

    # Lateness, once in Python and once for the database; tests/reporting/test_lateness.py holds them
    # to the same table of cases.
    def is_late_on(self, today: datetime.date | None = None) -> bool:
        """Submitted after the round's deadline (in local time), or not submitted once it has passed,
        whether or not the round is still open or in its grace days."""
        if self.is_submitted:
            return self.submitted_at is not None and timezone.localdate(self.submitted_at) > self.round.deadline
        return self.round.is_past_deadline(today)

    @staticmethod
    def late_q(today: datetime.date | None = None) -> models.Q:
        """is_late_on() as a condition on StatusReport rows."""
        today = today or timezone.localdate()
        submitted = models.Q(state=ReportState.SUBMITTED)
        return (submitted & models.Q(submitted_at__date__gt=models.F("round__deadline"))) | (
            ~submitted & models.Q(round__deadline__lt=today)
        )

    @property
    def is_former_responsibility(self) -> bool:
        """A report kept after its office stopped being responsible (needs with_responsibility())."""
        return not getattr(self, "is_responsible", True)

    @property
    def is_late(self) -> bool:
        return self.is_late_on()

    @property
    def display_state(self) -> str:
        return LATE if self.is_late else self.state

    @property
    def display_state_label(self) -> str:
        return LATE_LABEL if self.is_late else ReportState(self.state).label


class ActivityProgress(models.Model):
    report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="activity_progress")
    activity = models.ForeignKey("measures.Activity", on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.NOT_STARTED
    )
    comment = models.CharField(_("kommentar"), max_length=1000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aktivitetsstatus")
        verbose_name_plural = _("aktivitetsstatus")
        ordering = ["report", "activity__position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "activity"], name="progress_unique_activity")
        ]

    def __str__(self):
        return f"{self.activity} – {self.get_status_display()}"


class Reminder(models.Model):
    """What send_reminders sent: never twice for the same reason on the same day."""

    class Reason(models.TextChoices):
        BEFORE_DEADLINE = "before", _("Påminnelse före sista dag")
        AFTER_DEADLINE = "after", _("Påminnelse efter sista dag")

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    reason = models.CharField(_("anledning"), max_length=10, choices=Reason.choices)
    days_to_deadline = models.SmallIntegerField(_("dagar till sista dag"))
    sent_on = models.DateField(_("skickad"))
    sent_at = models.DateTimeField(_("tidpunkt"), default=timezone.now)
    report_count = models.PositiveIntegerField(_("antal rapporter"))

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user", "reason", "sent_on"], name="reminder_once_a_day"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_reason_display()} {self.sent_on}"


class AnnualReportQuerySet(models.QuerySet):
    def public(self):
        """Frozen reports the process leader published, of published plans: anyone may download them."""
        return self.filter(published_at__isnull=False, plan__published=True)


class AnnualReport(models.Model):
    """The annual follow-up report to a decision body; frozen (fastställd) once adopted."""

    plan = models.ForeignKey("plan.ActionPlan", on_delete=models.PROTECT, related_name="annual_reports")
    round = models.ForeignKey(FollowUpRound, on_delete=models.PROTECT, related_name="annual_reports")
    decision_body = models.ForeignKey(
        "governance.DecisionBody",
        on_delete=models.PROTECT,
        related_name="annual_reports",
        verbose_name=_("mottagare"),
    )
    whole_plan = models.BooleanField(_("hela planen"), default=False)
    year = models.PositiveSmallIntegerField(_("år"))
    title = models.CharField(_("titel"), max_length=300)
    diary_number = models.CharField(_("diarienummer"), max_length=100, blank=True)
    author = models.CharField(_("författare"), max_length=200, blank=True)
    content = models.JSONField(_("innehåll"))
    content_sha256 = models.CharField(max_length=64)
    frozen_at = models.DateTimeField(_("fastställd"), default=timezone.now)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("fastställd av")
    )
    # Publishing changes nothing in the frozen content: it only lets anonymous visitors download the PDF.
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publicerad av"),
    )
    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("fastställd årsrapport")
        verbose_name_plural = _("fastställda årsrapporter")
        ordering = ["plan", "-year", "decision_body__name", "-frozen_at"]
        constraints = [
            # The same report with the same content is frozen once, however many freezes run at once.
            models.UniqueConstraint(
                fields=["plan", "round", "decision_body", "whole_plan", "content_sha256"],
                name="annual_report_frozen_once",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.frozen_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("annual-report-detail", args=[self.pk])


class AnnualReportFile(models.Model):
    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"
        XLSX = "xlsx", "Excel"

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=4, choices=Format.choices)
    data = models.BinaryField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("fil")
        verbose_name_plural = _("filer")
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="annual_report_one_file_per_format")
        ]

    def __str__(self):
        return f"{self.report} ({self.get_format_display()})"


class AnnualReportJobQuerySet(models.QuerySet):
    def active(self):
        return self.filter(state__in=AnnualReportJob.ACTIVE_STATES)


class AnnualReportJob(models.Model):
    """Fastställ in the background: one request to freeze an annual report, run by the task worker
    (reporting/tasks.py). The frozen report is stored in one transaction at the end, so a job that fails
    or loses its worker leaves nothing half frozen, and can be retried."""

    class State(models.TextChoices):
        QUEUED = "queued", _("I kö")
        RUNNING = "running", _("Pågår")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")

    ACTIVE_STATES = (State.QUEUED, State.RUNNING)

    plan = models.ForeignKey("plan.ActionPlan", on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(
        FollowUpRound, on_delete=models.CASCADE, related_name="+", verbose_name=_("uppföljningsomgång")
    )
    decision_body = models.ForeignKey(
        "governance.DecisionBody", on_delete=models.CASCADE, related_name="+", verbose_name=_("mottagare")
    )
    whole_plan = models.BooleanField(_("hela planen"), default=False)
    diary_number = models.CharField(_("diarienummer"), max_length=100, blank=True)
    author = models.CharField(_("författare"), max_length=200, blank=True)
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.QUEUED)
    # The file being rendered while running: one of AnnualReportFile.Format.
    step = models.CharField(_("steg"), max_length=4, choices=AnnualReportFile.Format.choices, blank=True)
    error = models.TextField(_("felmeddelande"), blank=True)
    already_frozen = models.BooleanField(_("redan fastställd"), default=False)
    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fastställd rapport"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("startad av")
    )
    created_at = models.DateTimeField(_("startad"), default=timezone.now)
    started_at = models.DateTimeField(_("påbörjad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("avslutad"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords()
    objects = AnnualReportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("fastställande av årsrapport")
        verbose_name_plural = _("fastställanden av årsrapporter")
        ordering = ["-created_at", "-id"]
        constraints = [
            # Starting the same freeze twice (a double click, two tabs) queues it once.
            models.UniqueConstraint(
                fields=["plan", "round", "decision_body", "whole_plan", "diary_number", "author"],
                condition=models.Q(state__in=["queued", "running"]),
                name="annual_report_job_one_active",
            ),
        ]

    def __str__(self):
        return f"{self.round} – {self.decision_body} ({self.get_state_display()})"

    def get_absolute_url(self):
        return reverse("annual-report-job", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE_STATES

    @property
    def is_failed(self) -> bool:
        return self.state == self.State.FAILED

    @property
    def is_done(self) -> bool:
        return self.state == self.State.DONE

    def is_stale(self, now: datetime.datetime | None = None) -> bool:
        """Running for longer than any freeze takes: its worker died or was restarted."""
        limit = datetime.timedelta(minutes=settings.ANNUAL_REPORT_JOB_TIMEOUT_MINUTES)
        return (
            self.state == self.State.RUNNING
            and self.started_at is not None
            and (now or timezone.now()) - self.started_at > limit
        )

    @property
    def progress_text(self) -> str:
        """What the job page says about the job now."""
        if self.state == self.State.QUEUED:
            return str(_("Fastställandet väntar på sin tur."))
        if self.state == self.State.RUNNING:
            if self.step:
                return str(_("Tar fram %(format)s-filen …") % {"format": self.get_step_display()})
            return str(_("Sammanställer rapporten …"))
        if self.state == self.State.DONE:
            if self.already_frozen:
                return str(_("Rapporten är redan fastställd med samma innehåll."))
            return str(
                _(
                    "Rapporten är fastställd. Filerna är sparade och ändras inte, även om planen eller "
                    "rapporterna ändras."
                )
            )
        return self.error


class AnnualReportDownload(models.Model):
    """One file of a large annual report that is not frozen, rendered by the task worker instead of in the
    request (more measures than settings.ANNUAL_REPORT_BACKGROUND_MEASURES). Kept for a day."""

    State = AnnualReportJob.State
    KEPT_FOR = datetime.timedelta(days=1)

    plan = models.ForeignKey("plan.ActionPlan", on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="+")
    decision_body = models.ForeignKey("governance.DecisionBody", on_delete=models.CASCADE, related_name="+")
    whole_plan = models.BooleanField(_("hela planen"), default=False)
    diary_number = models.CharField(_("diarienummer"), max_length=100, blank=True)
    author = models.CharField(_("författare"), max_length=200, blank=True)
    format = models.CharField(_("format"), max_length=4, choices=AnnualReportFile.Format.choices)
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.TextField(_("felmeddelande"), blank=True)
    file_name = models.CharField(_("filnamn"), max_length=200, blank=True)
    data = models.BinaryField(null=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("beställd av")
    )
    created_at = models.DateTimeField(_("beställd"), default=timezone.now)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["data"])

    class Meta:
        verbose_name = _("nedladdning av årsrapport")
        verbose_name_plural = _("nedladdningar av årsrapporter")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.round} – {self.decision_body} ({self.get_format_display()})"

    def get_absolute_url(self):
        return reverse("annual-report-download-job", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.state in AnnualReportJob.ACTIVE_STATES

    @property
    def progress_text(self) -> str:
        format = self.get_format_display()
        if self.state == self.State.QUEUED:
            return str(_("%(format)s-filen väntar på sin tur.") % {"format": format})
        if self.state == self.State.RUNNING:
            return str(_("Tar fram %(format)s-filen …") % {"format": format})
        if self.state == self.State.DONE:
            return str(_("%(format)s-filen är klar att ladda ner.") % {"format": format})
        return self.error


class Meeting(models.Model):
    """A steering-group meeting with its attendees, agenda and minutes."""

    steering_group = models.ForeignKey(
        "governance.SteeringGroup", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("styrgrupp")
    )
    date = models.DateField(_("datum"))
    location = models.CharField(_("plats"), max_length=200, blank=True)
    attendees = models.ManyToManyField(
        "governance.SteeringGroupMember", related_name="meetings_attended", blank=True, verbose_name=_("närvarande")
    )
    minutes = models.TextField(_("protokoll / minnesanteckningar"), blank=True)
    # Bumped on every save through the form, so that of two people editing the meeting the later is told.
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        verbose_name = _("styrgruppsmöte")
        verbose_name_plural = _("styrgruppsmöten")
        ordering = ["-date"]

    def __str__(self):
        return f"{_('Styrgruppsmöte')} {self.date:%Y-%m-%d}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("punkt"), default=1)
    title = models.CharField(_("rubrik"), max_length=300)
    notes = models.TextField(_("anteckningar"), blank=True)
    measures = models.ManyToManyField(
        "measures.Measure", related_name="agenda_items", blank=True, verbose_name=_("åtgärdsbehov")
    )
    history = HistoricalRecords(m2m_fields=[measures])

    class Meta:
        verbose_name = _("dagordningspunkt")
        verbose_name_plural = _("dagordningspunkter")
        ordering = ["meeting", "position"]

    def __str__(self):
        return f"§{self.position} {self.title}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    number = models.CharField(_("beslutsnummer"), max_length=30)
    text = models.TextField(_("beslut"))
    measures = models.ManyToManyField(
        "measures.Measure", related_name="decisions", blank=True, verbose_name=_("berörda åtgärdsbehov")
    )
    history = HistoricalRecords(m2m_fields=[measures])

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["meeting__date", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="decision_unique_number")]

    def __str__(self):
        return f"{_('Beslut')} {self.number}"


class StimulusFundYear(models.Model):
    """State stimulus funds available to the steering group to allocate in one year."""

    plan = models.ForeignKey(
        "plan.ActionPlan",
        on_delete=models.CASCADE,
        related_name="stimulus_fund_years",
        verbose_name=_("plan"),
    )
    year = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount_available = models.DecimalField(
        _("tillgängligt belopp (kr)"), max_digits=12, decimal_places=0, validators=[MinValueValidator(0)]
    )
    note = models.TextField(_("kommentar"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statliga stimulansmedel (år)")
        verbose_name_plural = _("statliga stimulansmedel")
        ordering = ["plan", "-year"]
        constraints = [models.UniqueConstraint(fields=["plan", "year"], name="stimulus_fund_year_unique")]

    def __str__(self):
        return f"{_('Stimulansmedel')} {self.year}"


class StimulusAllocation(models.Model):
    fund_year = models.ForeignKey(
        StimulusFundYear, on_delete=models.CASCADE, related_name="allocations", verbose_name=_("år")
    )
    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stimulus_allocations",
        verbose_name=_("åtgärdsbehov"),
    )
    office = models.ForeignKey(
        "governance.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verksamhet"),
    )
    purpose = models.CharField(_("syfte"), max_length=500)
    amount = models.DecimalField(
        _("belopp (kr)"), max_digits=12, decimal_places=0, validators=[MinValueValidator(1)]
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("beslut")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fördelning av stimulansmedel")
        verbose_name_plural = _("fördelningar av stimulansmedel")
        ordering = ["fund_year", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="allocation_amount_positive")
        ]

    def __str__(self):
        return f"{self.purpose} ({self.amount} kr)"


from reporting.own_words import AnnualReportText  # noqa: E402, F401 - the process leader's texts
