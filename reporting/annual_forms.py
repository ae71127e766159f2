from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from governance.models import DecisionBody
from measures.status import RoundKind
from reporting.annual_report import incomplete_warning, validate_freezable


class RoundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, round):
        return f"{round.name} ({round.period_start:%Y-%m-%d} – {round.period_end:%Y-%m-%d})"


class AnnualReportForm(forms.Form):
    """What the process leader chooses for one annual report; the same fields for preview, files and freezing
    (which also asks for a closed annual round). The fields travel in the URL, so they have Swedish names
    like every other page's parameters."""

    omgang = RoundChoiceField(
        label=_("Uppföljningsomgång"),
        queryset=None,
        empty_label=None,
        help_text=_("Omgången som avslutar året, oftast årsuppföljningen per 31 december."),
        error_messages={"invalid_choice": _("Välj en uppföljningsomgång i listan.")},
    )
    mottagare = forms.ModelChoiceField(
        label=_("Mottagare"),
        queryset=None,
        to_field_name="slug",
        empty_label=None,
        help_text=_("Rapporten tar med de åtgärdsbehov där mottagarens organisation har ansvar."),
        error_messages={"invalid_choice": _("Välj en mottagare i listan.")},
    )
    hela_planen = forms.BooleanField(
        label=_("Ta med hela planen"),
        required=False,
        help_text=_("Alla åtgärdsbehov, oavsett vilken organisation som har ansvar."),
    )
    diarienummer = forms.CharField(label=_("Diarienummer"), required=False, max_length=100)
    forfattare = forms.CharField(label=_("Författare"), required=False, max_length=200)
    bekrafta = forms.BooleanField(
        label=_("Ja, fastställ rapporten fast alla rapporter inte är inlämnade"), required=False
    )

    def __init__(self, *args, plan, freezing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.freezing = freezing
        self.fields["omgang"].queryset = plan.rounds.annotate(
            annual_first=Case(
                When(kind=RoundKind.ANNUAL, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        ).order_by("annual_first", "-period_end", "-id")
        self.fields["mottagare"].queryset = DecisionBody.objects.filter(
            organisation__in=plan.organisations.all()
        ).select_related("organisation")

    def clean_omgang(self):
        round = self.cleaned_data["omgang"]
        if self.freezing:
            validate_freezable(round)
        return round

    def clean(self):
        data = super().clean()
        round = data.get("omgang")
        if self.freezing and round and not data.get("bekrafta"):
            warning = incomplete_warning(round)
            if warning:
                self.add_error(
                    None,
                    _("%(warning)s Bekräfta i förhandsvisningen för att fastställa ändå.") % {"warning": warning},
                )
        return data

    def freeze_warning(self) -> str:
        """The numbers to confirm before freezing the chosen round (on a valid form), or ""."""
        round = getattr(self, "cleaned_data", {}).get("omgang")
        return incomplete_warning(round) if round else ""

    def choice_fields(self):
        """The fields that travel as hidden inputs from the preview to the files and to freezing."""
        return [self[name] for name in ("omgang", "mottagare", "hela_planen", "diarienummer", "forfattare")]

    def report_arguments(self) -> dict:
        """Keyword arguments for annual_report.assemble() and annual_report_freeze()."""
        data = self.cleaned_data
        return {
            "plan": self.plan,
            "round": data["omgang"],
            "decision_body": data["mottagare"],
            "whole_plan": data["hela_planen"],
            "diary_number": data["diarienummer"],
            "author": data["forfattare"],
        }
