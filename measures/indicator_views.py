"""Outcome indicators: the list with each indicator's trend, and the process leader's import page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from governance import permissions
from measures.indicator_charts import TREND_PARAMS, indicator_panels
from measures.indicator_import import indicator_values_import, parse_upload, preview
from measures.indicators import Indicator, Trend
from measures.open_data import plan_as_open_data, write_indicators_csv
from measures.spreadsheet import SpreadsheetRefused, check_upload_size
from plan.models import ActionPlan, TargetArea

SESSION_KEY = "indicator_import"
TREND_BY_PARAM = {param: trend for trend, param in TREND_PARAMS.items()}


class IndicatorUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil"),
        help_text=gettext_lazy(
            "Koladas svar som JSON (/v2/data/… eller /v3/data/…, en sida i taget) eller en CSV-fil med "
            "kolumnerna source,indicator,area,period,gender,value,status,ci_low,ci_high."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_upload_size(upload.size)
        except SpreadsheetRefused as refused:
            raise forms.ValidationError(str(refused)) from None
        return upload


def indicator_list(request, slug):
    plan = get_object_or_404(ActionPlan, slug=slug)
    indicators = Indicator.objects.prefetch_related("target_areas").with_values()
    area = None
    number = request.GET.get("malomrade", "")
    if number.isdigit():
        area = TargetArea.objects.filter(number=int(number)).first()
        if area:
            indicators = indicators.filter(target_areas=area)
    panels = indicator_panels(indicators, start_year=plan.implementation_start)
    trend = TREND_BY_PARAM.get(request.GET.get("utveckling", ""))
    if trend:
        panels = [panel for panel in panels if panel.trend == trend]
    return render(
        request,
        "measures/indicator_list.html",
        {
            "plan": plan,
            "area": area,
            "trend": Trend(trend).label if trend else "",
            "panels": panels,
            "can_import": permissions.can_import_indicators(request.user),
            "nav": "plan",
        },
    )


def _page(request, plan, form, *, result=None, error="", status=200):
    return render(
        request,
        "measures/indicator_import.html",
        {"plan": plan, "form": form, "preview": result, "error": error, "nav": "plan"},
        status=status,
    )


def indicator_import(request, slug):
    """Upload → preview (nothing written) → confirm (everything written in one transaction)."""
    plan = get_object_or_404(ActionPlan, slug=slug)
    if not permissions.can_import_indicators(request.user):
        raise PermissionDenied(_("Bara processledaren kan läsa in indikatorer."))
    if request.method == "POST" and "bekrafta" in request.POST:
        return _confirm(request, plan)
    if request.method != "POST":
        request.session.pop(SESSION_KEY, None)
        return _page(request, plan, IndicatorUploadForm())
    form = IndicatorUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, plan, form, status=400)
    upload = form.cleaned_data["file"]
    data = upload.read()
    try:
        result = preview(parse_upload(data))
    except SpreadsheetRefused as refused:
        form.add_error("file", str(refused))
        return _page(request, plan, form, status=400)
    if result.has_errors:
        return _page(request, plan, form, result=result, status=400)
    request.session[SESSION_KEY] = {"name": upload.name[:100], "text": data.decode("utf-8-sig")}
    return _page(request, plan, IndicatorUploadForm(), result=result)


def _confirm(request, plan):
    stored = request.session.get(SESSION_KEY)
    if not stored:
        error = _("Förhandsgranskningen har gått ut. Ladda upp filen igen.")
        return _page(request, plan, IndicatorUploadForm(), error=error, status=400)
    try:
        parsed = parse_upload(stored["text"].encode())
        unknown = preview(parsed).unknown
        # Keyed by the indicator, not its place in the list: a definition added meanwhile shifts no title.
        titles = {pair: request.POST.get(f"titel:{pair[0]}:{pair[1]}", "") for pair in unknown}
        result = indicator_values_import(
            parsed=parsed, titles=titles, file_name=stored["name"], user=request.user
        )
    except SpreadsheetRefused as refused:
        return _page(request, plan, IndicatorUploadForm(), error=str(refused), status=400)
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _(
            "Importen är klar: %(new)s nya värden, %(changed)s ändrade, %(unchanged)s oförändrade, "
            "%(created)s nya indikatorer, %(skipped)s värden hoppades över."
        )
        % {
            "new": result.new,
            "changed": result.changed,
            "unchanged": result.unchanged,
            "created": result.created_indicators,
            "skipped": result.skipped,
        },
    )
    return redirect(reverse("indicator-list", args=[plan.slug]))


@login_not_required
@require_safe
def api_plan_indicators_csv(request, slug):
    """The plan's indicator values as open data, in the import's CSV format."""
    plan = get_object_or_404(ActionPlan.objects.adopted(), slug=slug)
    response = HttpResponse(
        write_indicators_csv(plan_as_open_data(plan)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}-indikatorer.csv"'
    return response
