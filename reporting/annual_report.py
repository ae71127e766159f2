"""The annual follow-up report to Direktionen or Kommunstyrelsen.

`assemble()` builds one plain, JSON-serialisable structure from the database; the writers in
reporting/writers.py only lay it out. `annual_report_freeze()` stores that structure and the generated
files, so that what was sent to a political body never changes afterwards.
"""

import datetime
import hashlib
import json
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.together import fetch_together, grouped, keep_as_prefetched
from measures.indicators import Indicator, IndicatorValue
from measures.models import Measure, Responsibility, keep_plan_content, plan_content_querysets
from measures.status import MeasureStatus, RoundKind, RoundStatus, light_label, status_changed, status_label
from reporting.figures import LIGHT_SERIES, STATUS_SERIES, count_by, kronor
from reporting.models import (
    AgendaItem,
    AnnualReport,
    AnnualReportFile,
    Decision,
    FollowUpRound,
    Meeting,
    StatusReport,
    StimulusAllocation,
    StimulusFundYear,
)
from reporting.own_words import AnnualReportText

FORMAT_VERSION = 2  # 2: a report's four texts as a list of headings and texts


class StatusChange(models.TextChoices):
    """How a measure's status moved since the previous year's annual round."""

    NEW = "new", gettext_lazy("Ingen uppgift förra året")
    UNCHANGED = "unchanged", gettext_lazy("Oförändrad")
    CHANGED = "changed", gettext_lazy("Ändrad")
    # The lead office has not reported this year: the status shown is last year's, so no comparison.
    NOT_REPORTED = "not_reported", gettext_lazy("Ingen rapport i år")

    @classmethod
    def between(cls, before: str, after: str) -> "StatusChange":
        if not before:
            return cls.NEW
        return cls.CHANGED if status_changed(before, after) else cls.UNCHANGED


def scope_measures(*, plan, decision_body, whole_plan: bool):
    """The measures a report covers: all, or those any office of the body's organisation shares."""
    measures = Measure.objects.for_plan(plan)
    if whole_plan:
        return measures
    responsible = Responsibility.objects.filter(office__organisation_id=decision_body.organisation_id)
    return measures.filter(pk__in=responsible.values("measure_id"))


def report_title(plan, year: int, body_name: str = "", whole_plan: bool = False) -> str:
    """The document title names the receiving body, so Direktionen's and Kommunstyrelsen's differ."""
    if not body_name:
        return _("Årsuppföljning %(year)s – %(plan)s") % {"year": year, "plan": plan.name}
    if whole_plan:
        return _("Årsuppföljning %(year)s till %(body)s, hela planen – %(plan)s") % {
            "year": year,
            "body": body_name,
            "plan": plan.name,
        }
    return _("Årsuppföljning %(year)s till %(body)s – %(plan)s") % {
        "year": year,
        "body": body_name,
        "plan": plan.name,
    }


