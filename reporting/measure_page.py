"""What a measure's page shows, read in one query whatever the length of its history."""

from governance import permissions
from governance.together import fetch_together, grouped
from measures.indicator_charts import indicator_panels
from measures.indicators import IndicatorValue
from measures.models import keep_plan_content, plan_content_querysets
from measures.status import ReportState
from reporting.history import history_querysets, measure_timeline
from reporting.models import StatusReport
from reporting.rollover import measure_lineage


def measure_page(measure, user) -> dict:
    """The measure (loaded with its plan, target area and successor) with its offices, activities,
    results and levels; its written reports the user may read; its timeline, earlier plan periods,
    decisions and indicators."""
    content = plan_content_querysets([measure])
    rows = fetch_together(
        *content,
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
    written, decisions, indicators, values = rows[len(content) : len(content) + 4]
    histories = rows[len(content) + 4 :]
    keep_plan_content([measure], rows[: len(content)])
    values_of = grouped(values, "indicator_id")
    for indicator in indicators:
        indicator.ordered_values = values_of[indicator.pk]
    return {
        "measure": measure,
        "plan": measure.plan,
        # A draft's text belongs to its office until it is submitted.
        "reports": [r for r in written if r.is_submitted or permissions.can_view_report_drafts(user, r)],
        "timeline": measure_timeline(histories, written, user),
        "lineage": measure_lineage(measure),
        "decisions": decisions,
        "indicators": indicator_panels(indicators, start_year=measure.plan.implementation_start),
    }
