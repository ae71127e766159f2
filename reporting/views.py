from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from governance import permissions
from governance.models import Office
from governance.plan_access import require_plan
from governance.versions import history_versions, version_of
from measures.models import Measure
from measures.status import ReportState, RoundKind
from plan.models import ActionPlan, TargetArea
from reporting import dashboard as overview
from reporting.forms import FollowUpRoundForm, RoundReopenForm, StatusReportForm, default_round_dates
from reporting.history import round_events
from reporting.models import FollowUpRound, Reminder, StatusReport
from reporting.region import regional_overview
from reporting.services import (
    ReportConflict,
    RoundClosed,
    previous_report,
    report_reopen,
    report_save,
    round_close,
    round_open,
    round_reopen,
)
from reporting.steering_forms import DashboardRoundForm

# What Mina åtgärder shows besides the user's offices: its cached part is keyed by their versions.
MY_MEASURES_CONTENT = (StatusReport, FollowUpRound, Measure, TargetArea, Office, ActionPlan)


def my_measures(request):
    """The reporter's start page: their offices' reports in the open round, by target area."""
    offices = list(request.user.offices.all())
    rounds = list(
        FollowUpRound.objects.open().select_related("plan").annotate(**history_versions(*MY_MEASURES_CONTENT))
    )
    asked = request.GET.get("omgang", "")
    round = next((r for r in rounds if str(r.pk) == asked), rounds[0] if rounds else None)
    # Read only when the cached table (keyed by user, offices, round, content version and day) is missing.
    mine = SimpleLazyObject(lambda: _my_reports(round, offices))
    today = timezone.localdate()
    key = ""
    if round:
        key = f"{request.user.pk}:{','.join(str(o.pk) for o in offices)}:{round.pk}:{version_of(round)}:{today}"
    return render(
        request,
        "reporting/my_measures.html",
        {
            "round": round,
            "open_rounds": rounds,
            "offices": offices,
            "groups": SimpleLazyObject(lambda: mine["groups"]),
            "report_count": SimpleLazyObject(lambda: mine["report_count"]),
            "submitted_count": SimpleLazyObject(lambda: mine["submitted_count"]),
            "next_report": SimpleLazyObject(lambda: mine["next_report"]),
            "cache_key": key,
            "plan": round.plan if round else None,
            "nav": "my-measures",
        },
    )


def _my_reports(round, offices) -> dict:
    reports = []
    if round and offices:
        reports = list(
            StatusReport.objects.filter(round=round, office__in=offices)
            .select_related("measure__target_area", "measure__plan", "office", "round")
            .order_by("measure__target_area__number", "measure__sort_key", "office__abbreviation")
        )
    groups = {}
    for report in reports:
        groups.setdefault(report.measure.target_area, []).append(report)
    return {
        "groups": list(groups.items()),
        "report_count": len(reports),
        "submitted_count": sum(1 for r in reports if r.is_submitted),
        "next_report": next((r for r in reports if not r.is_submitted), None),
    }


def _report_for_page(request, pk):
    report = get_object_or_404(
        StatusReport.objects.select_related(
            "round__plan__successor", "office", "updated_by", "measure__target_area", "measure__plan"
        ),
        pk=pk,
    )
    require_plan(request, report.round.plan)
    return report


def _saved_by(report) -> str:
    user = report.updated_by
    return (user.get_full_name() or user.username) if user else _("någon annan")


def report_edit(request, pk):
    report = _report_for_page(request, pk)
    activities = list(report.measure.activities.order_by("position"))
    can_edit = permissions.can_edit_report(request.user, report)
    if report.state == ReportState.DRAFT and not permissions.can_view_report_drafts(request.user, report):
        raise PermissionDenied(_("Ett utkast syns bara för verksamheten som skriver det och för processledaren."))
    if request.method != "POST":
        source = previous_report(report) if report.state == ReportState.MISSING else None
        if source:
            messages.info(request, StatusReportForm.prefilled_message(source))
        form = StatusReportForm.opened(report, activities=activities, source=source)
        return _report_page(request, report, form, can_edit)
    if not can_edit:
        raise PermissionDenied(_("Du kan inte ändra den här rapporten."))
    form = StatusReportForm.posted(request.POST, activities=activities)
    if not form.is_valid():
        return _report_page(request, report, form, can_edit)
    try:
        report_save(report=report, user=request.user, **form.save_arguments())
    except ReportConflict as conflict:
        return _report_page(request, report, form.after_conflict(conflict.current), can_edit, conflict.current)
    except RoundClosed as error:
        messages.error(request, str(error))
        return redirect(report)
    messages.success(request, form.saved_message(report.measure))
    return redirect(_after_save(request, report, form))


