from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from governance import permissions
from measures.models import Measure
from plan.models import ActionPlan, TargetArea
from plan.open_data import plan_as_open_data


def home(request):
    """The steering group and the process leader start at the dashboard; reporters at their measures."""
    plan = ActionPlan.objects.public().first()
    user = request.user
    if plan and (permissions.is_process_leader(user) or permissions.is_steering_group_member(user)):
        return redirect("dashboard", slug=plan.slug)
    return redirect("my-measures")


def plan_detail(request, slug):
    plan = get_object_or_404(ActionPlan.objects.prefetch_related("adoptions__decision_body"), slug=slug)
    measures = Measure.objects.for_plan(plan).with_plan_content()
    by_area = {area: [] for area in TargetArea.objects.all()}
    for measure in measures:
        by_area.setdefault(measure.target_area, []).append(measure)
    return render(
        request,
        "plan/plan_detail.html",
        {"plan": plan, "areas": list(by_area.items()), "measure_count": len(measures), "nav": "plan"},
    )


@login_not_required
def accessibility(request):
    return render(request, "plan/accessibility.html")


@login_not_required
@require_safe
def api_plans(request):
    plans = [{"slug": p.slug, "name": p.name} for p in ActionPlan.objects.public()]
    return JsonResponse({"plans": plans}, json_dumps_params={"ensure_ascii": False})


@login_not_required
@require_safe
def api_plan(request, slug):
    plan = get_object_or_404(ActionPlan.objects.public(), slug=slug)
    return JsonResponse(plan_as_open_data(plan), json_dumps_params={"ensure_ascii": False})
