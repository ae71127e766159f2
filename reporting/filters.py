from urllib.parse import urlencode

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.models import Office
from measures.models import Activity, Responsibility
from measures.status import (
    ATTENTION,
    ATTENTION_LABEL,
    LATE,
    LATE_LABEL,
    NO_LIGHT,
    NO_LIGHT_LABEL,
    NOT_REPORTED,
    NOT_REPORTED_LABEL,
    OUTSTANDING,
    OUTSTANDING_LABEL,
    MeasureStatus,
    ReportState,
    TrafficLight,
)
from plan.models import InterventionLevel, TargetArea
from reporting import selectors
from reporting.models import FollowUpRound, StatusReport

LEAD, SHARED, ANY = "huvud", "delat", "alla"
SEARCH_FIELDS = StatusReport.TEXT_FIELDS


class MeasureFilterForm(forms.Form):
    """The measure list's filters. They travel in the URL (GET), so a filtered list can be bookmarked."""

    SORTS = {
        "nummer": ("sort_key",),
        "-nummer": ("-sort_key",),
        "malomrade": ("target_area__number", "sort_key"),
        "status": ("status_rank", "sort_key"),
        "ljus": ("light_rank", "sort_key"),
        "behov": ("need", "sort_key"),
    }

    q = forms.CharField(
        label=_("Sök"),
        required=False,
        max_length=200,
        help_text=_("Söker i åtgärdsbehov, aktiviteter och lägesrapporternas texter."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    malomrade = forms.ModelChoiceField(
        label=_("Målområde"),
        queryset=TargetArea.objects.all(),
        to_field_name="number",
        required=False,
        empty_label=_("Alla"),
    )
    verksamhet = forms.ModelChoiceField(
        label=_("Verksamhet"),
        queryset=Office.objects.all(),
        to_field_name="abbreviation",
        required=False,
        empty_label=_("Alla"),
    )
    ansvar = forms.ChoiceField(
        label=_("Ansvar"),
        required=False,
        choices=[
            ("", _("Huvudansvar och delat")),
            (LEAD, _("Huvudansvar")),
            (SHARED, _("Delat ansvar")),
            (ANY, _("Någon ansvarig verksamhets rapport")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alla"))] + MeasureStatus.choices + [(NOT_REPORTED, NOT_REPORTED_LABEL)],
    )
    ljus = forms.ChoiceField(
        label=_("Trafikljus"),
        required=False,
        choices=[("", _("Alla"))]
        + TrafficLight.choices
        + [(ATTENTION, ATTENTION_LABEL), (NO_LIGHT, NO_LIGHT_LABEL)],
    )
    niva = forms.ModelChoiceField(
        label=_("Insatsnivå"),
        queryset=InterventionLevel.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alla"),
    )
    omgang = forms.TypedChoiceField(label=_("Uppföljningsomgång"), required=False, coerce=int, empty_value=None)
    rapport = forms.ChoiceField(
        label=_("Rapportläge"),
        required=False,
        choices=[("", _("Alla"))]
        + [(value, label) for value, label in ReportState.choices]
        + [(LATE, LATE_LABEL), (OUTSTANDING, OUTSTANDING_LABEL)],
    )
    andrad = forms.BooleanField(label=_("Bara de som ändrat status sedan föregående omgång"), required=False)
    sortera = forms.ChoiceField(
        label=_("Sortera efter"),
        required=False,
        choices=[
            ("nummer", _("Nummer")),
            ("-nummer", _("Nummer, fallande")),
            ("malomrade", _("Målområde")),
            ("status", _("Status")),
            ("ljus", _("Trafikljus, rött först")),
            ("behov", _("Åtgärdsbehov (A–Ö)")),
        ],
    )

    def __init__(self, *args, plan, rounds=None, **kwargs):
        """rounds: the plan's rounds latest first, if already loaded (else they are)."""
        super().__init__(*args, **kwargs)
        self.plan = plan
        if rounds is None:
            rounds = list(FollowUpRound.objects.filter(plan=plan).latest_first())
        self.rounds = {round.pk: round for round in rounds}
        self.fields["omgang"].choices = [("", _("Aktuell status (ingen omgång)"))] + [
            (round.pk, round.name) for round in rounds
        ]

    def clean_omgang(self):
        pk = self.cleaned_data["omgang"]
        return self.rounds[pk] if pk is not None else None

    def clean(self):
        data = super().clean()
        if not data.get("omgang"):
            if data.get("rapport"):
                self.add_error("omgang", _("Välj en uppföljningsomgång för att filtrera på rapportläge."))
            if data.get("andrad"):
                self.add_error("omgang", _("Välj en uppföljningsomgång för att se vad som ändrats."))
            if data.get("status") == NOT_REPORTED:
                self.add_error("status", _("”Ej rapporterad” gäller en uppföljningsomgång. Välj en omgång."))
        return data

    def value(self, name):
        """A cleaned filter value, or empty when the form is invalid for that field."""
        return getattr(self, "cleaned_data", {}).get(name) or ""

    def filter(self, measures):
        """Applies every valid filter to a queryset of the plan's measures and sorts it."""
        v = self.value
        round, office, role = v("omgang"), v("verksamhet"), v("ansvar")
        if v("malomrade"):
            measures = measures.filter(target_area=v("malomrade"))
        if v("niva"):
            measures = measures.filter(intervention_levels=v("niva"))
        if v("q"):
            measures = measures.filter(_search_q(v("q"), round))
        if round:
            measures = self._filter_in_round(measures, round, office, role)
        else:
            measures = self._filter_current(measures, office, role)
        return self._sort(measures, round)

    def _filter_current(self, measures, office, role):
        """Without a round: the plan's responsibilities and each measure's current status."""
        if office:
            responsibilities = Responsibility.objects.filter(measure=OuterRef("pk"), office=office)
            if role == LEAD:
                responsibilities = responsibilities.lead()
            elif role == SHARED:
                responsibilities = responsibilities.shared()
            measures = measures.filter(Exists(responsibilities))
        elif role == SHARED:
            measures = measures.filter(Exists(Responsibility.objects.shared().filter(measure=OuterRef("pk"))))
        if self.value("status"):
            measures = measures.filter(status=self.value("status"))
        light = self.value("ljus")
        if light == ATTENTION:
            measures = measures.filter(traffic_light__in=selectors.ATTENTION_LIGHTS)
        elif light:
            measures = measures.filter(traffic_light="" if light == NO_LIGHT else light)
        return measures

    def _filter_in_round(self, measures, round, office, role):
        """With a round: the report in focus is the office's (if chosen) or else the lead office's."""
        v = self.value
        reports = StatusReport.objects.filter(round=round, measure=OuterRef("pk"))
        if office:
            reports = reports.filter(office=office)
            if role in (LEAD, SHARED):
                reports = reports.lead() if role == LEAD else reports.shared()
        elif role == ANY:
            pass  # the measure's reports from every responsible office
        else:
            reports = reports.lead()
            if role == SHARED:
                measures = measures.filter(selectors.reports_exist(round, StatusReport.objects.shared()))
        focus = selectors.report_q(round, status=v("status"), light=v("ljus"), state=v("rapport"))
        measures = measures.filter(Exists(reports.filter(focus)))
        if v("andrad"):
            previous = round.previous(among=list(self.rounds.values()))
            measures = selectors.changed_between(measures, round, previous) if previous else measures.none()
        return measures

    def _sort(self, measures, round):
        if round:
            if "round_status" not in measures.query.annotations:
                measures = selectors.with_round_status(
                    measures, round, office=self.value("verksamhet") or None
                )
            status_field, light_field = "round_status", "round_light"
        else:
            status_field, light_field = "status", "traffic_light"
        measures = measures.annotate(
            status_rank=selectors.rank(status_field, selectors.STATUS_ORDER),
            light_rank=selectors.rank(light_field, selectors.LIGHT_ORDER),
        )
        return measures.order_by(*self.SORTS.get(self.value("sortera") or "nummer"))

    def querystring(self, without=("sida",)) -> str:
        """The current filters as a query string (for pagination and sort links)."""
        if not self.is_bound:
            return ""
        pairs = [(k, v) for k, v in self.data.items() if k not in without and v]
        return urlencode(pairs)


def _search_q(text: str, round) -> Q:
    """Need, code, activities and report texts, case-insensitive also for å, ä and ö."""
    reports = StatusReport.objects.filter(measure=OuterRef("pk"))
    if round:
        reports = reports.filter(round=round)
    folded = text.lower()
    text_q = Q()
    for field in SEARCH_FIELDS:
        text_q |= Q(**{f"{field}__lower__contains": folded})
    return (
        Q(need__lower__contains=folded)
        | Q(code=text)
        | Exists(Activity.objects.filter(measure=OuterRef("pk"), text__lower__contains=folded))
        | Exists(reports.filter(text_q))
    )


def measure_list_url(plan, **filters) -> str:
    """The measure list filtered as given, e.g. measure_list_url(plan, omgang=3, status="done")."""
    params = [(name, value) for name, value in filters.items() if value not in (None, "", False)]
    url = reverse("measure-list", args=[plan.slug])
    return f"{url}?{urlencode(params)}" if params else url