def assemble(
    *,
    plan,
    round: FollowUpRound,
    decision_body,
    whole_plan: bool,
    diary_number: str = "",
    author: str = "",
    today: datetime.date | None = None,
) -> dict:
    """The whole report as plain data, in the order a municipal report has it.

    2 queries whatever the size of the plan: the previous annual round, then everything else (_read);
    one more in the first year of a plan that carries on from another (the predecessor's last annual
    round).
    """
    today = today or timezone.localdate()
    organisation = decision_body.organisation
    year = round.period_end.year
    scope = scope_measures(plan=plan, decision_body=decision_body, whole_plan=whole_plan)
    previous_round = round.previous(kind=RoundKind.ANNUAL) or _predecessor_annual_round(plan, round)
    read = _read(
        plan=plan,
        round=round,
        previous_round=previous_round,
        scope=scope,
        decision_body=decision_body,
        whole_plan=whole_plan,
    )
    measures = sorted(read["measures"], key=lambda m: (m.target_area.number, m.sort_key))
    reports_by_measure: dict[int, list[StatusReport]] = {}
    previous_status: dict[int, str] = {}
    for report in read["reports"]:
        if report.round_id == round.pk:
            reports_by_measure.setdefault(report.measure_id, []).append(report)
        elif report.is_lead and report.is_submitted and report.status:
            previous_status[report.measure_id] = report.status
    if previous_round is not None and previous_round.plan_id != plan.pk:
        # Across a rollover a carried measure's previous year is its predecessor measure's.
        previous_status = {
            m.pk: previous_status[m.predecessor_id] for m in measures if m.predecessor_id in previous_status
        }

    target_areas: dict[int, dict] = {}
    missing = []
    for measure in measures:
        entry = _measure_entry(
            measure, reports_by_measure.get(measure.pk, []), previous_status, previous_round
        )
        area = target_areas.setdefault(
            measure.target_area.number,
            {"number": measure.target_area.number, "name": measure.target_area.name, "measures": []},
        )
        area["measures"].append(entry)
        if entry["missing_offices"]:
            missing.append(
                {
                    "code": entry["code"],
                    "need": entry["need"],
                    "offices": entry["missing_offices"],
                    "none_submitted": entry["submitted_count"] == 0,
                }
            )

    areas = list(target_areas.values())
    all_entries = [entry for area in areas for entry in area["measures"]]
    in_scope = {entry["code"] for entry in all_entries}
    return _printable(
        {
            "format_version": FORMAT_VERSION,
            "cover": {
                "title": report_title(plan, year, decision_body.name, whole_plan),
                "plan_name": plan.name,
                "plan_subtitle": plan.subtitle,
                "plan_period": plan.period,
                "year": year,
                "receiving_body": decision_body.name,
                "receiving_body_slug": decision_body.slug,
                "organisation": organisation.name,
                "round_name": round.name,
                "period_start": round.period_start.isoformat(),
                "period_end": round.period_end.isoformat(),
                "previous_round_name": previous_round.name if previous_round else "",
                "date": today.isoformat(),
                "diary_number": diary_number,
                "author": author,
                "whole_plan": whole_plan,
                "scope": _scope_text(whole_plan, organisation.name, len(all_entries)),
            },
            "summary": _summary(areas, all_entries),
            "own_words": read["own_words"].sections(),
            "target_areas": areas,
            "indicators": _indicators(plan, read["indicators"], measures),
            "steering_group": _steering_group(read["meetings"], in_scope, whole_plan),
            "stimulus_funds": _stimulus_funds(
                year, read["fund_year"], read["allocations"], in_scope, whole_plan
            ),
            "missing_reports": missing,
        }
    )


