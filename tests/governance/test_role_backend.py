"""The session's user comes with their roles in the same query; a changed role counts on the next request."""

import pytest
from django.contrib.auth import get_user_model

from governance import permissions
from governance.backends import RoleBackend
from governance.models import GroupRole
from governance.permissions import Role

pytestmark = pytest.mark.django_db


def test_the_user_is_loaded_with_their_roles_in_one_query(django_assert_num_queries):
    pk = get_user_model().objects.get(username="processledare").pk
    with django_assert_num_queries(1):
        user = RoleBackend().get_user(pk)
        assert permissions.roles(user) == {Role.PROCESS_LEADER}
        assert permissions.can_manage_rounds(user)


@pytest.mark.parametrize(
    "username, expected",
    [
        ("rapportor.soc", {Role.REPORTER}),
        ("styrgrupp", {Role.STEERING_GROUP}),
        ("admin", {Role.ADMINISTRATOR}),
    ],
)
def test_the_loaded_roles_are_those_of_the_users_groups(username, expected):
    user = get_user_model().objects.get(username=username)
    assert permissions.roles(RoleBackend().get_user(user.pk)) == expected


def test_a_role_taken_away_counts_on_the_next_request(client_for, plan):
    client = client_for("processledare")
    assert client.get(f"/planer/{plan.slug}/uppfoljning/ny/").status_code == 200
    get_user_model().objects.get(username="processledare").groups.remove(GroupRole.group_for(Role.PROCESS_LEADER))
    assert client.get(f"/planer/{plan.slug}/uppfoljning/ny/").status_code == 403
