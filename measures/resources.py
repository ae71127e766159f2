"""Import and export of plan content (django-import-export), with Swedish row errors.

An import with any bad row writes nothing: the whole import runs in one transaction that is
rolled back on errors and on validation errors alike. The preview (dry run) saves nothing and runs
outside any transaction, so it never holds SQLite's write lock while people log in and report.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from governance.models import Office
from measures.models import Activity, ExpectedResult, Measure, Responsibility
from plan.models import ActionPlan, TargetArea


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key written as a readable value, with a clear Swedish error when it is unknown."""

    def __init__(self, model, field, missing_message, unknown_message):
        super().__init__(model, field)
        self.missing_message = missing_message
        self.unknown_message = unknown_message

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            raise ValueError(self.missing_message)
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # spreadsheet cells give 1.0 for 1
        value = str(value).strip()
        try:
            return self.get_queryset(value, row, **kwargs).get(**self.get_lookup_kwargs(value, row, **kwargs))
        except (self.model.DoesNotExist, ValueError, ValidationError):
            raise ValueError(self.unknown_message.format(value=value)) from None


class MeasureInPlanWidget(LookupWidget):
    """A measure given by its code, in the plan named in the row's 'plan' column."""

    def __init__(self):
        super().__init__(
            Measure,
            "code",
            _("Åtgärdsbehovets nummer saknas."),
            _("Okänt åtgärdsbehov ”{value}” i den angivna planen."),
        )

    def get_lookup_kwargs(self, value, row=None, **kwargs):
        return {"code": value, "plan__slug": (row or {}).get("plan", "")}


def plan_widget():
    return LookupWidget(ActionPlan, "slug", _("Planens kortkod saknas."), _("Okänd plan ”{value}”."))


def office_widget():
    return LookupWidget(
        Office,
        "abbreviation",
        _("Verksamhet saknas."),
        _("Okänd verksamhet ”{value}” (ange förkortning, t.ex. SoC)."),
    )


class PlanContentResource(resources.ModelResource):
    """Common behaviour: all-or-nothing imports and duplicate rows reported per row."""

    def import_data(self, dataset, dry_run=False, raise_errors=False, collect_failed_rows=False, **kwargs):
        if dry_run:
            # import-export skips every save in a dry run without transactions: validation only.
            for option in ("use_transactions", "rollback_on_validation_errors"):
                kwargs.pop(option, None)
            return self.import_data_inner(dataset, True, raise_errors, False, collect_failed_rows, **kwargs)
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(
            dataset,
            dry_run=False,
            raise_errors=raise_errors,
            collect_failed_rows=collect_failed_rows,
            **kwargs,
        )

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        columns = [self.fields[name].column_name for name in self._meta.import_id_fields]
        if "plan" not in columns and "plan" in dataset.headers:
            columns = ["plan", *columns]
        if not all(column in (dataset.headers or []) for column in columns):
            missing = ", ".join(c for c in columns if c not in (dataset.headers or []))
            raise ValueError(_("Filen saknar kolumnen/kolumnerna: %(missing)s.") % {"missing": missing})
        keys = [tuple(str(row.get(c, "")).strip() for c in columns) for row in dataset.dict]
        counts = Counter(keys)
        self._duplicate_keys = {key for key, count in counts.items() if count > 1}
        self._key_columns = columns

    def before_import_row(self, row, **kwargs):
        key = tuple(str(row.get(c, "")).strip() for c in self._key_columns)
        if key in self._duplicate_keys:
            raise ValueError(
                _("Raden förekommer flera gånger i filen ({}).").format(
                    ", ".join(f"{c} = {v}" for c, v in zip(self._key_columns, key, strict=True))
                )
            )


class MeasureResource(PlanContentResource):
    plan = fields.Field(attribute="plan", column_name="plan", widget=plan_widget())
    target_area = fields.Field(
        attribute="target_area",
        column_name="target_area",
        widget=LookupWidget(
            TargetArea,
            "number",
            _("Målområde saknas (ange nummer 1–8)."),
            _("Okänt målområde ”{value}” (ange 1–8)."),
        ),
    )

    # Exported, never imported: only the lead office's report sets a measure's status.
    status = fields.Field(attribute="status", column_name="status", readonly=True)
    traffic_light = fields.Field(attribute="traffic_light", column_name="traffic_light", readonly=True)

    class Meta:
        model = Measure
        fields = ("plan", "code", "target_area", "need", "status", "traffic_light", "status_note", "is_active")
        import_id_fields = ("plan", "code")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return super().get_queryset().select_related("plan", "target_area")


class MeasurePartResource(PlanContentResource):
    plan = fields.Field(attribute="measure__plan__slug", column_name="plan", readonly=True)
    measure = fields.Field(attribute="measure", column_name="measure", widget=MeasureInPlanWidget())

    def get_queryset(self):
        return super().get_queryset().select_related("measure__plan")


class ActivityResource(MeasurePartResource):
    # Exported, never imported: the report that sets the measure's status sets its activities'.
    status = fields.Field(attribute="status", column_name="status", readonly=True)

    class Meta:
        model = Activity
        fields = ("plan", "measure", "position", "text", "status")
        import_id_fields = ("measure", "position")
        clean_model_instances = True
        skip_unchanged = True


class ExpectedResultResource(MeasurePartResource):
    class Meta:
        model = ExpectedResult
        fields = ("plan", "measure", "position", "text")
        import_id_fields = ("measure", "position")
        clean_model_instances = True
        skip_unchanged = True


class ResponsibilityResource(MeasurePartResource):
    office = fields.Field(attribute="office", column_name="office", widget=office_widget())

    class Meta:
        model = Responsibility
        fields = ("plan", "measure", "office", "position")
        import_id_fields = ("measure", "office")
        clean_model_instances = True
        skip_unchanged = True

    def get_queryset(self):
        return super().get_queryset().select_related("measure__plan", "office")
