from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from measures.history import measure_timeline
from measures.models import Measure
from reporting.models import StatusReport


def measure_detail(request, slug, code):
    measure = get_object_or_404(Measure.objects.with_plan_content(), plan__slug=slug, code=code)
    reports = (
        StatusReport.objects.filter(measure=measure)
        .exclude(state=StatusReport.State.MISSING)
        .select_related("round", "office", "updated_by")
        .prefetch_related(Prefetch("activity_progress__activity"))
        .order_by("-round__period_end", "-round_id", "-is_lead", "office__abbreviation")
    )
    return render(
        request,
        "measures/measure_detail.html",
        {
            "measure": measure,
            "plan": measure.plan,
            "reports": reports,
            "timeline": measure_timeline(measure),
            "decisions": measure.decisions.select_related("meeting").order_by("-meeting__date"),
            "nav": "plan",
        },
    )