def _read(*, plan, round, previous_round, scope, decision_body, whole_plan: bool) -> dict:
    """Everything the report shows, read in one query (governance.together): the measures with their
    offices, activities, results and levels; this year's and last year's reports; the year's meetings
    with their agenda and decisions; the year's stimulus funds; the process leader's texts; and the
    indicators with their links and the values up to the year."""
    year = round.period_end.year
    round_ids = [round.pk] + ([previous_round.pk] if previous_round else [])
    meetings = Meeting.objects.filter(
        steering_group__plan=plan, date__range=(round.period_start, round.period_end)
    )
    decided = Decision.measures.through.objects.filter(decision__meeting__in=meetings)
    (
        measures,
        responsibilities,
        activities,
        results,
        level_links,
        reports,
        meeting_rows,
        agenda_items,
        decisions,
        decision_links,
        fund_years,
        allocations,
        texts,
        indicators,
        area_links,
        measure_links,
        values,
    ) = fetch_together(
        scope.select_related("target_area").annotate(**_last_known_status(round)),
        *plan_content_querysets(scope),
        StatusReport.objects.filter(
            Q(measure__in=scope.values("pk")) | Q(measure__in=scope.values("predecessor_id")),
            round_id__in=round_ids,
        ).select_related("office"),
        meetings.order_by("date", "id"),
        AgendaItem.objects.filter(meeting__in=meetings).order_by("position"),
        Decision.objects.filter(meeting__in=meetings).order_by("number"),
        decided.select_related("measure").order_by("measure__sort_key"),
        StimulusFundYear.objects.filter(plan=plan, year=year),
        StimulusAllocation.objects.filter(fund_year__plan=plan, fund_year__year=year)
        .select_related("measure", "office", "decision")
        .order_by("measure__sort_key", "id"),
        AnnualReportText.of_report(round=round, decision_body=decision_body, whole_plan=whole_plan),
        Indicator.objects.all(),
        Indicator.target_areas.through.objects.select_related("targetarea").order_by("targetarea__number"),
        Indicator.measures.through.objects.select_related("measure").order_by(
            "measure__plan", "measure__sort_key"
        ),
        IndicatorValue.objects.filter(period__lte=year).order_by("area_code", "period", "gender"),
    )
    keep_plan_content(measures, (responsibilities, activities, results, level_links))
    for measure in measures:
        measure.plan = plan
    decided_measures = grouped(decision_links, "decision_id", lambda link: link.measure)
    for decision in decisions:
        keep_as_prefetched(decision, "measures", decided_measures[decision.pk])
    agenda, meeting_decisions = grouped(agenda_items, "meeting_id"), grouped(decisions, "meeting_id")
    for meeting in meeting_rows:
        keep_as_prefetched(meeting, "agenda_items", agenda[meeting.pk])
        keep_as_prefetched(meeting, "decisions", meeting_decisions[meeting.pk])
    indicator_areas = grouped(area_links, "indicator_id", lambda link: link.targetarea)
    indicator_measures = grouped(measure_links, "indicator_id", lambda link: link.measure)
    indicator_values = grouped(values, "indicator_id")
    for indicator in indicators:
        keep_as_prefetched(indicator, "target_areas", indicator_areas[indicator.pk])
        keep_as_prefetched(indicator, "measures", indicator_measures[indicator.pk])
        indicator.ordered_values = indicator_values[indicator.pk]
    return {
        "measures": measures,
        "reports": reports,
        "meetings": meeting_rows,
        "fund_year": fund_years[0] if fund_years else None,
        "allocations": allocations,
        "own_words": texts[0]
        if texts
        else AnnualReportText.blank(round=round, decision_body=decision_body, whole_plan=whole_plan),
        "indicators": indicators,
    }


def _indicators(plan, indicators, measures) -> list[dict]:
    """Per target area (in number order) its indicators with the values up to the report's year; an
    area without indicators is left out. An indicator counts for its own target areas and those of the
    report's measures it is linked to."""
    in_report = {m.pk: m.target_area for m in measures}
    areas: dict[int, dict] = {}
    for indicator in indicators:
        linked = {area.number: area for area in indicator.target_areas.all()}
        codes = []
        for measure in indicator.measures.all():
            if measure.pk in in_report:
                linked.setdefault(in_report[measure.pk].number, in_report[measure.pk])
                codes.append(measure.code)
        if not linked:
            continue
        entry = {**indicator.report_entry(plan.implementation_start), "measures": sorted(codes)}
        for number, area in linked.items():
            section = areas.setdefault(number, {"number": number, "name": area.name, "indicators": []})
            section["indicators"].append(entry)
    return [areas[number] for number in sorted(areas)]


# Characters that XML (and so Word and Excel files) cannot hold; a pasted form feed must not break the export.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _printable(value):
    if isinstance(value, str):
        return _UNPRINTABLE.sub("", value)
    if isinstance(value, dict):
        return {key: _printable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_printable(item) for item in value]
    return value


def _scope_text(whole_plan, organisation_name, count):
    if whole_plan:
        return _("Rapporten omfattar hela planen (%(count)s åtgärdsbehov).") % {"count": count}
    return _(
        "Rapporten omfattar de %(count)s åtgärdsbehov där en verksamhet inom %(organisation)s har "
        "huvudansvar eller delat ansvar."
    ) % {"count": count, "organisation": organisation_name}


