from django.contrib import admin
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from governance import permissions
from governance.admin import ReadOnlyAdmin
from measures import admin as measures_admin
from measures.models import Measure, Responsibility
from measures.resources import ResponsibilityResource
from reporting.models import (
    ActivityProgress,
    AgendaItem,
    AnnualReport,
    AnnualReportJob,
    Decision,
    FollowUpRound,
    Meeting,
    Reminder,
    StatusReport,
    StimulusAllocation,
    StimulusFundYear,
)
from reporting.services import responsibilities_sync

# Changing who is responsible for a measure reaches the open rounds: the plan-content admins of the
# measures app, extended here because the rounds live in this (higher) layer.
admin.site.unregister([Measure, Responsibility])


@admin.register(Measure)
class MeasureAdmin(measures_admin.MeasureAdmin):
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        responsibilities_sync(measures=[form.instance], user=request.user)


class ResponsibilityRoundsResource(ResponsibilityResource):
    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._measure_ids = set()

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        self._measure_ids.add(instance.measure_id)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not (result.has_errors() or result.has_validation_errors()):
            responsibilities_sync(measures=Measure.objects.filter(pk__in=self._measure_ids))


@admin.register(Responsibility)
class ResponsibilityAdmin(measures_admin.ResponsibilityAdmin):
    resource_classes = [ResponsibilityRoundsResource]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        responsibilities_sync(measures=[obj.measure], user=request.user)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        responsibilities_sync(measures=[obj.measure], user=request.user)

    def delete_queryset(self, request, queryset):
        measures = list(Measure.objects.filter(pk__in=queryset.values("measure_id")))
        super().delete_queryset(request, queryset)
        responsibilities_sync(measures=measures, user=request.user)


@admin.register(FollowUpRound)
class FollowUpRoundAdmin(ReadOnlyAdmin):
    """Rounds are opened and closed in the app (reporting.services), which creates the report slots."""
    plan_path = "plan"

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
    plan_path = "round__plan"

    list_display = ["measure", "office", "round", "state", "status", "traffic_light", "updated_at"]
    list_filter = ["round", "office", "state", "status", "traffic_light", "measure__target_area"]
    search_fields = ["measure__code", *StatusReport.TEXT_FIELDS]
    list_select_related = ["measure", "office", "round"]
    inlines = [ActivityProgressInline]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    plan_path = "round__plan"
    list_display = ["sent_at", "user", "round", "reason", "report_count"]
    list_filter = ["round", "reason"]
    list_select_related = ["user", "round"]


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    """Frozen reports are records: they can be read here but never changed or deleted."""
    plan_path = "plan"

    list_display = ["title", "decision_body", "year", "frozen_at", "frozen_by"]
    list_filter = ["plan", "year", "decision_body"]
    exclude = ["content"]


@admin.register(AnnualReportJob)
class AnnualReportJobAdmin(ReadOnlyAdmin):
    """Freezes run in the background: who started which, how it went, and why one failed."""
    plan_path = "plan"

    list_display = ["round", "decision_body", "state", "step", "started_by", "created_at", "finished_at"]
    list_filter = ["state", "plan"]


# The task queue (django-tasks-db): read only, like the jobs, for those who maintain the plan.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    def has_module_permission(self, request):
        return permissions.can_maintain_plan(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_maintain_plan(request.user)


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
    plan_path = "steering_group__plan"
    list_display = ["date", "steering_group", "location"]
    list_filter = ["steering_group"]
    search_fields = ["minutes", "agenda_items__title", "decisions__text"]
    date_hierarchy = "date"
    filter_horizontal = ["attendees"]
    inlines = [AgendaItemInline, DecisionInline]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    plan_path = "meeting__steering_group__plan"
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
    plan_path = "plan"
    list_display = ["year", "plan", "amount_available"]
    list_filter = ["plan"]
    inlines = [StimulusAllocationInline]
