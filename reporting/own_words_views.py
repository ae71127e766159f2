"""The process leader writes the annual report's "Sammanfattande analys" and "Förslag till beslut"."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance import permissions
from plan.models import ActionPlan
from reporting.annual_forms import AnnualReportForm
from reporting.own_words import AnnualReportText
from reporting.services import TextConflict, annual_report_text_save

MAX_TEXT = 20000


class OwnWordsForm(forms.Form):
    analys = forms.CharField(
        label=gettext_lazy("Sammanfattande analys"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy("Din analys av årets uppföljning. Kommer direkt efter sammanfattningen."),
    )
    forslag = forms.CharField(
        label=gettext_lazy("Förslag till beslut"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Det som mottagaren föreslås besluta, en punkt per rad."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def _preview_url(plan, report_form) -> str:
    query = QueryDict(mutable=True)
    for field in report_form.choice_fields():
        value = field.value()
        if field.name == "hela_planen":
            if value:
                query["hela_planen"] = "on"
        elif value not in (None, ""):
            query[field.name] = value.pk if hasattr(value, "pk") else value
    return f"{reverse('annual-report-preview', args=[plan.slug])}?{query.urlencode()}"


def annual_report_own_words(request, slug):
    plan = get_object_or_404(ActionPlan, slug=slug)
    if not permissions.can_export_annual_report(request.user):
        raise PermissionDenied(_("Bara processledaren skriver årsrapportens analys och förslag till beslut."))
    report_form = AnnualReportForm(request.POST if request.method == "POST" else request.GET, plan=plan)
    if not report_form.is_valid():
        return redirect("annual-report", slug=plan.slug)
    data = report_form.cleaned_data
    key = {"round": data["omgang"], "decision_body": data["mottagare"], "whole_plan": data["hela_planen"]}
    text = AnnualReportText.for_report(**key)
    status = 200
    if request.method == "POST":
        form = OwnWordsForm(request.POST)
        if form.is_valid():
            try:
                annual_report_text_save(
                    **key,
                    analysis=form.cleaned_data["analys"],
                    proposals=form.cleaned_data["forslag"],
                    version=form.cleaned_data["version"],
                    user=request.user,
                )
            except TextConflict as conflict:
                messages.error(request, str(conflict))
                text = conflict.current
                form = OwnWordsForm(
                    {**request.POST.dict(), "version": text.version}  # the user's text, the current version
                )
                form.is_valid()
                status = 409
            else:
                messages.success(
                    request, _("Texterna är sparade som utkast. De följer med när rapporten fastställs.")
                )
                return redirect(_preview_url(plan, report_form))
        else:
            status = 400
    else:
        form = OwnWordsForm(
            initial={"analys": text.analysis, "forslag": text.proposals, "version": text.version}
        )
    return render(
        request,
        "reporting/annual_own_words.html",
        {
            "plan": plan,
            "form": form,
            "report_form": report_form,
            "text": text,
            "conflict": status == 409,
            "preview_url": _preview_url(plan, report_form),
            "nav": "annual-report",
        },
        status=status,
    )
