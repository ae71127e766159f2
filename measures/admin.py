from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm

from governance.admin import MaintainedAdmin
from measures.models import Activity, ExpectedResult, Measure, Responsibility
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


class ImportExportHistoryAdmin(ImportExportMixin, MaintainedAdmin):
    """Admin with CSV/XLSX import (dry-run preview before confirm), export and change history.

    Both directions go through measures.spreadsheet: uploads are capped and parsed safely, exports
    store formula-like text as text.
    """

    import_formats = [SafeCSV, SafeXLSX]
    export_formats = [SafeCSV, SafeXLSX]
    import_form_class = LimitedImportForm

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


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0
    ordering = ["position"]
    autocomplete_fields = ["office"]


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    ordering = ["position"]


class ExpectedResultInline(admin.TabularInline):
    model = ExpectedResult
    extra = 0
    ordering = ["position"]


@admin.register(Measure)
class MeasureAdmin(ImportExportHistoryAdmin):
    resource_classes = [MeasureResource]
    list_display = ["code", "need", "target_area", "lead", "status", "traffic_light", "is_active"]
    list_display_links = ["code", "need"]
    list_filter = ["plan", "target_area", "responsibilities__office", "status", "traffic_light", "is_active"]
    search_fields = ["code", "need", "activities__text", "expected_results__text"]
    list_select_related = ["plan", "target_area"]
    inlines = [ActivityInline, ExpectedResultInline, ResponsibilityInline]
    filter_horizontal = ["intervention_levels"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_plan_content().distinct()

    @admin.display(description="Huvudansvarig")
    def lead(self, measure):
        office = measure.lead_office
        return office.abbreviation if office else "–"


@admin.register(Activity)
class ActivityAdmin(ImportExportHistoryAdmin):
    resource_classes = [ActivityResource]
    list_display = ["measure_code", "position", "text", "status"]
    list_filter = ["measure__plan", "measure__target_area", "measure__responsibilities__office", "status"]
    search_fields = ["text", "measure__code"]
    list_select_related = ["measure"]

    @admin.display(description="Åtgärdsbehov", ordering="measure__sort_key")
    def measure_code(self, obj):
        return obj.measure.code


@admin.register(ExpectedResult)
class ExpectedResultAdmin(ImportExportHistoryAdmin):
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
