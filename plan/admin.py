from django.contrib import admin

from governance.admin import MaintainedAdmin
from plan.models import ActionPlan, InterventionLevel, PlanAdoption, TargetArea


class PlanAdoptionInline(admin.TabularInline):
    model = PlanAdoption
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(MaintainedAdmin):
    plan_path = "pk"
    list_display = ["name", "slug", "period", "status", "published"]
    list_filter = ["status", "published", "organisations"]
    search_fields = ["name", "subtitle", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["organisations"]
    inlines = [PlanAdoptionInline]
    # Set by a rollover (reporting.rollover), which also makes the predecessor read-only.
    readonly_fields = ["predecessor"]


@admin.register(TargetArea)
class TargetAreaAdmin(MaintainedAdmin):
    list_display = ["number", "name"]
    search_fields = ["name", "description"]


@admin.register(InterventionLevel)
class InterventionLevelAdmin(MaintainedAdmin):
    list_display = ["position", "name", "slug"]
    search_fields = ["name"]


@admin.register(PlanAdoption)
class PlanAdoptionAdmin(MaintainedAdmin):
    plan_path = "plan"
    list_display = ["plan", "decision_body", "adopted_on", "reference"]
    list_filter = ["decision_body", "plan"]
    list_select_related = ["plan", "decision_body__organisation"]
