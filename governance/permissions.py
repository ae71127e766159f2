"""Who may do what. Every view, form, queryset and admin check asks this module.

Roles are Django groups (created by a migration). Office membership is Office.members.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Group names; the value is what the group is called."""

    REPORTER = "Rapportör", _("Rapportör")
    STEERING_GROUP = "Styrgrupp", _("Styrgruppsledamot")
    PROCESS_LEADER = "Processledare", _("Processledare")
    ADMINISTRATOR = "Administratör", _("Administratör")


def roles(user) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_tillsammans_roles"):
        names = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            names.add(Role.ADMINISTRATOR)
        user._tillsammans_roles = frozenset(names)
    return user._tillsammans_roles


def office_ids(user) -> frozenset[int]:
    """The offices the user reports for."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_tillsammans_office_ids"):
        user._tillsammans_office_ids = frozenset(user.offices.values_list("id", flat=True))
    return user._tillsammans_office_ids


def is_process_leader(user) -> bool:
    return bool(roles(user) & {Role.PROCESS_LEADER, Role.ADMINISTRATOR})


def is_steering_group_member(user) -> bool:
    return Role.STEERING_GROUP in roles(user)


def can_maintain_plan(user) -> bool:
    """Plan content, offices and the steering group's composition, in the admin."""
    return is_process_leader(user)


def can_manage_rounds(user) -> bool:
    return is_process_leader(user)


def can_write_report_for(user, office_id: int) -> bool:
    """A reporter writes only for their own offices; the process leader for everyone."""
    if is_process_leader(user):
        return True
    return Role.REPORTER in roles(user) and office_id in office_ids(user)


def can_edit_report(user, report) -> bool:
    return report.round.accepts_reports() and can_write_report_for(user, report.office_id)


def can_view_report_drafts(user, report) -> bool:
    """A draft belongs to its office until it is submitted: only those who write the office's reports
    and the process leader see a report's unsubmitted versions (other offices and the steering group
    do not)."""
    return can_write_report_for(user, report.office_id)


def can_record_meetings(user) -> bool:
    return is_process_leader(user) or is_steering_group_member(user)


def can_allocate_stimulus_funds(user) -> bool:
    return can_record_meetings(user)


def can_view_reminders(user) -> bool:
    return is_process_leader(user)


def can_export_annual_report(user) -> bool:
    return is_process_leader(user)


def can_view_dashboard(user) -> bool:
    return user.is_authenticated


def can_view_frozen_annual_reports(user) -> bool:
    """A frozen annual report is a record of what was sent to a political body: every user may read it."""
    return user.is_authenticated
