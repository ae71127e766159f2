"""The annual follow-up report: choose, preview, download, freeze (fastställ), and the frozen records."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from governance import permissions
from plan.models import ActionPlan
from reporting import writers
from reporting.annual_forms import AnnualReportForm
from reporting.annual_report import (
    AlreadyFrozen,
    annual_report_freeze,
    assemble,
    compare,
    previous_frozen,
    summary_by_year,
    validate_freezable,
)
from reporting.models import AnnualReport, AnnualReportFile

NAV = "annual-report"


def _plan_for_export(request, slug):
    """The plan, if the user may generate and freeze its annual report (else 403)."""
    plan = get_object_or_404(ActionPlan, slug=slug)
    if not permissions.can_export_annual_report(request.user):
        raise PermissionDenied(_("Bara processledaren kan ta fram och fastställa årsrapporten."))
    return plan


def _form_page(request, plan, form, status=200):
    return render(
        request,
        "reporting/annual_form.html",
        {"plan": plan, "form": form, "frozen_count": plan.annual_reports.count(), "nav": NAV},
        status=status,
    )


def _initial(request):
    return {"author": request.user.get_full_name() or request.user.username}


@require_safe
def annual_report_form(request, slug):
    plan = _plan_for_export(request, slug)
    return _form_page(request, plan, AnnualReportForm(initial=_initial(request), plan=plan))


def _freeze_refusal(round) -> str:
    try:
        validate_freezable(round)
    except ValidationError as error:
        return error.messages[0]
    return ""


@require_safe
@translation.override("sv")  # the report goes to Swedish decision bodies, whatever the interface language
def annual_report_preview(request, slug):
    plan = _plan_for_export(request, slug)
    form = AnnualReportForm(request.GET, plan=plan)
    if not form.is_valid():
        return _form_page(request, plan, form, status=400)
    content = assemble(**form.report_arguments())
    return render(
        request,
        "reporting/annual_preview.html",
        {
            "plan": plan,
            "form": form,
            "freeze_refusal": _freeze_refusal(form.cleaned_data["omgang"]),
            **writers.document_context(content),
            "nav": NAV,
        },
    )


@require_safe
@translation.override("sv")
def annual_report_download(request, slug, format):
    plan = _plan_for_export(request, slug)
    form = AnnualReportForm(request.GET, plan=plan)
    if not form.is_valid():
        return _form_page(request, plan, form, status=400)
    content = assemble(**form.report_arguments())
    data = writers.WRITERS[format](content)
    return _attachment(data, format, writers.file_name(content, format))


@require_POST
@translation.override("sv")  # a frozen record is in Swedish
def annual_report_freeze_view(request, slug):
    plan = _plan_for_export(request, slug)
    form = AnnualReportForm(request.POST, plan=plan, freezing=True)
    if not form.is_valid():
        return _form_page(request, plan, form, status=400)
    try:
        report = annual_report_freeze(**form.report_arguments(), user=request.user)
    except AlreadyFrozen as error:
        messages.info(request, str(error))
        return redirect(error.report.get_absolute_url())
    messages.success(
        request,
        _(
            "Rapporten är fastställd. Filerna är sparade och ändras inte, även om planen eller rapporterna ändras."
        ),
    )
    return redirect(report.get_absolute_url())


@require_safe
def annual_report_list(request, slug):
    plan = get_object_or_404(ActionPlan, slug=slug)
    if not permissions.can_view_frozen_annual_reports(request.user):
        raise PermissionDenied
    return render(
        request,
        "reporting/annual_list.html",
        {
            "plan": plan,
            "years": summary_by_year(plan),
            "can_export": permissions.can_export_annual_report(request.user),
            "nav": NAV,
        },
    )


def _frozen(request, pk):
    report = get_object_or_404(
        AnnualReport.objects.select_related("plan", "round", "decision_body__organisation", "frozen_by"),
        pk=pk,
    )
    if not permissions.can_view_frozen_annual_reports(request.user):
        raise PermissionDenied
    return report


@require_safe
def annual_report_detail(request, pk):
    report = _frozen(request, pk)
    previous = previous_frozen(report)
    order = AnnualReportFile.Format.values
    files = sorted(report.files.defer("data"), key=lambda f: order.index(f.format))
    return render(
        request,
        "reporting/annual_detail.html",
        {
            "frozen": report,
            "files": files,
            "previous": previous,
            "comparison": compare(report.content, previous.content) if previous else None,
            **writers.document_context(report.content, report.frozen_at),
            "nav": NAV,
        },
    )


@require_safe
def annual_report_frozen_file(request, pk, format):
    report = _frozen(request, pk)
    stored = get_object_or_404(AnnualReportFile, report=report, format=format)
    response = _attachment(bytes(stored.data), format, writers.file_name(report.content, format))
    response["X-Content-SHA256"] = stored.sha256
    return response


def _attachment(data: bytes, format: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=writers.CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
