"""The login backend: a signed-in user is read with everything the role checks need, in one query."""

from __future__ import annotations

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from accounts.roles import ROLE_LABELS

# The reverse one-to-one links that say what a login acts for; a missing link is read as "none" by the join.
ROLE_LINKS = ("deputy", "unit_handler__unit", "station_staff__station", "committee_member__committee")


@cache
def _users_with_roles():
    User = get_user_model()
    memberships = User.groups.through.objects.filter(user_id=OuterRef("pk"))
    flags = {f"in_{role}": Exists(memberships.filter(group__name=role)) for role in ROLE_LABELS}
    return User._default_manager.select_related(*ROLE_LINKS).annotate(**flags)


def users_with_roles():
    """Users with their role links joined and one ``in_<role>`` flag per role group, for the role helpers.

    The query is built once per process and copied for each request (every request reads its user).
    """
    return _users_with_roles().all()


class RoleModelBackend(ModelBackend):
    """Django's model backend, but each request's user comes with its roles resolved (no query per check)."""

    def get_user(self, user_id):
        user = users_with_roles().filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        user._role_groups = {role for role in ROLE_LABELS if getattr(user, f"in_{role}")}
        return user