def _predecessor_annual_round(plan, round: FollowUpRound) -> FollowUpRound | None:
    """The predecessor plan's last annual round before this one: the first year of a plan that carries on
    from another compares with the old plan's last year (no query for a plan without predecessor)."""
    if plan.predecessor_id is None:
        return None
    return (
        FollowUpRound.objects.filter(
            plan_id=plan.predecessor_id, kind=RoundKind.ANNUAL, period_end__lt=round.period_end
        )
        .latest_first()
        .first()
    )


def _last_known_status(round: FollowUpRound) -> dict:
    """known_status / known_light: the measure's current status by the same rule as Measure.status
    (StatusReport.objects.setting_status()), as it stood at this round: later rounds do not count."""
    setting = (
        StatusReport.objects.filter(measure=OuterRef("pk"), round__in=FollowUpRound.objects.not_after(round))
        .setting_status()
        .submitted()
    )
    return {
        "known_status": Subquery(setting.values("status")[:1]),
        "known_light": Subquery(setting.values("traffic_light")[:1]),
    }


def _measure_entry(measure, reports, previous_status, previous_round) -> dict:
    offices = measure.offices_in_order
    position = {office.pk: index for index, office in enumerate(offices)}
    reports = sorted(reports, key=lambda r: (not r.is_lead, position.get(r.office_id, len(offices))))
    lead_report = next((r for r in reports if r.is_lead and r.is_submitted and r.status), None)
    if lead_report:
        status, light, status_source = lead_report.status, lead_report.traffic_light, "report"
    else:
        # Without the lead office's report the report says so, and shows the last status recorded up to
        # this round, or the plan's own status when no round up to it has set one.
        if measure.known_status:
            status, light = measure.known_status, measure.known_light or ""
        else:
            status, light = measure.status_before_reports
        status_source = "plan"
    before = previous_status.get(measure.pk, "")
    if status_source != "report":
        change = StatusChange.NOT_REPORTED
    else:
        change = StatusChange.between(before, status)
    submitted = [r for r in reports if r.is_submitted]
    return {
        "code": measure.code,
        "need": measure.need,
        "target_area": measure.target_area.number,
        "is_active": measure.is_active,
        "intervention_levels": [level.name for level in measure.intervention_levels.all()],
        "activities": [
            {"text": a.text, "status": a.status, "status_label": a.get_status_display()}
            for a in measure.activities.all()
        ],
        "expected_results": [r.text for r in measure.expected_results.all()],
        "offices": [
            {"abbreviation": r.office.abbreviation, "name": r.office.name, "is_lead": r.is_lead}
            for r in measure.ordered_responsibilities
        ],
        "status": status,
        "status_label": status_label(status, missing=""),
        "traffic_light": light,
        "light_label": light_label(light),
        "status_source": status_source,
        "status_note": ""
        if status_source == "report"
        else _("Senast kända status; huvudansvarig verksamhet har inte lämnat någon rapport för året."),
        "previous_status": before,
        "previous_status_label": status_label(before, missing="") if before else "",
        "change": change.value,
        "change_label": _change_label(change, before, previous_round),
        "submitted_count": len(submitted),
        "report_count": len(reports),
        # Offices that had a report to give in the round and did not submit it (lead first).
        "missing_offices": [r.office.abbreviation for r in reports if not r.is_submitted],
        "reports": [_report_entry(r) for r in submitted],
    }


def _change_label(change, before, previous_round) -> str:
    if change == StatusChange.NOT_REPORTED:
        return str(change.label)
    if previous_round is None:
        return _("Ingen tidigare årsuppföljning")
    if change == StatusChange.CHANGED:
        return _("Ändrad från %(before)s") % {"before": status_label(before, missing="")}
    return str(change.label)


