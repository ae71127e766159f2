"""The rollover page: the process leader previews the successor plan and confirms it (reporting.rollover)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance import permissions
from plan.models import ActionPlan
from reporting.rollover import plan_rollover, rollover_measures, suggested_successor, validate_rollover


class RolloverForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Den nya planens namn"), max_length=300)
    slug = forms.SlugField(
        label=gettext_lazy("Kortkod"),
        max_length=100,
        help_text=gettext_lazy(
            "Används i adresser, till exempel tillsammans-2023. Små bokstäver, siffror och bindestreck."
        ),
    )
    implementation_start = forms.IntegerField(
        label=gettext_lazy("Planperioden från (år)"), min_value=2000, max_value=2100
    )
    implementation_end = forms.IntegerField(
        label=gettext_lazy("Planperioden till (år)"), min_value=2000, max_value=2100
    )
    atgarder = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Åtgärdsbehov som förs över"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, plan, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.measures = {m.pk: m for m in measures}
        self.fields["atgarder"].choices = [(m.pk, m.code) for m in measures if m.carryable]
        self.fields["atgarder"].error_messages["invalid_choice"] = _(
            "Ett av de valda åtgärdsbehoven kan inte föras över: det är avslutat eller hör inte till planen."
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        chosen = [self.measures[pk] for pk in data["atgarder"]]
        try:
            validate_rollover(
                plan=self.plan,
                slug=data["slug"],
                start=data["implementation_start"],
                end=data["implementation_end"],
                measures=chosen,
            )
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return data


def _rows(form, measures):
    """Each measure with whether it is carryable and checked, for the preview's checklist."""
    if form.is_bound:
        chosen = {str(value) for value in form.data.getlist("atgarder")}
    else:
        chosen = {str(m.pk) for m in measures if m.carryable and m.is_active}
    return [{"measure": m, "checked": m.carryable and str(m.pk) in chosen} for m in measures]


def plan_rollover_view(request, slug):
    plan = get_object_or_404(ActionPlan.objects.select_related("successor"), slug=slug)
    if not permissions.is_process_leader(request.user):
        raise PermissionDenied(_("Bara processledaren kan föra över planen till en ny planperiod."))
    if not permissions.can_roll_over_plan(request.user, plan):
        messages.info(
            request,
            _("Planen %(plan)s är redan överförd till %(successor)s.")
            % {"plan": plan.name, "successor": plan.successor.name},
        )
        return redirect(plan.successor.get_absolute_url())
    measures = rollover_measures(plan)
    if request.method == "POST":
        form = RolloverForm(request.POST, plan=plan, measures=measures)
        if form.is_valid():
            data = form.cleaned_data
            try:
                successor = plan_rollover(
                    plan=plan,
                    name=data["name"],
                    slug=data["slug"],
                    start=data["implementation_start"],
                    end=data["implementation_end"],
                    measure_ids=data["atgarder"],
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _(
                        "%(name)s (%(period)s) är skapad med %(count)s åtgärdsbehov. %(old)s är nu skrivskyddad."
                    )
                    % {
                        "name": successor.name,
                        "period": successor.period,
                        "count": len(data["atgarder"]),
                        "old": plan.name,
                    },
                )
                return redirect(successor.get_absolute_url())
    else:
        form = RolloverForm(initial=suggested_successor(plan), plan=plan, measures=measures)
    return render(
        request,
        "reporting/plan_rollover.html",
        {
            "plan": plan,
            "form": form,
            "rows": _rows(form, measures),
            "closed_count": sum(1 for m in measures if not m.carryable),
            "nav": "rounds",
        },
        status=400 if form.is_bound and form.errors else 200,
    )
