from django import forms
from django.contrib import admin
from django.db.models import F
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm

from governance import permissions
from governance.admin import MaintainedAdmin, ReadOnlyAdmin
from measures.models import Activity, ExpectedResult, Indicator, IndicatorValue, Measure, Responsibility
from measures.resources import (
    ActivityResource,
    ExpectedResultResource,
    MeasureResource,
    ResponsibilityResource,
)
from measures.spreadsheet import SafeCSV, SafeXLSX, SpreadsheetRefused, check_upload_size


class LimitedImportForm(ImportForm):
    """Refuses a file over the size limit before anything reads it."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_upload_size(upload.size)
        except SpreadsheetRefused as refused:
            raise forms.ValidationError(str(refused)) from None
        return upload


def _plan_of(obj):
    """The plan a measure or one of its parts belongs to (None for no object)."""
    if obj is None:
        return None
    return obj.plan if isinstance(obj, Measure) else obj.measure.plan


class ImportExportHistoryAdmin(ImportExportMixin, MaintainedAdmin):
    """Admin with CSV/XLSX import (dry-run preview before confirm), export and change history.

    Both directions go through measures.spreadsheet: uploads are capped and parsed safely, exports
    store formula-like text as text.
    """

    import_formats = [SafeCSV, SafeXLSX]
    export_formats = [SafeCSV, SafeXLSX]
    import_form_class = LimitedImportForm

    def has_change_permission(self, request, obj=None):
        return permissions.can_change_plan_content(request.user, _plan_of(obj))

    def has_delete_permission(self, request, obj=None):
        return permissions.can_change_plan_content(request.user, _plan_of(obj))

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, SpreadsheetRefused):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                _(
                    "Filen kunde inte läsas i det valda formatet. Kontrollera att du valt rätt format (CSV eller XLSX)."
                ),
            )


class ResponsibilityFormSet(BaseInlineFormSet):
    """Offices can be reordered in one save (swap 1 and 2): positions are checked among the rows, and the
    rows that move are parked out of the way first so that no save meets the old position."""

    PARKED = 10000

    def save(self, commit=True):
        if commit:
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if form in self.deleted_forms or "position" in form.changed_data
            ]
            Responsibility.objects.filter(pk__in=moving).update(position=F("position") + self.PARKED)
        return super().save(commit)


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    formset = ResponsibilityFormSet
    extra = 0
    ordering = ["position"]
    autocomplete_fields = ["office"]


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    ordering = ["position"]
    readonly_fields = ["status"]


class ExpectedResultInline(admin.TabularInline):
    model = ExpectedResult
    extra = 0
    ordering = ["position"]


@admin.register(Measure)
class MeasureAdmin(ImportExportHistoryAdmin):
    plan_path = "plan"
    resource_classes = [MeasureResource]
    list_display = ["code", "need", "target_area", "lead", "status", "traffic_light", "is_active"]
    list_display_links = ["code", "need"]
    list_filter = ["plan", "target_area", "responsibilities__office", "status", "traffic_light", "is_active"]
    search_fields = ["code", "need", "activities__text", "expected_results__text"]
    list_select_related = ["plan", "target_area"]
    inlines = [ActivityInline, ExpectedResultInline, ResponsibilityInline]
    filter_horizontal = ["intervention_levels"]
    # Set only by the lead office's report (reporting.services.measure_status_refresh).
    readonly_fields = ["status", "traffic_light", "predecessor"]  # predecessor: set by a rollover

    def get_queryset(self, request):
        return super().get_queryset(request).with_plan_content().distinct()

    @admin.display(description="Huvudansvarig")
    def lead(self, measure):
        office = measure.lead_office
        return office.abbreviation if office else "–"


@admin.register(Activity)
class ActivityAdmin(ImportExportHistoryAdmin):
    plan_path = "measure__plan"
    resource_classes = [ActivityResource]
    list_display = ["measure_code", "position", "text", "status"]
    readonly_fields = ["status"]  # set by the lead office's report, like the measure's
    list_filter = ["measure__plan", "measure__target_area", "measure__responsibilities__office", "status"]
    search_fields = ["text", "measure__code"]
    list_select_related = ["measure"]

    @admin.display(description="Åtgärdsbehov", ordering="measure__sort_key")
    def measure_code(self, obj):
        return obj.measure.code


@admin.register(ExpectedResult)
class ExpectedResultAdmin(ImportExportHistoryAdmin):
    plan_path = "measure__plan"
    resource_classes = [ExpectedResultResource]
    list_display = ["measure_code", "position", "text"]
    list_filter = ["measure__plan", "measure__target_area", "measure__responsibilities__office"]
    search_fields = ["text", "measure__code"]
    list_select_related = ["measure"]

    @admin.display(description="Åtgärdsbehov", ordering="measure__sort_key")
    def measure_code(self, obj):
        return obj.measure.code


@admin.register(Responsibility)
class ResponsibilityAdmin(ImportExportHistoryAdmin):
    plan_path = "measure__plan"
    resource_classes = [ResponsibilityResource]
    list_display = ["measure_code", "office", "position", "is_lead"]
    list_filter = ["measure__plan", "measure__target_area", "office", "position"]
    search_fields = ["measure__code", "office__abbreviation", "office__name"]
    list_select_related = ["measure", "office"]

    @admin.display(description="Åtgärdsbehov", ordering="measure__sort_key")
    def measure_code(self, obj):
        return obj.measure.code

    @admin.display(description="Huvudansvarig", boolean=True)
    def is_lead(self, obj):
        return obj.is_lead


@admin.register(Indicator)
class IndicatorAdmin(MaintainedAdmin):
    list_display = ["title", "source", "source_id", "unit", "better", "target_value", "target_year"]
    list_filter = ["source", "better", "target_areas"]
    search_fields = ["title", "source_id"]
    filter_horizontal = ["target_areas", "measures"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdmin):
    """Values come from the import page, where a file is checked whole before anything is written."""

    list_display = ["indicator", "area_code", "period", "gender", "value", "status", "imported_at"]
    list_filter = ["indicator__source", "area_code", "gender", "period"]
    search_fields = ["indicator__title", "indicator__source_id", "area_code"]
    list_select_related = ["indicator"]
