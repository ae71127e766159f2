"""Open data of a published plan (issue 13): the plan and its public statuses, one row per measure × round,
as JSON, CSV and XLSX, each column defined once here for the files, the README sheet and the page."""

import csv
import io
import json

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook

from measures import open_data
from measures.models import Measure
from measures.spreadsheet import append_row, csv_safe
from measures.status import NOT_REPORTED_LABEL
from reporting.models import FollowUpRound, StatusReport
from reporting.public import closed_rounds, last_closed_round

LICENCES = {
    "CC0-1.0": ("CC0 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "CC-BY-4.0": (_("Creative Commons Erkännande 4.0"), "https://creativecommons.org/licenses/by/4.0/"),
}

# The plan file's columns (measures/open_data.FLAT_COLUMNS), each described.
PLAN_COLUMN_DESCRIPTIONS = {
    "code": _("Åtgärdsbehovets nummer som i planen, till exempel 2.1.1 (målområde, delmål, löpnummer)."),
    "target_area": _("Numret på folkhälsopolitikens målområde (1–8) som åtgärdsbehovet hör till."),
    "need": _("Åtgärdsbehovet med planens ord."),
    "activities": _("Planens aktiviteter för åtgärdsbehovet, en per rad."),
    "expected_results": _("Planens förväntade resultat, ett per rad."),
    "responsible_offices": _("Ansvariga verksamheters förkortningar; den första har huvudansvaret."),
    "status": _(
        "Status enligt huvudansvarigs inlämnade rapport i den senast stängda uppföljningsomgången; "
        "”Ej rapporterad” om ingen finns."
    ),
}

# The status file: one row per measure and closed round, from the lead office's submitted report.
STATUS_COLUMNS = [
    ("code", _("Nummer"), _("Åtgärdsbehovets nummer som i planen.")),
    ("round", _("Uppföljningsomgång"), _("Omgångens namn.")),
    ("period_end", _("Per datum"), _("Sista dagen i perioden som omgången följer upp (ÅÅÅÅ-MM-DD).")),
    ("office", _("Huvudansvarig"), _("Förkortningen för verksamheten med huvudansvar som rapporterade.")),
    ("status", _("Status"), _("Status enligt huvudansvarigs inlämnade rapport.")),
    (
        "status_code",
        _("Statuskod"),
        _("Samma status som kod: not_started, in_progress, done, transferred, activities_pending."),
    ),
    ("traffic_light", _("Trafikljus"), _("Trafikljus som kod: green, yellow, red eller tomt.")),
    ("done_text", _("Vad har gjorts"), _("Vad som har gjorts under perioden.")),
    ("results_text", _("Resultat"), _("Resultat som uppnåtts.")),
    (
        "deviations_text",
        _("Avvikelser"),
        _("Avvikelser och risker, bara där processledaren har gjort texten offentlig."),
    ),
    ("next_steps_text", _("Nästa steg"), _("Nästa steg.")),
]


def plan_columns() -> list[tuple[str, str, str]]:
    return [(key, label, PLAN_COLUMN_DESCRIPTIONS.get(key, "")) for key, label in open_data.FLAT_COLUMNS]


def licence(plan) -> tuple[str, str, str]:
    """(SPDX code, name, address) of the plan's open-data licence."""
    name, url = LICENCES.get(plan.licence, (plan.licence, ""))
    return plan.licence, str(name), url


def updated_on(plan):
    """The day the open data last changed: a round closed or the plan's measures were edited."""
    closed = FollowUpRound.objects.filter(plan=plan, closed_at__isnull=False).aggregate(d=Max("closed_at"))[
        "d"
    ]
    edited = Measure.history.filter(plan_id=plan.pk).aggregate(d=Max("history_date"))["d"]
    latest = max((d for d in (closed, edited) if d), default=None)
    return timezone.localdate(latest) if latest else None


def status_rows(plan) -> list[dict]:
    reports = (
        StatusReport.objects.public()
        .filter(round__plan=plan)
        .select_related("round", "measure", "office")
        .order_by("measure__sort_key", *FollowUpRound.latest_first("round__"))
    )
    return [
        {
            "code": r.measure.code,
            "round": r.round.name,
            "period_end": r.round.period_end.isoformat(),
            "office": r.office.abbreviation,
            "status": r.get_status_display(),
            "status_code": r.status,
            "traffic_light": r.traffic_light,
            "done_text": r.done_text,
            "results_text": r.results_text,
            "deviations_text": r.public_deviations_text,
            "next_steps_text": r.next_steps_text,
        }
        for r in reports
    ]


def statuses_as_open_data(plan) -> dict:
    code, name, url = licence(plan)
    updated = updated_on(plan)
    return {
        "plan": {"slug": plan.slug, "name": plan.name},
        "licence": {"code": code, "name": name, "url": url},
        "updated_on": updated.isoformat() if updated else None,
        "rounds": [r.name for r in closed_rounds(plan)],
        "statuses": status_rows(plan),
    }


def statuses_json(plan) -> bytes:
    return json.dumps(statuses_as_open_data(plan), ensure_ascii=False, indent=2).encode()


def statuses_csv(plan) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(label) for _key, label, _description in STATUS_COLUMNS])
    for row in status_rows(plan):
        writer.writerow([csv_safe(row[key]) for key, _label, _description in STATUS_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def _readme(book, plan, columns, title) -> None:
    """The README sheet: what the file is, its licence and update date, and every column defined."""
    code, name, url = licence(plan)
    updated = updated_on(plan)
    sheet = book.create_sheet("README", 0)
    append_row(sheet, [str(title), plan.name])
    append_row(sheet, [str(_("Licens")), f"{name} ({code}) {url}".strip()])
    append_row(sheet, [str(_("Uppdaterad")), updated.isoformat() if updated else ""])
    append_row(sheet, [])
    append_row(sheet, [str(_("Kolumn")), str(_("Beskrivning"))])
    for _key, label, description in columns:
        append_row(sheet, [str(label), str(description)])


def _save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def statuses_xlsx(plan) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Status"))
    sheet.append([str(label) for _key, label, _description in STATUS_COLUMNS])
    for row in status_rows(plan):
        append_row(sheet, [row[key] for key, _label, _description in STATUS_COLUMNS])
    sheet.freeze_panes = "A2"
    _readme(book, plan, STATUS_COLUMNS, _("Status per åtgärdsbehov och uppföljningsomgång"))
    return _save(book)


def public_plan_data(plan) -> dict:
    """The plan as open data with each measure's status from the last closed round only (never an open
    round's report): the public pages' rule (StatusReport.objects.public())."""
    data = open_data.plan_as_open_data(plan)
    last_round = last_closed_round(plan)
    public = {}
    if last_round is not None:
        public = {
            r.measure.code: r
            for r in StatusReport.objects.public().filter(round=last_round).select_related("measure")
        }
    for measure in data["measures"]:
        report = public.get(measure["code"])
        measure["status"] = report.status if report else ""
        measure["status_label"] = report.get_status_display() if report else str(NOT_REPORTED_LABEL)
    return data


def plan_csv(plan) -> bytes:
    return open_data.write_csv(public_plan_data(plan))


def plan_xlsx(plan) -> bytes:
    book = load_workbook(io.BytesIO(open_data.write_xlsx(public_plan_data(plan))))
    _readme(book, plan, plan_columns(), _("Handlingsplanens åtgärdsbehov"))
    return _save(book)