def _after_save(request, report, form):
    """Back to the report, or on to the next one the user's offices still owe in the round."""
    if not form.goes_to_next:
        return report
    following = StatusReport.objects.next_outstanding(report, permissions.office_ids(request.user))
    if following is None:
        messages.info(request, _("Alla rapporter för din verksamhet i omgången är inlämnade."))
        return "my-measures"
    return following


def _report_page(request, report, form, can_edit, conflict=None):
    shared = (
        StatusReport.objects.filter(round=report.round, measure=report.measure)
        .exclude(pk=report.pk)
        .select_related("office", "round")
        .order_by("-is_lead", "office__abbreviation")
    )
    return render(
        request,
        "reporting/report_form.html",
        {
            "report": report,
            "plan": report.round.plan,
            "measure": report.measure,
            "offices": report.measure.offices_in_order,
            "form": form,
            "can_edit": can_edit,
            "conflict": conflict,
            "conflict_by": _saved_by(conflict) if conflict else "",
            "shared_reports": shared,
            "nav": "my-measures",
        },
        status=409 if conflict else 200,
    )


@require_POST
def report_reopen_view(request, pk):
    report = _report_for_page(request, pk)
    if not permissions.can_edit_report(request.user, report):
        raise PermissionDenied(_("Du kan inte öppna den här rapporten igen."))
    try:
        report_reopen(report=report, user=request.user)
    except RoundClosed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Rapporten är öppnad igen som utkast."))
    return redirect("report-edit", pk=report.pk)


def round_list(request):
    plans = permissions.visible_plans(request.user, ActionPlan.objects.all())
    rounds = (
        FollowUpRound.objects.filter(plan__in=plans)
        .select_related("plan")
        .annotate(
            report_count=Count("reports"),
            submitted_count=Count("reports", filter=Q(reports__state=ReportState.SUBMITTED)),
        )
        .order_by("-period_end", "-id")
    )
    page = Paginator(rounds, 25).get_page(request.GET.get("sida"))
    plans = plans.without_successor() if permissions.can_manage_rounds(request.user) else []
    return render(request, "reporting/round_list.html", {"page": page, "plans": plans, "nav": "rounds"})


def round_create(request, slug):
    plan = get_object_or_404(ActionPlan.objects.select_related("successor"), slug=slug)
    if not permissions.can_manage_rounds(request.user):
        raise PermissionDenied(_("Bara processledaren kan öppna en uppföljningsomgång."))
    if not permissions.plan_is_writable(plan):
        raise PermissionDenied(
            _("Planen %(plan)s är avslutad och ersatt av %(successor)s; öppna omgången i den nya planen.")
            % {"plan": plan.name, "successor": plan.successor.name}
        )
    today = timezone.localdate()
    if request.method == "POST":
        form = FollowUpRoundForm(request.POST, plan=plan, today=today)
        if form.is_valid():
            round = round_open(plan=plan, **form.cleaned_data)
            messages.success(
                request,
                _("Omgången %(name)s är öppnad med %(count)s rapporter att lämna.")
                % {"name": round.name, "count": round.reports.count()},
            )
            return redirect(round.get_absolute_url())
    else:
        kind = request.GET.get("typ", RoundKind.ANNUAL)
        kind = kind if kind in RoundKind.values else RoundKind.ANNUAL
        form = FollowUpRoundForm(
            initial={"kind": kind, "grace_days": 7, **default_round_dates(kind, today)}, plan=plan, today=today
        )
    return render(request, "reporting/round_form.html", {"form": form, "plan": plan, "nav": "rounds"})


