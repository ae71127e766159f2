"""A measure's timeline: every recorded change to it and its reports, as readable diffs."""

import difflib
from dataclasses import dataclass, field

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from governance import permissions
from measures.models import Activity, ExpectedResult, Measure, Responsibility
from measures.status import ReportState, RoundStatus
from reporting.models import FollowUpRound, StatusReport

SKIPPED_FIELDS = {"id", "version", "sort_key", "updated_at", "updated_by", "submitted_by", "measure", "round"}
# Bookkeeping of reporting.services.measure_status_refresh: the status change itself is shown.
SKIPPED_FIELDS |= {"plan_status", "plan_traffic_light"}


@dataclass
class Change:
    label: str
    old: str
    new: str
    segments: list[tuple[str, str]] = field(default_factory=list)  # ("same"|"del"|"ins", words)


@dataclass
class TimelineEntry:
    when: object
    who: str
    subject: str
    action: str
    changes: list[Change]


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    old_words, new_words = old.split(), new.split()
    segments = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("same", " ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            segments.append(("del", " ".join(old_words[a1:a2])))
        if b2 > b1:
            segments.append(("ins", " ".join(new_words[b1:b2])))
    return segments


def _display(record, name):
    value = getattr(record, name)
    getter = getattr(record, f"get_{name}_display", None)
    if getter and value not in (None, ""):
        return str(getter())
    if value in (None, ""):
        return "–"
    return str(value)


def _changes(record, previous) -> list[Change]:
    if previous is None:
        return []
    delta = record.diff_against(previous)
    changes = []
    for change in delta.changes:
        if change.field in SKIPPED_FIELDS:
            continue
        model_field = record.instance_type._meta.get_field(change.field)
        old, new = _display(previous, change.field), _display(record, change.field)
        segments = word_diff(old, new) if model_field.get_internal_type() == "TextField" else []
        # capfirst, not capitalize: a name keeps its own case ("SoC", "Årsuppföljning 2026").
        changes.append(Change(capfirst(str(model_field.verbose_name)), old, new, segments))
    return changes


ACTIONS = {"+": _("skapade"), "~": _("ändrade"), "-": _("tog bort")}
SUBMITTED_ACTION = _("lämnade in")
DRAFT_ACTION = _("sparade ett utkast av")


def _entries(records, subject_of, action_of=None, first_version=None):
    """records: history rows of one model, ordered by object then date."""
    previous_by_object = {}
    for record in records:
        previous = previous_by_object.get(record.id)
        previous_by_object[record.id] = record
        if previous is None and first_version and record.history_type == "~":
            changes = first_version(record)
        else:
            changes = _changes(record, previous)
        action = action_of(record, previous) if action_of else None
        if record.history_type == "~" and not changes and not action:
            continue
        user = record.history_user
        yield TimelineEntry(
            when=record.history_date,
            who=(user.get_full_name() or user.username) if user else _("systemet"),
            subject=subject_of(record),
            action=str(action or ACTIONS.get(record.history_type, record.history_type)),
            changes=changes,
        )


def _report_action(record, previous):
    """A submission, or a draft saved after none or after a submitted version, is told as such."""
    if previous is not None and previous.state == record.state:
        return None
    if record.state == ReportState.SUBMITTED:
        return SUBMITTED_ACTION
    if record.state == ReportState.DRAFT:
        return DRAFT_ACTION
    return None


def _first_version(record) -> list[Change]:
    """The texts and assessments of the first version someone may see, as additions."""
    changes = []
    for name in StatusReport.CONTENT_FIELDS:
        if getattr(record, name) in (None, ""):
            continue
        model_field = StatusReport._meta.get_field(name)
        new = _display(record, name)
        segments = word_diff("", new) if model_field.get_internal_type() == "TextField" else []
        changes.append(Change(capfirst(str(model_field.verbose_name)), "–", new, segments))
    return changes


def history_querysets(measure) -> list:
    """The history of the measure, its activities, results, responsibilities and reports, each ordered by
    object then date: what measure_timeline() reads (one query for all five with fetch_together)."""

    def ordered(manager, **filters):
        return (
            manager.filter(**filters)
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        )

    return [
        ordered(Measure.history, id=measure.pk),
        ordered(Activity.history, measure_id=measure.pk),
        ordered(ExpectedResult.history, measure_id=measure.pk),
        ordered(Responsibility.history, measure_id=measure.pk),
        ordered(StatusReport.history, measure_id=measure.pk),
    ]


def measure_timeline(histories, reports, user) -> list[TimelineEntry]:
    """Newest first, from `histories` (the rows of history_querysets(), read by fetch_together) and
    `reports` (the measure's written reports, with office and round): no query of its own.

    A draft belongs to its office until it is submitted: of a report's history the user sees the
    submitted versions (diffed against each other), and every version only of reports whose drafts
    permissions.can_view_report_drafts() lets them see.
    """
    measure_history, activity_history, result_history, responsibility_history, report_history = histories
    entries = list(_entries(measure_history, lambda r: _("åtgärdsbehovet")))
    entries += _entries(activity_history, lambda r: _("aktivitet %(n)s") % {"n": r.position})
    entries += _entries(result_history, lambda r: _("förväntat resultat %(n)s") % {"n": r.position})
    entries += _entries(responsibility_history, lambda r: _("ansvar"))
    reports = {r.pk: r for r in reports}
    visible = [
        record
        for record in report_history
        if record.state == ReportState.SUBMITTED
        or (record.id in reports and permissions.can_view_report_drafts(user, reports[record.id]))
    ]
    entries += _entries(
        visible,
        lambda r: _("lägesrapport %(office)s, %(round)s")
        % {"office": reports[r.id].office.abbreviation, "round": reports[r.id].round.name}
        if r.id in reports
        else _("lägesrapport"),
        _report_action,
        _first_version,
    )
    return sorted(entries, key=lambda e: e.when, reverse=True)


@dataclass
class RoundEvent:
    when: object
    who: str
    action: str
    reason: str


def round_events(round: FollowUpRound) -> list[RoundEvent]:
    """When the round was opened, closed and opened again, by whom and why; newest first."""
    events, previous = [], None
    for record in round.history.select_related("history_user").order_by("history_date", "history_id"):
        if previous is None or record.status != previous.status:
            if previous is None:
                action = _("öppnade omgången")
            elif record.status == RoundStatus.OPEN:
                action = _("öppnade omgången igen")
            else:
                action = _("stängde omgången")
            user = record.history_user
            events.append(
                RoundEvent(
                    when=record.history_date,
                    who=(user.get_full_name() or user.username) if user else _("systemet"),
                    action=str(action),
                    reason=record.history_change_reason or "",
                )
            )
        previous = record
    return events[::-1]
