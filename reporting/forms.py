import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures.status import ActivityStatus, MeasureStatus, ReportState, RoundKind, TrafficLight
from reporting.models import FollowUpRound, StatusReport
from reporting.services import REOPEN_REASON_LIMIT


class StatusReportForm(forms.Form):
    """A report's fields plus one status and comment per activity of the measure.

    The buttons post an action: save a draft, submit, or submit and go on to the next outstanding report.
    """

    SUBMIT_ACTIONS = ("submit", "submit_next")

    status = forms.ChoiceField(
        label=_("Status"), choices=MeasureStatus.choices, required=False, widget=forms.RadioSelect
    )
    traffic_light = forms.ChoiceField(
        label=_("Trafikljus"),
        choices=TrafficLight.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Grön: enligt plan. Gul: risk eller avvikelse. Röd: allvarlig avvikelse."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, activities=(), action="save", **kwargs):
        super().__init__(*args, **kwargs)
        self.activities = list(activities)
        self.action = action
        self.submitting = action in self.SUBMIT_ACTIONS
        for name, label in StatusReport.text_labels().items():
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=StatusReport._meta.get_field(name).max_length,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.order_fields(["status", "traffic_light", *StatusReport.TEXT_FIELDS])
        for activity in self.activities:
            self.fields[f"activity_{activity.pk}_status"] = forms.ChoiceField(
                label=_("Status för aktivitet %(position)s") % {"position": activity.position},
                choices=ActivityStatus.choices,
                initial=ActivityStatus.NOT_STARTED,
            )
            self.fields[f"activity_{activity.pk}_comment"] = forms.CharField(
                label=_("Kommentar till aktivitet %(position)s") % {"position": activity.position},
                required=False,
                max_length=1000,
            )

    def text_fields(self):
        return [self[name] for name in StatusReport.TEXT_FIELDS]

    def activity_rows(self):
        return [
            (activity, self[f"activity_{activity.pk}_status"], self[f"activity_{activity.pk}_comment"])
            for activity in self.activities
        ]

    def clean(self):
        data = super().clean()
        if self.submitting:
            if not data.get("status"):
                self.add_error("status", _("Välj en status innan du lämnar in."))
            if not data.get("traffic_light"):
                self.add_error("traffic_light", _("Välj ett trafikljus innan du lämnar in."))
        return data

    def report_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in StatusReport.CONTENT_FIELDS}

    def activity_progress(self) -> dict[int, tuple[str, str]]:
        return {
            a.pk: (
                self.cleaned_data[f"activity_{a.pk}_status"],
                self.cleaned_data[f"activity_{a.pk}_comment"],
            )
            for a in self.activities
        }

    @classmethod
    def posted(cls, data, *, activities) -> "StatusReportForm":
        return cls(data, activities=activities, action=data.get("action", "save"))

    @classmethod
    def opened(cls, report: StatusReport, *, activities, source: StatusReport | None) -> "StatusReportForm":
        """The form as it opens: the report, or for a report not yet begun the office's previous one."""
        return cls(initial=cls.initial_from(report, source), activities=activities)

    def after_conflict(self, current: StatusReport) -> "StatusReportForm":
        """The user's input kept with the version now saved, so that saving again is a deliberate
        overwrite."""
        data = self.data.copy()
        data["version"] = current.version
        form = type(self)(data, activities=self.activities, action=self.action)
        form.is_valid()
        return form

    def save_arguments(self) -> dict:
        """What report_save needs from a valid form."""
        return {
            "fields": self.report_fields(),
            "activity_progress": self.activity_progress(),
            "expected_version": self.cleaned_data["version"],
            "submit": self.submitting,
        }

    @property
    def goes_to_next(self) -> bool:
        return self.action == "submit_next"

    def saved_message(self, measure) -> str:
        if self.submitting:
            return _("Rapporten för %(code)s är inlämnad.") % {"code": measure.code}
        return _("Utkastet för %(code)s är sparat.") % {"code": measure.code}

    @staticmethod
    def prefilled_message(source: StatusReport) -> str:
        return _("Formuläret är förifyllt från er rapport i %(round)s. Ändra det som är nytt.") % {
            "round": source.round.name
        }

    @staticmethod
    def initial_from(report: StatusReport, source: StatusReport | None) -> dict:
        """The form's starting values: the report itself, or the office's previous report if empty."""
        base = report if report.state != ReportState.MISSING or source is None else source
        initial = {name: getattr(base, name) for name in StatusReport.CONTENT_FIELDS}
        initial["version"] = report.version
        for progress in base.activity_progress.all():
            initial[f"activity_{progress.activity_id}_status"] = progress.status
            initial[f"activity_{progress.activity_id}_comment"] = progress.comment
        return initial


