"""How a logged-in user is loaded on each request: with their roles, in the same query."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from governance import permissions


class RoleBackend(ModelBackend):
    """Django's ModelBackend, except that the user of a session comes with the keys of their roles
    (permissions.with_roles), so the role checks of a page cost no query of their own."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.filter(pk=user_id)
        user = permissions.with_roles(users).first()
        return user if user is not None and self.user_can_authenticate(user) else None