def round_detail(request, pk):
    round = get_object_or_404(FollowUpRound.objects.select_related("plan"), pk=pk)
    require_plan(request, round.plan)
    offices = (
        StatusReport.objects.filter(round=round)
        .values("office__abbreviation", "office__name")
        .annotate(
            total=Count("id"),
            submitted=Count("id", filter=Q(state=ReportState.SUBMITTED)),
            drafts=Count("id", filter=Q(state=ReportState.DRAFT)),
            missing=Count("id", filter=Q(state=ReportState.MISSING)),
        )
        .order_by("office__abbreviation")
    )
    outstanding = (
        StatusReport.objects.filter(round=round)
        .outstanding()
        .select_related("measure", "office", "round")
        .order_by("office__abbreviation", "measure__sort_key")
    )
    can_manage = permissions.can_manage_rounds(request.user)
    reminders = (
        Reminder.objects.filter(round=round).select_related("user")[:200]
        if permissions.can_view_reminders(request.user)
        else []
    )
    return render(
        request,
        "reporting/round_detail.html",
        {
            "round": round,
            "plan": round.plan,
            "offices": offices,
            "outstanding": outstanding,
            "reminders": reminders,
            "can_manage": can_manage,
            "reopen_form": RoundReopenForm() if can_manage and round.can_be_reopened else None,
            "events": round_events(round),
            "nav": "rounds",
        },
    )


def round_close_view(request, pk):
    """Asks first, showing how many reports are not yet submitted; closes on the confirmed POST."""
    round = get_object_or_404(FollowUpRound.objects.select_related("plan"), pk=pk)
    require_plan(request, round.plan)
    if not permissions.can_manage_rounds(request.user):
        raise PermissionDenied(_("Bara processledaren kan stänga en uppföljningsomgång."))
    if not round.is_open:
        messages.info(request, _("Omgången %(name)s är redan stängd.") % {"name": round.name})
        return redirect(round.get_absolute_url())
    if request.method == "POST" and request.POST.get("bekrafta") == "ja":
        round_close(round=round, user=request.user)
        messages.success(
            request, _("Omgången %(name)s är stängd. Rapporterna är nu låsta.") % {"name": round.name}
        )
        return redirect(round.get_absolute_url())
    submitted, expected = round.report_counts
    return render(
        request,
        "reporting/round_close.html",
        {"round": round, "submitted": submitted, "expected": expected, "outstanding": expected - submitted,
         "nav": "rounds"},
    )


@require_POST
def round_reopen_view(request, pk):
    round = get_object_or_404(FollowUpRound.objects.select_related("plan"), pk=pk)
    require_plan(request, round.plan)
    if not permissions.can_manage_rounds(request.user):
        raise PermissionDenied(_("Bara processledaren kan öppna en uppföljningsomgång igen."))
    form = RoundReopenForm(request.POST)
    if form.is_valid():
        try:
            round = round_reopen(round=round, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("Omgången %(name)s är öppnad igen och tar emot rapporter.") % {"name": round.name},
            )
    else:
        messages.error(request, " ".join(form.errors["reason"]))
    return redirect(round.get_absolute_url())


def dashboard(request, slug):
    if not permissions.can_view_dashboard(request.user):
        raise PermissionDenied(_("Du kan inte se översikten."))
    plan, rounds = FollowUpRound.objects.plan_with_rounds(slug, versions=history_versions(*overview.CONTENT))
    form = DashboardRoundForm(request.GET or None, rounds=rounds)
    round = form.chosen_round() or (rounds[0] if rounds else None)
    funds = SimpleLazyObject(lambda: overview.fund_summary(plan))
    today = timezone.localdate()
    return render(
        request,
        "reporting/dashboard.html",
        {
            "plan": plan,
            "round": round,
            # Built only when the cached page (keyed by the content's version and the day) is missing.
            "dashboard": SimpleLazyObject(
                lambda: overview.build_dashboard(plan, round, rounds=rounds, today=today, funds=funds)
            ),
            # The round chooser's error message is part of the page too.
            "cache_key": f"{plan.pk}:{round.pk if round else ''}:{form.is_bound and not form.is_valid()}:"
            f"{version_of(plan)}:{today}",
            "funds": funds,
            "form": form,
            "indicator_trends": SimpleLazyObject(lambda: overview.indicator_trends(plan)),
            "nav": "dashboard",
        },
    )


@require_safe
def region(request):
    """The regional view: every plan the user may open, target area by target area."""
    if not permissions.can_view_region(request.user):
        raise PermissionDenied(_("Du kan inte se den regionala översikten."))
    return render(request, "reporting/region.html", {"region": regional_overview(request.user), "nav": "region"})
