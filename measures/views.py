"""The plan page with all its measures, and the plan as open data."""

import json

from django.contrib.auth.decorators import login_not_required
from django.core.cache import caches
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from governance.models import Office
from governance.versions import latest_versions
from measures.indicators import Indicator, IndicatorValue
from measures.models import Activity, ExpectedResult, Measure, Responsibility
from measures.open_data import plan_as_open_data
from plan.models import ActionPlan, InterventionLevel, TargetArea

# What the open data shows: the plan, its measures with their content and current status, and the
# indicators with their values.
OPEN_DATA_CONTENT = (
    ActionPlan,
    TargetArea,
    InterventionLevel,
    Office,
    Measure,
    Activity,
    ExpectedResult,
    Responsibility,
    Indicator,
    IndicatorValue,
)


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
    plans = [{"slug": p.slug, "name": p.name} for p in ActionPlan.objects.adopted()]
    return JsonResponse({"plans": plans}, json_dumps_params={"ensure_ascii": False})


@login_not_required
@require_safe
def api_plan(request, slug):
    """The plan as open data; the JSON is kept per version of what it shows (governance/versions.py).

    The key needs no plan row: a plan that is renamed, deleted or turned back into a draft changes the
    version, so a kept body is always one that was built for an adopted plan of that slug."""
    key = f"open-data:{slug}:{latest_versions(*OPEN_DATA_CONTENT)}"
    body = caches["pages"].get(key)
    if body is None:
        plan = get_object_or_404(ActionPlan.objects.adopted().select_related("predecessor", "successor"), slug=slug)
        body = json.dumps(plan_as_open_data(plan), cls=DjangoJSONEncoder, ensure_ascii=False).encode()
        caches["pages"].set(key, body, None)
    return HttpResponse(body, content_type="application/json")