def _report_entry(report: StatusReport) -> dict:
    return {
        "office": report.office.abbreviation,
        "office_name": report.office.name,
        "is_lead": report.is_lead,
        "status": report.status,
        "status_label": status_label(report.status, missing=""),
        "traffic_light": report.traffic_light,
        "light_label": light_label(report.traffic_light),
        "submitted_on": timezone.localdate(report.submitted_at).isoformat() if report.submitted_at else "",
        "texts": [{"label": label, "text": text} for label, text in report.texts],
    }


def _summary(areas, entries) -> dict:
    by_status = count_by(entries, lambda e: e["status"])
    by_light = count_by(entries, lambda e: e["traffic_light"])
    per_area = []
    for area in areas:
        per_area.append(
            {
                "label": f"{area['number']}. {area['name']}",
                "measure_count": len(area["measures"]),
                "by_status": count_by(area["measures"], lambda e: e["status"]),
                "by_light": count_by(area["measures"], lambda e: e["traffic_light"]),
            }
        )
    return {
        "measure_count": len(entries),
        "fully_reported_count": sum(1 for e in entries if not e["missing_offices"]),
        "changed_count": sum(1 for e in entries if e["change"] == StatusChange.CHANGED),
        "closed_count": sum(1 for e in entries if e["status"] in MeasureStatus.closed()),
        "by_status": [
            {"key": s.key, "label": s.label, "count": by_status.get(s.key, 0)} for s in STATUS_SERIES
        ],
        "by_light": [{"key": s.key, "label": s.label, "count": by_light.get(s.key, 0)} for s in LIGHT_SERIES],
        "target_areas": per_area,
        "charts": [
            {
                "title": _("Status per målområde"),
                "series": "status",
                "rows": [[a["label"], a["by_status"]] for a in per_area],
            },
            {
                "title": _("Trafikljus per målområde"),
                "series": "light",
                "rows": [[a["label"], a["by_light"]] for a in per_area],
            },
        ],
    }


OUTSIDE_SCOPE = gettext_lazy("utanför rapporten")


def _codes_text(codes, outside):
    """'2.1.1, 2.5.1 (utanför rapporten)': the measures a decision concerns, out-of-scope ones marked."""
    marked = [f"{code} ({OUTSIDE_SCOPE})" if code in outside else code for code in codes]
    return ", ".join(marked) or "–"


def _steering_group(meetings, in_scope: set[str], whole_plan: bool) -> dict:
    """The year's meetings. A body's report keeps the decisions that concern its measures or the plan as a
    whole (no measure named); decisions only on other measures are counted, not listed."""
    result, omitted = [], 0
    for meeting in meetings:
        decisions = []
        for decision in meeting.decisions.all():
            codes = [m.code for m in decision.measures.all()]
            outside = set() if whole_plan else {code for code in codes if code not in in_scope}
            if codes and outside == set(codes):
                omitted += 1
                continue
            decisions.append(
                {
                    "number": decision.number,
                    "text": decision.text,
                    "measures": codes,
                    "outside_scope": [code for code in codes if code in outside],
                    "measures_text": _codes_text(codes, outside),
                }
            )
        result.append(
            {
                "date": meeting.date.isoformat(),
                "location": meeting.location,
                "agenda": [item.title for item in meeting.agenda_items.all()],
                "decisions": decisions,
            }
        )
    return {
        "meetings": result,
        "omitted_decision_count": omitted,
        "omitted_note": _(
            "%(count)s beslut som bara gäller åtgärdsbehov utanför rapporten redovisas inte här."
        )
        % {"count": omitted}
        if omitted
        else "",
    }


