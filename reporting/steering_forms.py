import re

from django import forms
from django.db.models import Prefetch
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from governance.models import Office, SteeringGroupMember
from measures.models import Measure
from reporting.models import AgendaItem, Decision, Meeting, StimulusFundYear

TEXT_LIMIT = 20000


class MeasureCodesField(forms.CharField):
    """Measures typed as their numbers, e.g. "2.1.1, 3.2.1": quick to type, works for any size of plan."""

    default_error_messages = {
        "unknown": _("Det finns inget åtgärdsbehov med nummer %(codes)s i planen."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault("help_text", _("Ange numren, åtskilda med kommatecken, till exempel 2.1.1, 3.2.1."))
        super().__init__(**kwargs)
        self.plan = None

    def prepare_value(self, value):
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            items = value.all() if hasattr(value, "all") else value
            return ", ".join(item.code for item in items if isinstance(item, Measure))
        return value

    def clean(self, value):
        text = super().clean(value)
        codes = list(dict.fromkeys(code for code in re.split(r"[\s,;]+", text or "") if code))
        if not codes:
            return []
        measures = {m.code: m for m in Measure.objects.filter(plan=self.plan, code__in=codes)}
        unknown = [code for code in codes if code not in measures]
        if unknown:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"codes": ", ".join(unknown)}
            )
        return [measures[code] for code in codes]


