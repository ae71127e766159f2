"""The plan as open data: one structure, written as JSON, CSV or XLSX."""

import csv
import io
import json

from django.db.models import Prefetch
from openpyxl import Workbook

from measures.indicator_import import CSV_COLUMNS
from measures.indicators import Indicator
from measures.models import Measure
from measures.spreadsheet import append_row, csv_safe
from plan.models import TargetArea

FLAT_COLUMNS = [
    ("code", "Nummer"),
    ("target_area", "Målområde"),
    ("need", "Åtgärdsbehov"),
    ("activities", "Aktiviteter"),
    ("expected_results", "Förväntade resultat"),
    ("responsible_offices", "Ansvar (huvudansvarig först)"),
    ("status", "Status"),
]


def plan_as_open_data(plan) -> dict:
    measures = Measure.objects.for_plan(plan).with_plan_content().select_related("predecessor__plan")
    predecessor = plan.predecessor
    successor = plan.successor_or_none
    return {
        "plan": {
            "slug": plan.slug,
            "name": plan.name,
            "subtitle": plan.subtitle,
            "implementation_period": [plan.implementation_start, plan.implementation_end],
            "period": {"start": plan.implementation_start, "end": plan.implementation_end},
            "predecessor": predecessor.slug if predecessor else None,
            "successor": successor.slug if successor else None,
            "status": plan.status,
        },
        "target_areas": [{"number": area.number, "name": area.name} for area in TargetArea.objects.all()],
        "measures": [
            {
                "code": m.code,
                "target_area": m.target_area.number,
                "need": m.need,
                "activities": [a.text for a in m.activities.all()],
                "expected_results": [r.text for r in m.expected_results.all()],
                "responsible_offices": [o.abbreviation for o in m.offices_in_order],
                "status": m.status,
                "status_label": m.get_status_display(),
                "intervention_levels": [level.slug for level in m.intervention_levels.all()],
                # The measure of the previous plan this one was carried over from (rollover), if any.
                "predecessor": {"plan": m.predecessor.plan.slug, "code": m.predecessor.code}
                if m.predecessor
                else None,
            }
            for m in measures
        ],
        "indicators": _indicators(plan),
    }


def _indicators(plan) -> list[dict]:
    """Indicators linked to the plan's measures or to a target area, with every value (missing as null)."""
    indicators = (
        Indicator.objects.filter(pk__in=Indicator.objects.filter(measures__plan=plan).values("pk"))
        | Indicator.objects.filter(target_areas__isnull=False)
    ).distinct()
    indicators = indicators.prefetch_related(
        "target_areas", Prefetch("measures", queryset=Measure.objects.filter(plan=plan))
    ).with_values()
    return [
        {
            "source": i.source,
            "source_id": i.source_id,
            "title": i.title,
            "unit": i.unit,
            "description": i.description,
            "better": i.better,
            "target_value": i.target_value,
            "target_year": i.target_year,
            "target_areas": [area.number for area in i.target_areas.all()],
            "measures": [m.code for m in i.measures.all()],
            "values": [
                {
                    "area": v.area_code,
                    "period": v.period,
                    "gender": v.gender,
                    "value": v.value,
                    "status": v.status,
                    "ci_low": v.ci_low,
                    "ci_high": v.ci_high,
                }
                for v in i.values_in_order
            ],
        }
        for i in indicators
    ]


# The import's columns first (so the file can be read back in), then what names the indicator.
INDICATOR_COLUMNS = [*CSV_COLUMNS, "title", "unit", "better"]


def _indicator_rows(data: dict):
    for i in data.get("indicators", []):
        for v in i["values"]:
            yield [
                i["source"],
                i["source_id"],
                v["area"],
                v["period"],
                v["gender"],
                "" if v["value"] is None else v["value"],
                v["status"],
                "" if v["ci_low"] is None else v["ci_low"],
                "" if v["ci_high"] is None else v["ci_high"],
                i["title"],
                i["unit"],
                i["better"],
            ]


def write_indicators_csv(data: dict) -> bytes:
    """Indicator values in the import's CSV format (README), with the indicator's title, unit and direction."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(INDICATOR_COLUMNS)
    writer.writerows([csv_safe(value) for value in row] for row in _indicator_rows(data))
    return out.getvalue().encode("utf-8-sig")


def _flat_rows(data: dict):
    for m in data["measures"]:
        yield [
            m["code"],
            m["target_area"],
            m["need"],
            "\n".join(m["activities"]),
            "\n".join(m["expected_results"]),
            ", ".join(m["responsible_offices"]),
            m["status_label"],
        ]


def write_json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def write_csv(data: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([label for _, label in FLAT_COLUMNS])
    writer.writerows([csv_safe(value) for value in row] for row in _flat_rows(data))
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(data: dict) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Åtgärdsbehov"
    sheet.append([label for _, label in FLAT_COLUMNS])
    for row in _flat_rows(data):
        append_row(sheet, row)
    sheet.auto_filter.ref = sheet.dimensions
    sheet.freeze_panes = "A2"
    if data.get("indicators"):
        values = book.create_sheet("Indikatorer")
        values.append(INDICATOR_COLUMNS)
        for row in _indicator_rows(data):
            append_row(values, row)
        values.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WRITERS = {"json": write_json, "csv": write_csv, "xlsx": write_xlsx, "indicators-csv": write_indicators_csv}
