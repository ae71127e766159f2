from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_safe

from plan.models import ActionPlan
from plan.open_data import plan_as_open_data


def home(request):
    return redirect("my-measures")


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