class MeetingForm(forms.ModelForm):
    # The meeting's version when the form was opened; a save is refused if it has moved on since.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Meeting
        fields = ["date", "location", "attendees", "minutes"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "attendees": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, steering_group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = SteeringGroupMember.objects.filter(
            steering_group=steering_group
        ).select_related("office", "department")
        self.fields["minutes"].max_length = TEXT_LIMIT
        self.fields["version"].initial = self.instance.version


class AgendaItemForm(forms.ModelForm):
    measures = MeasureCodesField(label=_("Berörda åtgärdsbehov"))

    class Meta:
        model = AgendaItem
        fields = ["position", "title", "notes", "measures"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class DecisionForm(forms.ModelForm):
    measures = MeasureCodesField(label=_("Berörda åtgärdsbehov"))

    class Meta:
        model = Decision
        fields = ["number", "text", "measures"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class PlanMeasuresFormSet(BaseInlineFormSet):
    """Gives each row's measure-number field the plan to look the numbers up in."""

    def __init__(self, *args, plan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.fields["measures"].plan = self.plan
        return form

    @property
    def empty_form(self):
        form = super().empty_form
        form.fields["measures"].plan = self.plan
        return form

    def kept_forms(self):
        return [
            form
            for form in self.forms
            if form.has_changed() and not (self.can_delete and self._should_delete_form(form))
        ]


class DecisionFormSet(PlanMeasuresFormSet):
    def clean(self):
        numbers = [form.cleaned_data.get("number") for form in self.kept_forms() if form.cleaned_data]
        duplicates = sorted({n for n in numbers if n and numbers.count(n) > 1})
        if duplicates:
            raise forms.ValidationError(
                _("Beslutsnummer får bara förekomma en gång per möte: %(numbers)s.")
                % {"numbers": ", ".join(duplicates)}
            )
        super().clean()


AgendaItemFormSet = inlineformset_factory(
    Meeting, AgendaItem, form=AgendaItemForm, formset=PlanMeasuresFormSet, extra=3, can_delete=True
)
DecisionFormSet = inlineformset_factory(
    Meeting, Decision, form=DecisionForm, formset=DecisionFormSet, extra=2, can_delete=True
)


class MeetingForms:
    """The meeting form with its agenda and decisions formsets: bound, validated and shown again together."""

    def __init__(self, data, *, meeting: Meeting, plan):
        self.data, self.meeting, self.plan = data, meeting, plan
        self.form = MeetingForm(data, instance=meeting, steering_group=meeting.steering_group)
        measures = Prefetch("measures", queryset=Measure.objects.only("code", "plan_id"))
        self.agenda_items = AgendaItemFormSet(
            data,
            instance=meeting,
            plan=plan,
            prefix="punkt",
            queryset=AgendaItem.objects.order_by("position").prefetch_related(measures),
        )
        self.decisions = DecisionFormSet(
            data,
            instance=meeting,
            plan=plan,
            prefix="beslut",
            queryset=Decision.objects.order_by("number").prefetch_related(measures),
        )
        self.conflict = False

    @property
    def is_bound(self) -> bool:
        return self.data is not None

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.agenda_items.is_valid(), self.decisions.is_valid()])

    @property
    def has_errors(self) -> bool:
        return self.is_bound and bool(
            self.form.errors
            or any(self.agenda_items.errors)
            or any(self.decisions.errors)
            or self.agenda_items.non_form_errors()
            or self.decisions.non_form_errors()
        )

    def save_arguments(self) -> dict:
        """What meeting_save needs from valid forms."""
        return {
            "form": self.form,
            "agenda_items": self.agenda_items,
            "decisions": self.decisions,
            "expected_version": self.form.cleaned_data["version"],
        }

    def refuse(self, error) -> None:
        self.form.add_error(None, error)

    def keep_after_conflict(self, conflict) -> None:
        """The user's input kept, with who saved in between, and the current version: saving again is then
        a deliberate overwrite."""
        data = self.data.copy()
        data["version"] = conflict.current.version
        self.form = MeetingForm(data, instance=self.meeting, steering_group=self.meeting.steering_group)
        self.form.is_valid()
        self.form.add_error(None, _conflict_message(conflict.last_change))
        self.conflict = True

    @property
    def status_code(self) -> int:
        return 409 if self.conflict else 400 if self.has_errors else 200


def _conflict_message(change) -> str:
    if change and change.history_user:
        return gettext(
            "Någon annan har sparat mötet under tiden: %(who)s sparade det %(when)s. Dina ändringar nedan är "
            "inte sparade. Jämför med mötet som det är sparat nu (öppna det i en ny flik) och spara igen om "
            "dina ändringar ska ersätta det."
        ) % {
            "who": change.history_user.get_full_name() or change.history_user.username,
            "when": f"{timezone.localtime(change.history_date):%Y-%m-%d %H:%M}",
        }
    return gettext(
        "Någon annan har sparat mötet under tiden. Dina ändringar nedan är inte sparade. Jämför med mötet "
        "som det är sparat nu (öppna det i en ny flik) och spara igen om dina ändringar ska ersätta det."
    )


class StimulusFundYearForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    amount_available = forms.DecimalField(
        label=_("Tillgängligt belopp (kr)"), min_value=0, max_digits=12, decimal_places=0
    )
    note = forms.CharField(
        label=_("Kommentar"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class StimulusAllocationForm(forms.Form):
    fund_year = forms.ModelChoiceField(
        label=_("År"), queryset=StimulusFundYear.objects.none(), empty_label=None
    )
    measure = MeasureCodesField(
        label=_("Åtgärdsbehov (nummer)"),
        max_length=20,
        help_text=_("Valfritt. Till exempel 2.1.1."),
    )
    office = forms.ModelChoiceField(
        label=_("Verksamhet"), queryset=Office.objects.all(), required=False, empty_label=_("Ingen särskild")
    )
    purpose = forms.CharField(label=_("Syfte"), max_length=500)
    amount = forms.DecimalField(label=_("Belopp (kr)"), min_value=1, max_digits=12, decimal_places=0)
    decision = forms.ModelChoiceField(
        label=_("Styrgruppens beslut"),
        queryset=Decision.objects.none(),
        required=False,
        empty_label=_("Inget"),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund_year"].queryset = StimulusFundYear.objects.filter(plan=plan).order_by("-year")
        self.fields["fund_year"].label_from_instance = lambda fund: str(fund.year)
        self.fields["measure"].plan = plan
        self.fields["decision"].queryset = (
            Decision.objects.filter(meeting__steering_group__plan=plan)
            .select_related("meeting")
            .order_by("-meeting__date", "number")
        )
        self.fields["decision"].label_from_instance = lambda d: f"{d.number} ({d.meeting.date:%Y-%m-%d})"

    def clean_measure(self):
        measures = self.cleaned_data["measure"]
        if len(measures) > 1:
            raise forms.ValidationError(_("Ange ett enda åtgärdsbehov per fördelning."))
        return measures[0] if measures else None


class DashboardRoundForm(forms.Form):
    omgang = forms.TypedChoiceField(label=_("Uppföljningsomgång"), coerce=int)

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.rounds = {round.pk: round for round in rounds}
        self.fields["omgang"].choices = [(round.pk, round.name) for round in rounds]

    def chosen_round(self):
        """The round asked for, or None (the dashboard then shows the latest)."""
        if self.is_bound and self.is_valid():
            return self.rounds[self.cleaned_data["omgang"]]
        return None
