from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.http import Http404, HttpResponseNotAllowed
from simple_history.admin import SimpleHistoryAdmin

from governance import permissions
from governance.models import (
    CoordinatorPost,
    DecisionBody,
    Department,
    GroupRole,
    ImplementationTeamMember,
    Network,
    Office,
    Organisation,
    SteeringGroup,
    SteeringGroupMember,
)


class MaintainedAdmin(SimpleHistoryAdmin):
    """Admin for content the process leader maintains: the rules come from governance.permissions.

    History can be read, never reverted: a revert saves an old version past the app's rules (closed
    rounds, version checks, stimulus fund limits), and simple_history saves a POST even when its
    SIMPLE_HISTORY_REVERT_DISABLED setting hides the button.
    """

    # The lookup from a row to its plan (e.g. "round__plan"): the admin lists and opens only the rows of
    # the plans the user works in (permissions.can_open_plan); None for content shared by all plans.
    plan_path = None

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        if self.plan_path is None or permissions.sees_every_plan(request.user):
            return rows
        return rows.filter(**{f"{self.plan_path}__in": permissions.plan_ids(request.user)})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **self._choices(db_field, request, kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **self._choices(db_field, request, kwargs))

    def _choices(self, db_field, request, kwargs):
        """A field pointing at plan-bound rows (a plan, a measure, a round...) offers, and accepts on save,
        only the rows of the user's own plans: those the related model's admin lists."""
        related = self.admin_site._registry.get(db_field.related_model)
        if (
            "queryset" not in kwargs
            and isinstance(related, MaintainedAdmin)
            and related.plan_path is not None
        ):
            kwargs["queryset"] = related.get_queryset(request)
        return kwargs

    def revert_disabled(self, request, obj=None):
        return True

    def history_view(self, request, object_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if not hasattr(self.model._meta, "simple_history_manager_attribute"):
            # Records without django-simple-history (reminders, frozen reports): the admin's own log.
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if not hasattr(self.model._meta, "simple_history_manager_attribute"):
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_module_permission(self, request):
        return permissions.can_maintain_plan(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_maintain_plan(request.user)

    def has_add_permission(self, request):
        return permissions.can_maintain_plan(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_maintain_plan(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_maintain_plan(request.user)


class ReadOnlyAdmin(MaintainedAdmin):
    """Readable by those who maintain the plan; written only in the app, where the domain rules
    (round deadlines, concurrent edits, stimulus fund limits) are checked."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(MaintainedAdmin):
    list_display = ["name", "short_name", "slug"]
    search_fields = ["name", "short_name"]


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Office)
class OfficeAdmin(MaintainedAdmin):
    list_display = ["abbreviation", "name", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["abbreviation", "name", "short_name"]
    list_select_related = ["organisation"]
    filter_horizontal = ["members"]
    inlines = [DepartmentInline]


@admin.register(Department)
class DepartmentAdmin(MaintainedAdmin):
    list_display = ["name", "office"]
    list_filter = ["office"]
    search_fields = ["name"]
    list_select_related = ["office"]


@admin.register(DecisionBody)
class DecisionBodyAdmin(MaintainedAdmin):
    list_display = ["name", "organisation", "slug"]
    list_filter = ["organisation"]
    search_fields = ["name"]
    list_select_related = ["organisation"]


class SteeringGroupMemberInline(admin.TabularInline):
    model = SteeringGroupMember
    extra = 0


@admin.register(SteeringGroup)
class SteeringGroupAdmin(MaintainedAdmin):
    plan_path = "plan"
    list_display = ["name", "plan"]
    inlines = [SteeringGroupMemberInline]
    list_select_related = ["plan"]


@admin.register(SteeringGroupMember)
class SteeringGroupMemberAdmin(MaintainedAdmin):
    plan_path = "steering_group__plan"
    list_display = ["__str__", "office", "department", "is_chair", "is_resource_owner", "is_result_recipient"]
    list_filter = ["steering_group", "office", "is_chair"]
    search_fields = ["person_name", "title", "office__name", "department__name"]
    list_select_related = ["office", "department"]


@admin.register(ImplementationTeamMember)
class ImplementationTeamMemberAdmin(MaintainedAdmin):
    plan_path = "plan"
    list_display = ["__str__", "office", "department", "share_of_full_time", "end_date"]
    list_filter = ["plan", "office"]
    search_fields = ["person_name"]
    list_select_related = ["office", "department"]


@admin.register(CoordinatorPost)
class CoordinatorPostAdmin(MaintainedAdmin):
    plan_path = "plan"
    list_display = ["title", "plan", "share_of_full_time", "funding", "end_date"]
    list_filter = ["plan"]


@admin.register(Network)
class NetworkAdmin(MaintainedAdmin):
    list_display = ["name", "abbreviation", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "abbreviation", "description"]


class GroupRoleInline(admin.StackedInline):
    """The role a group carries; rights follow the role's key, so the group can be renamed freely."""

    model = GroupRole
    max_num = 1
    can_delete = False


admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
    inlines = [GroupRoleInline]
    list_display = ["name", "role"]
