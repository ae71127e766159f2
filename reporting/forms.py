import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures.status import ActivityStatus, MeasureStatus, RoundKind, TrafficLight
from reporting.models import FollowUpRound, StatusReport

TEXT_LIMIT = 5000


class StatusReportForm(forms.Form):
    """A report's fields plus one status and comment per activity of the measure."""

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
    done_text = forms.CharField(
        label=_("Vad har gjorts under perioden?"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    results_text = forms.CharField(
        label=_("Resultat som uppnåtts"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    deviations_text = forms.CharField(
        label=_("Avvikelser och risker"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    next_steps_text = forms.CharField(
        label=_("Nästa steg"), required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, activities=(), submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.activities = list(activities)
        self.submitting = submitting
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

    @staticmethod
    def initial_from(report: StatusReport, source: StatusReport | None) -> dict:
        """The form's starting values: the report itself, or the office's previous report if empty."""
        base = report if report.state != StatusReport.State.MISSING or source is None else source
        initial = {name: getattr(base, name) for name in StatusReport.CONTENT_FIELDS}
        initial["version"] = report.version
        for progress in base.activity_progress.all():
            initial[f"activity_{progress.activity_id}_status"] = progress.status
            initial[f"activity_{progress.activity_id}_comment"] = progress.comment
        return initial


def default_round_dates(kind: str, year: int) -> dict:
    """The municipal cycle: delår as of 31 August, annual as of 31 December."""
    if kind == RoundKind.INTERIM:
        end = datetime.date(year, 8, 31)
        return {
            "name": _("Delårsuppföljning %(year)s") % {"year": year},
            "period_start": datetime.date(year, 1, 1),
            "period_end": end,
            "deadline": datetime.date(year, 9, 15),
        }
    end = datetime.date(year, 12, 31)
    return {
        "name": _("Årsuppföljning %(year)s") % {"year": year},
        "period_start": datetime.date(year, 1, 1),
        "period_end": end,
        "deadline": datetime.date(year + 1, 1, 20),
    }


class FollowUpRoundForm(forms.ModelForm):
    class Meta:
        model = FollowUpRound
        fields = ["name", "kind", "period_start", "period_end", "deadline", "grace_days"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance.plan = plan

    def clean(self):
        data = super().clean()
        start, end, deadline = data.get("period_start"), data.get("period_end"), data.get("deadline")
        if start and end and end < start:
            self.add_error("period_end", _("Perioden kan inte sluta innan den börjar."))
        if end and deadline and deadline < end - datetime.timedelta(days=366):
            self.add_error("deadline", _("Sista dag ligger orimligt långt före periodens slut."))
        name = data.get("name")
        if name and FollowUpRound.objects.filter(plan=self.plan, name=name).exists():
            self.add_error("name", _("Det finns redan en omgång med det namnet i planen."))
        if deadline and deadline < timezone.localdate() - datetime.timedelta(days=365):
            self.add_error("deadline", _("Sista dag kan inte ligga mer än ett år bakåt i tiden."))
        return data
