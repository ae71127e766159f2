"""A measure's timeline: every recorded change to it and its reports, as readable diffs."""

import difflib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from measures.models import Activity, ExpectedResult, Measure, Responsibility
from reporting.models import StatusReport

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
        changes.append(Change(str(model_field.verbose_name).capitalize(), old, new, segments))
    return changes


ACTIONS = {"+": _("skapade"), "~": _("ändrade"), "-": _("tog bort")}


def _entries(records, subject_of):
    """records: history rows of one model, ordered by object then date."""
    previous_by_object = {}
    for record in records:
        previous = previous_by_object.get(record.id)
        previous_by_object[record.id] = record
        changes = _changes(record, previous)
        if record.history_type == "~" and not changes:
            continue
        user = record.history_user
        yield TimelineEntry(
            when=record.history_date,
            who=(user.get_full_name() or user.username) if user else _("systemet"),
            subject=subject_of(record),
            action=str(ACTIONS.get(record.history_type, record.history_type)),
            changes=changes,
        )


def measure_timeline(measure) -> list[TimelineEntry]:
    """Newest first. A fixed number of queries, however long the history."""
    def ordered(manager, **filters):
        return manager.filter(**filters).select_related("history_user").order_by("id", "history_date", "history_id")

    entries = list(_entries(ordered(Measure.history, id=measure.pk), lambda r: _("Åtgärdsbehovet")))
    entries += _entries(
        ordered(Activity.history, measure_id=measure.pk), lambda r: _("Aktivitet %(n)s") % {"n": r.position}
    )
    entries += _entries(
        ordered(ExpectedResult.history, measure_id=measure.pk),
        lambda r: _("Förväntat resultat %(n)s") % {"n": r.position},
    )
    entries += _entries(ordered(Responsibility.history, measure_id=measure.pk), lambda r: _("Ansvar"))
    reports = {
        r.pk: r for r in StatusReport.objects.filter(measure=measure).select_related("office", "round")
    }
    entries += _entries(
        ordered(StatusReport.history, measure_id=measure.pk),
        lambda r: _("Lägesrapport %(office)s, %(round)s")
        % {"office": reports[r.id].office.abbreviation, "round": reports[r.id].round.name}
        if r.id in reports
        else _("Lägesrapport"),
    )
    return sorted(entries, key=lambda e: e.when, reverse=True)