def _cycle_dates(kind: str, year: int) -> dict:
    """The municipal cycle: delår as of 31 August, annual as of 31 December."""
    if kind == RoundKind.INTERIM:
        return {
            "name": _("Delårsuppföljning %(year)s") % {"year": year},
            "period_start": datetime.date(year, 1, 1),
            "period_end": datetime.date(year, 8, 31),
            "deadline": datetime.date(year, 9, 15),
        }
    return {
        "name": _("Årsuppföljning %(year)s") % {"year": year},
        "period_start": datetime.date(year, 1, 1),
        "period_end": datetime.date(year, 12, 31),
        "deadline": datetime.date(year + 1, 1, 20),
    }


ROUND_DATES = (datetime.date(2000, 1, 1), datetime.date(2100, 12, 31))


def default_round_dates(kind: str, today: datetime.date) -> dict:
    """The round of the cycle that lies ahead: the last as-of date whose deadline is still in the future
    (an annual round can be opened in January), else the coming one."""
    for year in (today.year - 1, today.year, today.year + 1):
        dates = _cycle_dates(kind, year)
        if dates["deadline"] > today:
            return dates
    raise AssertionError("a cycle's deadline is always within a year of its as-of date")


class FollowUpRoundForm(forms.ModelForm):
    class Meta:
        model = FollowUpRound
        fields = ["name", "kind", "period_start", "period_end", "deadline", "grace_days", "late_registration"]
        labels = {"late_registration": _("Ja, öppna ändå för efterregistrering")}
        help_texts = {
            "late_registration": _(
                "Bara om sista dag och respitdagar redan har passerat: omgången tar då emot rapporter tills "
                "du stänger den, och rapporterna räknas som sena."
            )
        }
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, plan, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.today = today or timezone.localdate()
        self.instance.plan = plan

    def _date_in_range(self, name):
        value = self.cleaned_data.get(name)
        first, last = ROUND_DATES
        if value and not first <= value <= last:
            raise forms.ValidationError(
                _("Ange ett datum mellan %(first)s och %(last)s.") % {"first": first, "last": last}
            )
        return value

    def clean_period_start(self):
        return self._date_in_range("period_start")

    def clean_period_end(self):
        return self._date_in_range("period_end")

    def clean_deadline(self):
        return self._date_in_range("deadline")

    def clean(self):
        data = super().clean()
        start, end, deadline = data.get("period_start"), data.get("period_end"), data.get("deadline")
        if start and end and end < start:
            self.add_error("period_end", _("Perioden kan inte sluta innan den börjar."))
        if end and deadline and deadline < end:
            self.add_error(
                "deadline",
                _("Sista dag kan inte ligga före periodens slut: rapporterna beskriver hela perioden."),
            )
        name = data.get("name")
        if name and FollowUpRound.objects.filter(plan=self.plan, name=name).exists():
            self.add_error("name", _("Det finns redan en omgång med det namnet i planen."))
        if deadline and deadline < self.today - datetime.timedelta(days=365):
            self.add_error("deadline", _("Sista dag kan inte ligga mer än ett år bakåt i tiden."))
        self._clean_last_day_passed(data)
        return data

    def _clean_last_day_passed(self, data):
        """A round nobody can report in is refused, unless it is meant for late registration."""
        deadline, grace = data.get("deadline"), data.get("grace_days")
        if deadline is None or grace is None or data.get("late_registration"):
            return
        last_day = deadline + datetime.timedelta(days=grace)
        if last_day < self.today:
            self.add_error(
                "deadline",
                _(
                    "Sista dag att rapportera (%(deadline)s) och respitdagarna (till och med %(last_day)s) "
                    "har redan passerat, så ingen skulle kunna lämna en rapport i omgången. Välj en senare "
                    "sista dag, eller kryssa i ”Ja, öppna ändå för efterregistrering” om omgången ska ta "
                    "emot rapporter i efterhand."
                )
                % {"deadline": f"{deadline:%Y-%m-%d}", "last_day": f"{last_day:%Y-%m-%d}"},
            )


class RoundReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Varför öppnas omgången igen?"),
        max_length=REOPEN_REASON_LIMIT,
        help_text=_("Sparas i omgångens historik."),
        error_messages={"required": _("Skriv varför omgången öppnas igen.")},
    )
