from django.contrib import admin

from governance.admin import MaintainedAdmin, ReadOnlyAdmin
from reporting.models import (
    ActivityProgress,
    AgendaItem,
    AnnualReport,
    Decision,
    FollowUpRound,
    Meeting,
    Reminder,
    StatusReport,
    StimulusAllocation,
    StimulusFundYear,
)


@admin.register(FollowUpRound)
class FollowUpRoundAdmin(MaintainedAdmin):
    list_display = ["name", "plan", "kind", "period_end", "deadline", "status"]
    list_filter = ["plan", "kind", "status"]
    search_fields = ["name"]


class ActivityProgressInline(admin.TabularInline):
    model = ActivityProgress
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StatusReport)
class StatusReportAdmin(ReadOnlyAdmin):
    """Reports are written in the report form, which checks the round and concurrent edits."""

    list_display = ["measure", "office", "round", "state", "status", "traffic_light", "updated_at"]
    list_filter = ["round", "office", "state", "status", "traffic_light", "measure__target_area"]
    search_fields = ["measure__code", *StatusReport.TEXT_FIELDS]
    list_select_related = ["measure", "office", "round"]
    inlines = [ActivityProgressInline]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["sent_at", "user", "round", "reason", "report_count"]
    list_filter = ["round", "reason"]
    list_select_related = ["user", "round"]


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    """Frozen reports are records: they can be read here but never changed or deleted."""

    list_display = ["title", "decision_body", "year", "frozen_at", "frozen_by"]
    list_filter = ["plan", "year", "decision_body"]
    exclude = ["content"]


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    filter_horizontal = ["measures"]


class DecisionInline(admin.StackedInline):
    model = Decision
    extra = 0
    filter_horizontal = ["measures"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["date", "steering_group", "location"]
    list_filter = ["steering_group"]
    search_fields = ["minutes", "agenda_items__title", "decisions__text"]
    date_hierarchy = "date"
    filter_horizontal = ["attendees"]
    inlines = [AgendaItemInline, DecisionInline]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["number", "meeting", "text"]
    list_filter = ["meeting__steering_group"]
    search_fields = ["number", "text"]
    list_select_related = ["meeting"]
    filter_horizontal = ["measures"]


class StimulusAllocationInline(admin.TabularInline):
    model = StimulusAllocation
    extra = 0


@admin.register(StimulusFundYear)
class StimulusFundYearAdmin(ReadOnlyAdmin):
    list_display = ["year", "plan", "amount_available"]
    list_filter = ["plan"]
    inlines = [StimulusAllocationInline]
