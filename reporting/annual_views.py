"""The annual follow-up report: choose, preview, download, freeze (fastställ), and the frozen records."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from governance import permissions
from governance.plan_access import require_plan
from plan.models import ActionPlan
from reporting import writers
from reporting.annual_forms import AnnualReportForm
from reporting.annual_jobs import (
    download_in_background,
    download_start,
    download_status,
    fail_if_stale,
    freeze_retry,
    freeze_start,
    job_status,
)
from reporting.annual_report import (
    assemble,
    compare,
    previous_frozen,
    summary_by_year,
    validate_freezable,
)
from reporting.models import AnnualReport, AnnualReportDownload, AnnualReportFile, AnnualReportJob

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
    arguments = form.report_arguments()
    if download_in_background(arguments):
        return redirect(download_start(**arguments, format=format, user=request.user).get_absolute_url())
    content = assemble(**arguments)
    data = writers.WRITERS[format](content)
    return _attachment(data, format, writers.file_name(content, format))


def _download(request, pk):
    """A background download, for the process leader who asked for it."""
    download = get_object_or_404(
        AnnualReportDownload.objects.defer("data").select_related("plan", "round", "decision_body"), pk=pk
    )
    require_plan(request, download.plan)
    if not permissions.can_fetch_annual_report_download(request.user, download):
        raise PermissionDenied(_("Bara processledaren kan ta fram och fastställa årsrapporten."))
    return download


@require_safe
def annual_report_download_job(request, pk):
    download = _download(request, pk)
    return render(
        request,
        "reporting/annual_download.html",
        {"download": download, "plan": download.plan, "status": download_status(download), "nav": NAV},
    )


def _polled_state(state: dict) -> JsonResponse:
    """A background job's state for the page that polls it (static/js/annual_job.js): never cached."""
    response = JsonResponse(state)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def annual_report_download_status(request, pk):
    return _polled_state(download_status(_download(request, pk)))


@require_safe
def annual_report_download_file(request, pk):
    download = _download(request, pk)
    if download.state != AnnualReportDownload.State.DONE:
        raise Http404
    data = bytes(AnnualReportDownload.objects.values_list("data", flat=True).get(pk=download.pk))
    response = _attachment(data, download.format, download.file_name)
    response["Content-Length"] = str(len(data))
    response["ETag"] = f'"{download.sha256}"'
    return response


@require_POST
@translation.override("sv")  # a frozen record is in Swedish
def annual_report_freeze_view(request, slug):
    """Queues the freeze and answers at once with the job's page (the worker renders and stores)."""
    plan = _plan_for_export(request, slug)
    form = AnnualReportForm(request.POST, plan=plan, freezing=True)
    if not form.is_valid():
        return _form_page(request, plan, form, status=400)
    job = freeze_start(**form.report_arguments(), user=request.user)
    return redirect(job.get_absolute_url())


def _job(request, pk):
    job = get_object_or_404(
        AnnualReportJob.objects.select_related("plan", "round", "decision_body", "report", "started_by"), pk=pk
    )
    require_plan(request, job.plan)
    if not permissions.can_export_annual_report(request.user):
        raise PermissionDenied(_("Bara processledaren kan ta fram och fastställa årsrapporten."))
    fail_if_stale(job)
    return job


@require_safe
def annual_report_job(request, pk):
    job = _job(request, pk)
    return render(
        request,
        "reporting/annual_job.html",
        {
            "job": job,
            "plan": job.plan,
            "status": job_status(job),
            "can_retry": job.is_failed and permissions.can_retry_annual_report_job(request.user, job),
            "nav": NAV,
        },
    )


@require_safe
def annual_report_job_status(request, pk):
    return _polled_state(job_status(_job(request, pk)))


@require_POST
def annual_report_job_retry(request, pk):
    job = _job(request, pk)
    if not permissions.can_retry_annual_report_job(request.user, job):
        raise PermissionDenied
    return redirect(freeze_retry(job).get_absolute_url())


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
    require_plan(request, report.plan)
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
    """The stored bytes as frozen, never rendered again; a browser that has them gets 304 Not Modified."""
    report = _frozen(request, pk)
    stored = get_object_or_404(AnnualReportFile.objects.defer("data"), report=report, format=format)
    etag = f'"{stored.sha256}"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        data = bytes(AnnualReportFile.objects.values_list("data", flat=True).get(pk=stored.pk))
        response = _attachment(data, format, writers.file_name(report.content, format))
        response["Content-Length"] = str(len(data))
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    response["X-Content-SHA256"] = stored.sha256
    return response


def _attachment(data: bytes, format: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=writers.CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
