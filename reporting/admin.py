from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reporting.models import ActivityProgress, AnnualReport, FollowUpRound, Reminder, StatusReport


@admin.register(FollowUpRound)
class FollowUpRoundAdmin(SimpleHistoryAdmin):
    list_display = ["name", "plan", "kind", "period_end", "deadline", "status"]
    list_filter = ["plan", "kind", "status"]
    search_fields = ["name"]


class ActivityProgressInline(admin.TabularInline):
    model = ActivityProgress
    extra = 0
    raw_id_fields = ["activity"]


@admin.register(StatusReport)
class StatusReportAdmin(SimpleHistoryAdmin):
    list_display = ["measure", "office", "round", "state", "status", "traffic_light", "updated_at"]
    list_filter = ["round", "office", "state", "status", "traffic_light", "measure__target_area"]
    search_fields = ["measure__code", "done_text", "results_text", "deviations_text", "next_steps_text"]
    list_select_related = ["measure", "office", "round"]
    raw_id_fields = ["measure"]
    inlines = [ActivityProgressInline]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "user", "round", "reason", "report_count"]
    list_filter = ["round", "reason"]
    list_select_related = ["user", "round"]


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    """Frozen reports are records: they can be read here but never changed or deleted."""

    list_display = ["title", "decision_body", "year", "frozen_at", "frozen_by"]
    list_filter = ["plan", "year", "decision_body"]
    exclude = ["content"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
