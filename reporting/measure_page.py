"""What a measure's page shows, read in one query whatever the length of its history."""

from governance import permissions
from governance.together import fetch_together, grouped, keep_as_prefetched
from measures.indicator_charts import indicator_panels
from measures.indicators import IndicatorValue
from measures.status import ReportState
from reporting.history import history_querysets, measure_timeline
from reporting.models import StatusReport
from reporting.rollover import measure_lineage


def measure_page(measure, user) -> dict:
    """The measure (loaded with its plan, target area and successor) with its offices, activities,
    results and levels; its written reports the user may read; its timeline, earlier plan periods,
    decisions and indicators."""
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
            IndicatorValue.objects.filter(indicator__measures=measure).order_by(
                "area_code", "period", "gender"
            ),
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
    return {
        "measure": measure,
        "plan": measure.plan,
        # A draft's text belongs to its office until it is submitted.
        "reports": [r for r in written if r.is_submitted or permissions.can_view_report_drafts(user, r)],
        "timeline": measure_timeline(measure, user, reports=written, histories=histories),
        "lineage": measure_lineage(measure),
        "decisions": decisions,
        "indicators": indicator_panels(indicators, start_year=measure.plan.implementation_start),
    }
