"""The plan page with all its measures, and the plan as open data."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from measures.models import Measure
from measures.open_data import plan_as_open_data
from plan.models import ActionPlan, TargetArea


def plan_detail(request, slug):
    plan = get_object_or_404(ActionPlan.objects.prefetch_related("adoptions__decision_body"), slug=slug)
    measures = Measure.objects.for_plan(plan).with_plan_content()
    by_area = {area: [] for area in TargetArea.objects.all()}
    for measure in measures:
        by_area.setdefault(measure.target_area, []).append(measure)
    return render(
        request,
        "measures/plan_detail.html",
        {"plan": plan, "areas": list(by_area.items()), "measure_count": len(measures), "nav": "plan"},
    )


@login_not_required
@require_safe
def api_plans(request):
    plans = [{"slug": p.slug, "name": p.name} for p in ActionPlan.objects.public()]
    return JsonResponse({"plans": plans}, json_dumps_params={"ensure_ascii": False})


@login_not_required
@require_safe
def api_plan(request, slug):
    plan = get_object_or_404(ActionPlan.objects.public().select_related("predecessor", "successor"), slug=slug)
    return JsonResponse(plan_as_open_data(plan), json_dumps_params={"ensure_ascii": False})
