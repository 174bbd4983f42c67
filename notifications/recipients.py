"""Who receives what: the users behind a unit, the office staff, a deputy, and their phones."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q

from accounts.roles import STAFF

User = get_user_model()


def unit_users(unit_ids: Iterable[int]) -> list:
    """The active handler logins of the given units."""
    ids = list(dict.fromkeys(unit_ids))
    if not ids:
        return []
    return list(User.objects.filter(unit_handler__unit_id__in=ids, is_active=True).order_by("pk"))


def unit_users_by_unit(unit_ids: Iterable[int]) -> dict[int, list]:
    ids = list(dict.fromkeys(unit_ids))
    out: dict[int, list] = {pk: [] for pk in ids}
    if not ids:
        return out
    users = User.objects.filter(unit_handler__unit_id__in=ids, is_active=True).select_related("unit_handler")
    for user in users.order_by("pk"):
        out[user.unit_handler.unit_id].append(user)
    return out


def office_staff() -> list:
    """Active office staff (members of the staff group, and superusers)."""
    return list(
        User.objects.filter(Q(groups__name=STAFF) | Q(is_superuser=True), is_active=True).distinct().order_by("pk")
    )


def deputy_user(deputy) -> list:
    user = getattr(deputy, "user", None) if deputy is not None else None
    return [user] if user is not None and user.is_active else []


def phones_of(users: Iterable) -> dict[int, str]:
    """The phone number on file for each user (unit handler or deputy), by user id."""
    from deputies.models import Deputy
    from units.models import UnitHandler

    ids = [u.pk for u in users]
    if not ids:
        return {}
    phones = dict(
        Deputy.objects.filter(user_id__in=ids).exclude(phone="").values_list("user_id", "phone"),
    )
    phones.update(UnitHandler.objects.filter(user_id__in=ids).exclude(phone="").values_list("user_id", "phone"))
    return phones
