from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from governance import permissions
from governance.together import fetch_together, grouped, keep_as_prefetched
from measures.indicator_charts import indicator_panels
from measures.indicators import IndicatorValue
from measures.models import Measure, Responsibility
from measures.status import ReportState, light_label, status_label
from reporting.filters import MeasureFilterForm
from reporting.history import history_querysets, measure_timeline
from reporting.models import FollowUpRound, StatusReport
from reporting.pagination import CountingPaginator
from reporting.rollover import measure_lineage

MEASURES_PER_PAGE = 50


def measure_detail(request, slug, code):
    measure = get_object_or_404(
        Measure.objects.select_related("plan", "target_area", "successor__plan"), plan__slug=slug, code=code
    )
    (responsibilities, activities, results, levels, written, decisions, indicators, values, *histories) = (
        fetch_together(
            measure.responsibilities.select_related("office").order_by("position"),
            measure.activities.order_by("position"),
            measure.expected_results.order_by("position"),
            measure.intervention_levels.all(),
            StatusReport.objects.filter(measure=measure)
            .exclude(state=ReportState.MISSING)  # a report never written adds nothing to the timeline
            .with_responsibility()
            .select_related("round", "office", "updated_by")
            .order_by("-round__period_end", "-round_id", "-is_lead", "office__abbreviation"),
            measure.decisions.select_related("meeting").order_by("-meeting__date"),
            measure.indicators.all(),
            IndicatorValue.objects.filter(indicator__measures=measure).order_by("area_code", "period", "gender"),
            *history_querysets(measure),
        )
    )
    measure.ordered_responsibilities = responsibilities
    keep_as_prefetched(measure, "activities", activities)
    keep_as_prefetched(measure, "expected_results", results)
    keep_as_prefetched(measure, "intervention_levels", levels)
    values_of = grouped(values, "indicator_id")
    for indicator in indicators:
        indicator.ordered_values = values_of[indicator.pk]
    # A draft's text belongs to its office until it is submitted.
    reports = [r for r in written if r.is_submitted or permissions.can_view_report_drafts(request.user, r)]
    return render(
        request,
        "reporting/measure_detail.html",
        {
            "measure": measure,
            "plan": measure.plan,
            "reports": reports,
            "timeline": measure_timeline(measure, request.user, reports=written, histories=histories),
            "lineage": measure_lineage(measure),
            "decisions": decisions,
            "indicators": indicator_panels(indicators, start_year=measure.plan.implementation_start),
            "nav": "plan",
        },
    )


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
