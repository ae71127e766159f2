"""Who may do what. Every view, form, queryset and admin check asks this module.

Roles are Django groups tied to a stable key (GroupRole, created by a migration): a group may be
renamed in the admin without losing its rights. Office membership is Office.members.
"""

import functools

from django.db import models
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The stable key of each role; the group's display name is free to change."""

    REPORTER = "reporter", _("Rapportör")
    STEERING_GROUP = "steering_group", _("Styrgruppsledamot")
    PROCESS_LEADER = "process_leader", _("Processledare")
    ADMINISTRATOR = "administrator", _("Administratör")
    REGIONAL_READER = "regional_reader", _("Regional läsare")


ROLE_MASK = "role_mask"
PLANS = "plan_keys"


@functools.cache
def _role_mask_sql() -> str:
    """SQL for the sum of 2**i over the user's roles (i: the role's place in Role), on an auth_user row."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from governance.models import GroupRole

    quote = connection.ops.quote_name
    user = get_user_model()
    through = user.groups.through._meta
    cases = " ".join(f"WHEN '{key}' THEN {1 << i}" for i, key in enumerate(Role.values))
    return (
        f"SELECT COALESCE(SUM(CASE r.{quote('key')} {cases} ELSE 0 END), 0) "
        f"FROM {quote(through.db_table)} ug INNER JOIN {quote(GroupRole._meta.db_table)} r "
        f"ON r.{quote('group_id')} = ug.{quote('group_id')} "
        f"WHERE ug.{quote('user_id')} = {quote(user._meta.db_table)}.{quote(user._meta.pk.column)}"
    )


@functools.cache
def _plans_sql() -> str:
    """SQL for 'id:slug,id:slug' of the plans the user works in (plan_ids), on an auth_user row."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.db import connection

    from governance.models import Office

    ActionPlan = apps.get_model("plan", "ActionPlan")  # a higher layer, by name
    quote = connection.ops.quote_name
    user = get_user_model()
    plan_table = quote(ActionPlan._meta.db_table)
    owners = ActionPlan.organisations.through._meta
    members = Office.members.through._meta
    key = f"CAST(p.{quote('id')} AS TEXT) || ':' || p.{quote('slug')}"
    joined = f"STRING_AGG({key}, ',')" if connection.vendor == "postgresql" else f"GROUP_CONCAT({key}, ',')"
    return (
        f"SELECT {joined} FROM {plan_table} p WHERE EXISTS ("
        f"SELECT 1 FROM {quote(owners.db_table)} po "
        f"INNER JOIN {quote(Office._meta.db_table)} o ON o.{quote('organisation_id')} = po.{quote('organisation_id')} "
        f"INNER JOIN {quote(members.db_table)} m ON m.{quote('office_id')} = o.{quote('id')} "
        f"WHERE po.{quote('actionplan_id')} = p.{quote('id')} "
        f"AND m.{quote('user_id')} = {quote(user._meta.db_table)}.{quote(user._meta.pk.column)})"
    )


def with_roles(users):
    """Annotates each user with their roles as one number (role_mask) and the plans they work in
    (plan_keys), which roles() and plan_ids() read without a query: the session's user is loaded this
    way (governance.backends.RoleBackend)."""
    return users.annotate(
        **{
            ROLE_MASK: RawSQL(_role_mask_sql(), (), output_field=models.IntegerField()),
            PLANS: RawSQL(_plans_sql(), (), output_field=models.TextField()),
        }
    )


def roles(user) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_tillsammans_roles"):
        mask = getattr(user, ROLE_MASK, None)
        if mask is not None:
            keys = {key for i, key in enumerate(Role.values) if mask & (1 << i)}
        else:
            keys = set(user.groups.filter(role__isnull=False).values_list("role__key", flat=True))
        if user.is_superuser:
            keys.add(Role.ADMINISTRATOR)
        user._tillsammans_roles = frozenset(keys)
    return user._tillsammans_roles


def can_use_admin(user) -> bool:
    """The Django admin's own gate (admin.site.has_permission) and the navigation's admin link."""
    return user.is_active and user.is_staff


def office_ids(user) -> frozenset[int]:
    """The offices the user reports for."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_tillsammans_office_ids"):
        user._tillsammans_office_ids = frozenset(user.offices.values_list("id", flat=True))
    return user._tillsammans_office_ids


def sees_every_plan(user) -> bool:
    """The administrator and the region's readers are not tied to one organisation's plans."""
    return bool(roles(user) & {Role.ADMINISTRATOR, Role.REGIONAL_READER})


def _plan_keys(user) -> dict[str, int]:
    """Slug -> id of the plans owned by an organisation of one of the user's offices."""
    if not hasattr(user, "_tillsammans_plans"):
        keys = getattr(user, PLANS, None)
        if keys is None and not hasattr(user, ROLE_MASK):
            keys = with_roles(type(user)._default_manager.filter(pk=user.pk)).values_list(PLANS, flat=True)[0]
        pairs = (key.split(":", 1) for key in (keys or "").split(",") if key)
        user._tillsammans_plans = {slug: int(pk) for pk, slug in pairs}
    return user._tillsammans_plans