def _stimulus_funds(year, fund_year, allocations, in_scope: set[str], whole_plan: bool) -> dict:
    """The year's funds. The totals are the whole plan's (the steering group allocates one sum); a body's
    report lists only allocations to its measures and to the plan as a whole, and says how much went
    to measures outside the report."""
    allocated = sum(int(a.amount) for a in allocations)

    def shown(allocation):
        return whole_plan or allocation.measure is None or allocation.measure.code in in_scope

    # In plan order, funds not tied to a measure last (databases disagree on where NULL sorts).
    listed = sorted((a for a in allocations if shown(a)), key=lambda a: a.measure is None)
    outside = allocated - sum(int(a.amount) for a in listed)
    per_measure: dict[str, dict] = {}
    for allocation in listed:
        measure = allocation.measure
        code = measure.code if measure else ""
        row = per_measure.setdefault(
            code, {"measure": code, "need": measure.need if measure else "", "amount": 0}
        )
        row["amount"] += int(allocation.amount)
    available = int(fund_year.amount_available) if fund_year else None
    remaining = available - allocated if available is not None else None
    return {
        "year": year,
        "whole_plan": whole_plan,
        "totals_caption": _("Stimulansmedel %(year)s för hela planen") % {"year": year},
        "available": available,
        "allocated": allocated,
        "remaining": remaining,
        "outside_scope": outside,
        "available_text": kronor(available),
        "allocated_text": kronor(allocated),
        "remaining_text": kronor(remaining),
        "outside_scope_text": kronor(outside),
        "note": fund_year.note if fund_year else "",
        "allocations": [
            {
                "measure": a.measure.code if a.measure else "",
                "office": a.office.abbreviation if a.office else "",
                "purpose": a.purpose,
                "amount": int(a.amount),
                "amount_text": kronor(int(a.amount)),
                "decision": a.decision.number if a.decision else "",
            }
            for a in listed
        ],
        # In plan order; funds not tied to a measure last.
        "per_measure": [
            {**row, "amount_text": kronor(row["amount"])}
            for row in sorted(per_measure.values(), key=lambda row: row["measure"] == "")
        ],
    }


