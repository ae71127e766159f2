"""The regional view: for each of the eight national target areas, every plan's measures by current
status and traffic light, side by side (the same figures as each plan's dashboard, one query)."""

from collections import defaultdict
from dataclasses import dataclass

from measures.models import Measure
from plan.models import ActionPlan, TargetArea
from reporting.figures import LIGHT_SERIES, STATUS_SERIES
from reporting.filters import measure_list_url


@dataclass
class PlanCell:
    plan: ActionPlan
    url: str
    total: int
    by_status: list[int]  # in STATUS_SERIES order
    by_light: list[int]  # in LIGHT_SERIES order


@dataclass
class AreaRow:
    area: TargetArea
    plans: list[PlanCell]


@dataclass
class Region:
    plans: list[ActionPlan]
    rows: list[AreaRow]
    status_series: list
    light_series: list


def regional_overview(user) -> Region:
    """The current plans the user may open; three queries however many plans and measures."""
    plans = list(ActionPlan.objects.current_for(user))
    areas = list(TargetArea.objects.all())
    counts = defaultdict(lambda: defaultdict(int))
    for row in Measure.objects.filter(plan__in=[p.pk for p in plans]).counts_by_status():
        cell = counts[row["plan_id"], row["target_area_id"]]
        cell["status", row["status"]] += row["n"]
        cell["light", row["traffic_light"]] += row["n"]
        cell["total"] += row["n"]
    rows = [
        AreaRow(
            area,
            [
                PlanCell(
                    plan=plan,
                    url=measure_list_url(plan, malomrade=area.number),
                    total=counts[plan.pk, area.pk]["total"],
                    by_status=[counts[plan.pk, area.pk]["status", s.key] for s in STATUS_SERIES],
                    by_light=[counts[plan.pk, area.pk]["light", s.key] for s in LIGHT_SERIES],
                )
                for plan in plans
            ],
        )
        for area in areas
    ]
    return Region(plans, rows, STATUS_SERIES, LIGHT_SERIES)
