from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from measures.models import Measure, Responsibility
from measures.status import light_label, status_label
from reporting.filters import MeasureFilterForm
from reporting.measure_page import measure_page
from reporting.models import FollowUpRound
from reporting.pagination import CountingPaginator

MEASURES_PER_PAGE = 50


def measure_detail(request, slug, code):
    measure = get_object_or_404(
        Measure.objects.select_related("plan", "target_area", "successor__plan"), plan__slug=slug, code=code
    )
    return render(request, "reporting/measure_detail.html", {**measure_page(measure, request.user), "nav": "plan"})


def measure_list(request, slug):
    """All measures of a plan, filtered by what is in the URL, sorted and paginated."""
    plan, rounds = FollowUpRound.objects.plan_with_rounds(slug)
    form = MeasureFilterForm(request.GET or None, plan=plan, rounds=rounds)
    form.is_valid()
    measures = form.filter(
        Measure.objects.for_plan(plan)
        .select_related("plan", "target_area")
        .prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("office").order_by("position"),
                to_attr="ordered_responsibilities",
            )
        )
    )
    page = CountingPaginator(measures, MEASURES_PER_PAGE).get_page(request.GET.get("sida"))
    round = form.value("omgang") or None
    return render(
        request,
        "reporting/measure_list.html",
        {
            "plan": plan,
            "form": form,
            "page": page,
            "rows": _measure_rows(page.object_list, round),
            "round": round,
            "querystring": form.querystring(),
            "nav": "measure-list",
        },
    )


def _measure_rows(measures, round):
    """Each measure with the status and light to show: the round's (lead report) or the current one."""
    rows = []
    for measure in measures:
        if round:
            status, light = measure.round_status, measure.round_light or ""
        else:
            status, light = measure.status, measure.traffic_light
        rows.append(
            {
                "measure": measure,
                "status_label": status_label(status),
                "light": light,
                "light_label": light_label(light, missing=""),
            }
        )
    return rows
