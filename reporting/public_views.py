"""The plan's public pages and downloads for anonymous visitors (issue 13), and the process leader's
switches that decide what they show. Which reports are public: StatusReport.objects.public()."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from governance import permissions
from governance.models import Office
from measures import views as measure_views
from measures.models import Measure
from plan.models import ActionPlan, TargetArea
from reporting import public_data, writers
from reporting.models import AnnualReport, AnnualReportFile, StatusReport
from reporting.public import (
    measure_public_reports,
    public_rows,
    published_annual_reports,
    rows_by_area,
)
from reporting.public_cache import cached_public_page, invalidate

SEARCH_PARAM = "sok"


def _published_plan(slug) -> ActionPlan:
    return get_object_or_404(ActionPlan.objects.published(), slug=slug)


def _offices(plan):
    return Office.objects.filter(responsibilities__measure__plan=plan).distinct().order_by("abbreviation")


def _list_page(
    request, plan, *, heading, target_area=None, office=None, template="public/plan.html", extra=None
):
    query = request.GET.get(SEARCH_PARAM, "").strip()[:200]
    rows, last_round = public_rows(plan, target_area=target_area, office=office, query=query)
    context = {
        "plan": plan,
        "heading": heading,
        "areas": rows_by_area(rows),
        "measure_count": len(rows),
        "last_round": last_round,
        "query": query,
        "search_param": SEARCH_PARAM,
        "target_areas": TargetArea.objects.filter(measures__plan=plan).distinct(),
        "offices": _offices(plan),
        "public": True,
        **(extra or {}),
    }
    return render(request, template, context)


@login_not_required
@require_safe
def plan_page(request, slug):
    """/planer/<slug>/: the internal plan page for the plan's own users; the public page of a
    published plan for everyone else (404 while unpublished)."""
    if request.user.is_authenticated and permissions.can_open_plan_slug(request.user, slug):
        return measure_views.plan_detail(request, slug)
    return _public_plan_page(request, slug)


@cached_public_page
def _public_plan_page(request, slug):
    plan = _published_plan(slug)
    annual_reports = published_annual_reports(plan)
    return _list_page(
        request, plan, heading=plan.name, extra={"annual_reports": annual_reports, "is_start": True}
    )


@login_not_required
@require_safe
@cached_public_page
def public_plan_preview(request, slug):
    """The public page as anonymous visitors see it, for users who are logged in too."""
    return _public_plan_page.__wrapped__(request, slug)


@login_not_required
@require_safe
@cached_public_page
def public_target_area(request, slug, number):
    plan = _published_plan(slug)
    area = get_object_or_404(TargetArea, number=number)
    return _list_page(
        request, plan, heading=f"{area.number}. {area.name_i18n}", target_area=area, extra={"area": area}
    )


@login_not_required
@require_safe
@cached_public_page
def public_office(request, slug, abbreviation):
    plan = _published_plan(slug)
    office = get_object_or_404(_offices(plan), abbreviation=abbreviation)
    return _list_page(request, plan, heading=str(office), office=office, extra={"office": office})


@login_not_required
@require_safe
@cached_public_page
def public_measure(request, slug, code):
    plan = _published_plan(slug)
    measure = get_object_or_404(Measure.objects.for_plan(plan).with_plan_content(), code=code)
    return render(
        request,
        "public/measure.html",
        {"plan": plan, "measure": measure, "reports": measure_public_reports(measure), "public": True},
    )


@login_not_required
@require_safe
@cached_public_page
def public_open_data(request, slug):
    plan = _published_plan(slug)
    code, name, url = public_data.licence(plan)
    return render(
        request,
        "public/open_data.html",
        {
            "plan": plan,
            "plan_columns": public_data.plan_columns(),
            "status_columns": public_data.STATUS_COLUMNS,
            "licence_code": code,
            "licence_name": name,
            "licence_url": url,
            "updated_on": public_data.updated_on(plan),
            "public": True,
        },
    )


DOWNLOADS = {
    ("plan", "csv"): (public_data.plan_csv, "text/csv; charset=utf-8"),
    ("plan", "xlsx"): (public_data.plan_xlsx, writers.CONTENT_TYPES["xlsx"]),
    ("statusar", "json"): (public_data.statuses_json, "application/json; charset=utf-8"),
    ("statusar", "csv"): (public_data.statuses_csv, "text/csv; charset=utf-8"),
    ("statusar", "xlsx"): (public_data.statuses_xlsx, writers.CONTENT_TYPES["xlsx"]),
}


@login_not_required
@require_safe
def public_download(request, slug, dataset, format):
    if (dataset, format) not in DOWNLOADS:
        raise Http404
    plan = _published_plan(slug)
    write, content_type = DOWNLOADS[dataset, format]
    with translation.override("sv"):  # a file's column names and labels stay the same in every language
        data = write(plan)
    response = HttpResponse(data, content_type=content_type)
    if format != "json":
        response["Content-Disposition"] = f'attachment; filename="{plan.slug}-{dataset}.{format}"'
    return response


@login_not_required
@require_safe
def public_annual_report_pdf(request, slug, pk):
    """A published frozen annual report's stored PDF, for anyone; unpublished ones do not exist here."""
    report = get_object_or_404(AnnualReport.objects.public(), plan__slug=slug, pk=pk)
    stored = get_object_or_404(AnnualReportFile, report=report, format=AnnualReportFile.Format.PDF)
    response = HttpResponse(bytes(stored.data), content_type=writers.CONTENT_TYPES["pdf"])
    response["Content-Disposition"] = f'attachment; filename="{writers.file_name(report.content, "pdf")}"'
    response["X-Content-SHA256"] = stored.sha256
    return response


# The process leader's switches ------------------------------------------------------------------------


@require_POST
def report_deviations_public(request, pk):
    """Makes a report's deviations text public on the plan's public page, or takes it back."""
    report = get_object_or_404(StatusReport.objects.select_related("measure__plan", "round"), pk=pk)
    if not permissions.can_publish_report_texts(request.user):
        raise PermissionDenied(_("Bara processledaren kan göra en rapporttext offentlig."))
    report.deviations_public = request.POST.get("offentlig") == "ja"
    report._history_user = request.user
    report.save(update_fields=["deviations_public"])
    invalidate()
    if report.deviations_public:
        messages.success(request, _("Avvikelsetexten visas nu på den offentliga sidan."))
    else:
        messages.success(request, _("Avvikelsetexten visas inte längre på den offentliga sidan."))
    return redirect(report.measure.get_absolute_url())


@require_POST
def annual_report_publish(request, pk):
    """Publishes a frozen annual report (anyone may download its PDF from the public page), or takes it back."""
    report = get_object_or_404(AnnualReport, pk=pk)
    if not permissions.can_publish_annual_reports(request.user):
        raise PermissionDenied(_("Bara processledaren kan publicera en årsrapport."))
    if request.POST.get("publicera") == "ja":
        report.published_at, report.published_by = timezone.now(), request.user
        messages.success(request, _("Årsrapporten är publicerad och kan laddas ned av alla."))
    else:
        report.published_at, report.published_by = None, None
        messages.success(request, _("Årsrapporten är inte längre publicerad."))
    report.save(update_fields=["published_at", "published_by"])
    return redirect(report.get_absolute_url())
