"""The steering group's work: meetings with their agenda and decisions, and the stimulus funds."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance import permissions
from governance.models import SteeringGroup, SteeringGroupMember
from measures.models import Measure
from plan.models import ActionPlan
from reporting.models import AgendaItem, Decision, Meeting, StimulusAllocation, StimulusFundYear
from reporting.services import (
    MeetingConflict,
    meeting_save,
    stimulus_allocation_create,
    stimulus_fund_year_save,
)
from reporting.steering_forms import (
    MeetingForms,
    StimulusAllocationForm,
    StimulusFundYearForm,
)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _steering_group(slug) -> SteeringGroup:
    return get_object_or_404(SteeringGroup.objects.select_related("plan"), plan__slug=slug)


def meeting_list(request, slug):
    steering_group = _steering_group(slug)
    meetings = steering_group.meetings.annotate(
        decision_count=Count("decisions", distinct=True), attendee_count=Count("attendees", distinct=True)
    ).order_by("-date", "-pk")
    page = Paginator(meetings, 25).get_page(request.GET.get("sida"))
    return render(
        request,
        "reporting/meeting_list.html",
        {
            "plan": steering_group.plan,
            "steering_group": steering_group,
            "page": page,
            "can_record": permissions.can_record_meetings(request.user),
            "nav": "meetings",
        },
    )


def meeting_detail(request, slug, pk):
    steering_group = _steering_group(slug)
    measures = Measure.objects.only("code", "need", "plan_id").order_by("sort_key")
    meeting = get_object_or_404(
        Meeting.objects.prefetch_related(
            Prefetch(
                "attendees",
                queryset=SteeringGroupMember.objects.select_related("office", "department", "user"),
            ),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.order_by("position").prefetch_related(
                    Prefetch("measures", queryset=measures)
                ),
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.order_by("number").prefetch_related(
                    Prefetch("measures", queryset=measures)
                ),
            ),
        ),
        steering_group=steering_group,
        pk=pk,
    )
    return render(
        request,
        "reporting/meeting_detail.html",
        {
            "plan": steering_group.plan,
            "meeting": meeting,
            "can_record": permissions.can_record_meetings(request.user),
            "nav": "meetings",
        },
    )


def meeting_create(request, slug):
    return _meeting_form(request, slug, None)


def meeting_edit(request, slug, pk):
    return _meeting_form(request, slug, pk)


def _meeting_form(request, slug, pk):
    steering_group = _steering_group(slug)
    _require(
        permissions.can_record_meetings(request.user),
        _("Bara styrgruppens ledamöter och processledaren kan skriva in möten."),
    )
    meeting = get_object_or_404(Meeting, steering_group=steering_group, pk=pk) if pk else None
    meeting = meeting or Meeting(steering_group=steering_group)
    forms = MeetingForms(
        request.POST if request.method == "POST" else None, meeting=meeting, plan=steering_group.plan
    )
    if forms.is_bound and forms.is_valid():
        try:
            meeting = meeting_save(**forms.save_arguments())
        except MeetingConflict as conflict:
            forms.keep_after_conflict(conflict)
        except ValidationError as error:
            forms.refuse(error)
        else:
            messages.success(request, _("Mötet %(date)s är sparat.") % {"date": f"{meeting.date:%Y-%m-%d}"})
            return redirect("meeting-detail", slug=steering_group.plan.slug, pk=meeting.pk)
    return render(
        request,
        "reporting/meeting_form.html",
        {
            "plan": steering_group.plan,
            "meeting": meeting if meeting.pk else None,
            "form": forms.form,
            "agenda_items": forms.agenda_items,
            "decisions": forms.decisions,
            "has_errors": forms.has_errors,
            "nav": "meetings",
        },
        status=forms.status_code,
    )


def stimulus_funds(request, slug):
    plan = get_object_or_404(ActionPlan, slug=slug)
    return _stimulus_page(request, plan)


def _stimulus_page(request, plan, year_form=None, allocation_form=None, status=200):
    years = (
        StimulusFundYear.objects.filter(plan=plan)
        .annotate(allocated=Sum("allocations__amount"))
        .prefetch_related(
            Prefetch(
                "allocations",
                queryset=StimulusAllocation.objects.select_related("measure", "office", "decision__meeting"),
                to_attr="allocation_list",
            )
        )
        .order_by("-year")
    )
    can_allocate = permissions.can_allocate_stimulus_funds(request.user)
    rows = [
        {
            "year": fund,
            "allocated": fund.allocated or 0,
            "remaining": fund.amount_available - (fund.allocated or 0),
            "allocations": fund.allocation_list,
        }
        for fund in years
    ]
    context = {"plan": plan, "rows": rows, "can_allocate": can_allocate, "nav": "stimulus"}
    if can_allocate:
        context["year_form"] = year_form or StimulusFundYearForm()
        context["allocation_form"] = allocation_form or StimulusAllocationForm(plan=plan)
    return render(request, "reporting/stimulus_funds.html", context, status=status)


@require_POST
def stimulus_year_save(request, slug):
    plan = get_object_or_404(ActionPlan, slug=slug)
    _require(
        permissions.can_allocate_stimulus_funds(request.user),
        _("Bara styrgruppens ledamöter och processledaren kan ändra stimulansmedlen."),
    )
    form = StimulusFundYearForm(request.POST)
    if form.is_valid():
        try:
            fund_year = stimulus_fund_year_save(plan=plan, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Stimulansmedlen för %(year)s är sparade.") % {"year": fund_year.year}
            )
            return redirect("stimulus-funds", slug=plan.slug)
    return _stimulus_page(request, plan, year_form=form, status=400)


@require_POST
def stimulus_allocation_create_view(request, slug):
    plan = get_object_or_404(ActionPlan, slug=slug)
    _require(
        permissions.can_allocate_stimulus_funds(request.user),
        _("Bara styrgruppens ledamöter och processledaren kan fördela stimulansmedel."),
    )
    form = StimulusAllocationForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            stimulus_allocation_create(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Fördelningen är sparad."))
            return redirect("stimulus-funds", slug=plan.slug)
    return _stimulus_page(request, plan, allocation_form=form, status=400)