def content_checksum(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def file_checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def validate_freezable(round: FollowUpRound) -> None:
    """An adopted report is a record of a finished year: only a closed annual round can be frozen.

    Previews and downloads of other rounds are fine; they are drafts.
    """
    if round.kind != RoundKind.ANNUAL:
        raise ValidationError(_("Bara en årsuppföljning kan fastställas som årsrapport."), code="not_annual")
    if round.status != RoundStatus.CLOSED:
        raise ValidationError(_("Stäng omgången innan rapporten fastställs."), code="round_open")
    submitted, expected = round.report_counts
    if not submitted:
        raise ValidationError(
            _(
                "Ingen av omgångens %(expected)s rapporter är inlämnad, så rapporten skulle visa varje "
                "åtgärdsbehov som ej rapporterat. Öppna omgången igen och låt verksamheterna rapportera."
            )
            % {"expected": expected},
            code="nothing_submitted",
        )


def incomplete_warning(round: FollowUpRound) -> str:
    """What the process leader is asked to confirm before freezing a round with reports missing, or ""."""
    submitted, expected = round.report_counts
    if not submitted or submitted >= expected:
        return ""
    return _(
        "Bara %(submitted)s av %(expected)s rapporter är inlämnade. De som saknas står som ej rapporterade "
        "i den fastställda rapporten, och den kan inte ändras efteråt."
    ) % {"submitted": submitted, "expected": expected}


class AlreadyFrozen(Exception):
    """The same report, with the same content, is already frozen."""

    def __init__(self, report: AnnualReport):
        super().__init__(_("Rapporten är redan fastställd med samma innehåll."))
        self.report = report


def _frozen_twin(*, plan, round, decision_body, whole_plan, checksum) -> AnnualReport | None:
    return AnnualReport.objects.filter(
        plan=plan, round=round, decision_body=decision_body, whole_plan=whole_plan, content_sha256=checksum
    ).first()


def annual_report_freeze(
    *,
    plan,
    round: FollowUpRound,
    decision_body,
    whole_plan: bool,
    diary_number: str = "",
    author: str = "",
    user,
    now: datetime.datetime | None = None,
    on_step=None,
    on_stored=None,
) -> AnnualReport:
    """Stores the assembled report and its three files; the record never changes afterwards.

    Freezing the same report twice with unchanged content (a double click, two freezes at once) is refused
    with AlreadyFrozen: the database keeps one (annual_report_frozen_once). A round that is not a closed
    annual round is refused (ValidationError). The files are rendered first and everything is stored in
    one transaction at the end, so a freeze that fails or is interrupted leaves nothing behind.
    `on_step(format)` is called before each file is rendered, `on_stored(report)` inside that transaction.
    """
    from reporting import writers

    validate_freezable(round)
    now = now or timezone.now()
    content = assemble(
        plan=plan,
        round=round,
        decision_body=decision_body,
        whole_plan=whole_plan,
        diary_number=diary_number,
        author=author,
        today=timezone.localdate(now),
    )
    scope = {"plan": plan, "round": round, "decision_body": decision_body, "whole_plan": whole_plan}
    checksum = content_checksum(content)
    twin = _frozen_twin(**scope, checksum=checksum)
    if twin:
        raise AlreadyFrozen(twin)
    files = {}
    for format, write in writers.WRITERS.items():
        if on_step:
            on_step(format)
        files[format] = write(content, created=now)
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(
                **scope,
                year=content["cover"]["year"],
                title=content["cover"]["title"],
                diary_number=diary_number,
                author=author,
                content=content,
                content_sha256=checksum,
                frozen_at=now,
                frozen_by=user,
            )
            for format, data in files.items():
                AnnualReportFile.objects.create(
                    report=report, format=format, data=data, sha256=file_checksum(data)
                )
            if on_stored:
                on_stored(report)
    except IntegrityError:
        twin = _frozen_twin(**scope, checksum=checksum)
        if twin is None:
            raise
        raise AlreadyFrozen(twin) from None
    return report


def frozen_reports(plan):
    return (
        AnnualReport.objects.filter(plan=plan)
        .select_related("decision_body", "round", "frozen_by")
        .order_by("-year", "decision_body__name", "-frozen_at")
    )


def previous_frozen(report: AnnualReport) -> AnnualReport | None:
    """The latest report frozen for the same body and scope in an earlier year, of the same plan or the plan
    it carries on from (rollover: carried measures keep their numbers, so compare() matches them)."""
    return (
        AnnualReport.objects.filter(
            Q(plan_id=report.plan_id) | Q(plan__successor__id=report.plan_id),
            decision_body_id=report.decision_body_id,
            whole_plan=report.whole_plan,
            year__lt=report.year,
        )
        .order_by("-year", "-frozen_at")
        .first()
    )


def compare(current: dict, previous: dict) -> dict:
    """Which measures changed status, which are new, which closed, which left the report."""
    before = {m["code"]: m for area in previous["target_areas"] for m in area["measures"]}
    now = {m["code"]: m for area in current["target_areas"] for m in area["measures"]}
    closed = MeasureStatus.closed()
    changed, new, newly_closed = [], [], []
    for code, measure in now.items():
        old = before.get(code)
        row = {
            "code": code,
            "need": measure["need"],
            "status_label": measure["status_label"],
            "previous_status_label": old["status_label"] if old else "",
        }
        if old is None:
            new.append(row)
            continue
        if status_changed(old["status"], measure["status"]):
            changed.append(row)
        if measure["status"] in closed and old["status"] not in closed:
            newly_closed.append(row)
    removed = [
        {"code": code, "need": m["need"], "previous_status_label": m["status_label"]}
        for code, m in before.items()
        if code not in now
    ]
    return {"changed": changed, "new": new, "closed": newly_closed, "removed": removed}


def summary_by_year(plan):
    """Frozen reports per year, for the list page."""
    years: dict[int, list[AnnualReport]] = {}
    for report in frozen_reports(plan):
        years.setdefault(report.year, []).append(report)
    return list(years.items())