def plan_ids(user) -> frozenset[int]:
    """The plans the user works in: those owned by an organisation of one of the user's offices. A
    user's roles apply in these plans only (sees_every_plan users: in every plan)."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(_plan_keys(user).values())


def can_open_plan_slug(user, slug: str) -> bool:
    """can_open_plan for a plan's address, before the plan is loaded."""
    return user.is_authenticated and (sees_every_plan(user) or slug in _plan_keys(user))


def can_open_plan(user, plan) -> bool:
    """Every page of a plan beyond its public page: rounds, reports, drafts, meetings, funds, the
    dashboard, the annual report. A user outside the plan is answered 404, as if it did not exist."""
    return user.is_authenticated and (sees_every_plan(user) or plan.pk in plan_ids(user))


def visible_plans(user, plans):
    """The plans of a queryset the user may open (the database side of can_open_plan)."""
    if sees_every_plan(user):
        return plans
    return plans.filter(pk__in=plan_ids(user))


def is_process_leader(user) -> bool:
    return bool(roles(user) & {Role.PROCESS_LEADER, Role.ADMINISTRATOR})


def is_steering_group_member(user) -> bool:
    return Role.STEERING_GROUP in roles(user)


def can_maintain_plan(user) -> bool:
    """Plan content, offices and the steering group's composition, in the admin."""
    return is_process_leader(user)


def can_manage_rounds(user) -> bool:
    return is_process_leader(user)


def plan_is_writable(plan) -> bool:
    """A plan rolled over into a successor is read-only for everyone: no new or reopened rounds, no report
    saves, no changes to its measures. `plan` is a plan.ActionPlan (this module imports no models)."""
    return not plan.is_read_only


def can_roll_over_plan(user, plan) -> bool:
    """Rollover (the successor plan with the carried measures) is the process leader's, once per plan."""
    return is_process_leader(user) and plan_is_writable(plan)


def can_change_plan_content(user, plan) -> bool:
    """A measure, its activities, results and responsibilities, in the admin or an import."""
    return can_maintain_plan(user) and (plan is None or plan_is_writable(plan))


def can_write_report_for(user, office_id: int) -> bool:
    """A reporter writes only for their own offices; the process leader for everyone."""
    if is_process_leader(user):
        return True
    return Role.REPORTER in roles(user) and office_id in office_ids(user)


def can_edit_report(user, report) -> bool:
    return (
        report.round.accepts_reports()
        and plan_is_writable(report.round.plan)
        and can_write_report_for(user, report.office_id)
    )


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


def can_retry_annual_report_job(user, job) -> bool:
    """A failed freeze (reporting.AnnualReportJob) is retried by whoever may freeze the report."""
    return can_export_annual_report(user)


def can_fetch_annual_report_download(user, download) -> bool:
    """A large report's file rendered in the background (reporting.AnnualReportDownload) is for the
    process leader who asked for it."""
    return can_export_annual_report(user) and download.requested_by_id == user.pk


def can_import_indicators(user) -> bool:
    """Indicator definitions and values (Kolada, Folkhälsodata) are plan content: the process leader's."""
    return is_process_leader(user)


def can_view_dashboard(user) -> bool:
    return user.is_authenticated


def can_view_region(user) -> bool:
    """The regional view compares the plans the user may open (every plan for the region's readers)."""
    return user.is_authenticated


def can_view_frozen_annual_reports(user) -> bool:
    """A frozen annual report is a record of what was sent to a political body: every user may read it."""
    return user.is_authenticated


def can_publish_report_texts(user) -> bool:
    """Whether a report's deviations text may be shown on the plan's public page (issue 13)."""
    return is_process_leader(user)


def can_publish_annual_reports(user) -> bool:
    """Whether a frozen annual report may be downloaded by anyone from the public page (issue 13)."""
    return is_process_leader(user)


# The main navigation in display order: each link's key and who has it as part of their work. Pages
# outside a user's navigation stay reachable by address as far as their views allow.
NAVIGATION = (
    ("my-measures", lambda user: True),
    ("plan", lambda user: True),
    ("region", sees_every_plan),
    ("dashboard", lambda user: is_steering_group_member(user) or is_process_leader(user) or sees_every_plan(user)),
    ("measure-list", lambda user: True),
    ("organisation", lambda user: is_steering_group_member(user) or is_process_leader(user)),
    ("meetings", lambda user: is_steering_group_member(user) or is_process_leader(user)),
    ("stimulus", lambda user: is_steering_group_member(user) or is_process_leader(user)),
    ("rounds", can_manage_rounds),
    ("annual-report", can_export_annual_report),
    ("admin", can_use_admin),
)


def navigation_for(user) -> list[str]:
    """The keys of the navigation links that belong to the user's work, in display order: a reporter
    gets their measures, the plan and the measure list; the steering group adds the dashboard and its
    governance pages; the process leader adds rounds and the annual report; the admin link follows
    can_use_admin."""
    if not user.is_authenticated:
        return []
    return [key for key, belongs in NAVIGATION if belongs(user)]
