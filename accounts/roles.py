"""The roles of the platform, as Django groups, and helpers to ask about them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deputies.models import Deputy
    from opinions.models import Committee, Station
    from units.models import Unit

STAFF = "staff"
LEADER = "leader"
DEPUTY = "deputy"
UNIT_HANDLER = "unit_handler"
STATION_STAFF = "station_staff"
COMMITTEE = "committee"

ROLE_LABELS = {
    STAFF: "工作人员",
    LEADER: "领导",
    DEPUTY: "代表",
    UNIT_HANDLER: "承办单位经办人",
    STATION_STAFF: "联络站工作人员",
    COMMITTEE: "专门委员会",
}


def _groups(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_role_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._role_groups = cached
    return cached


def has_portal_group(user) -> bool:
    """Whether the user belongs to one of the four role groups (a bare superuser does not)."""
    return bool(_groups(user) & set(ROLE_LABELS))


def is_office_staff(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or STAFF in _groups(user)


def is_leader(user) -> bool:
    return LEADER in _groups(user)


def deputy_of(user) -> Deputy | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "deputy", None) if hasattr(user, "deputy") else None


def unit_of(user) -> Unit | None:
    if not getattr(user, "is_authenticated", False):
        return None
    handler = getattr(user, "unit_handler", None) if hasattr(user, "unit_handler") else None
    return handler.unit if handler else None


def station_of(user) -> Station | None:
    """The liaison station a station-staff login works for."""
    if not getattr(user, "is_authenticated", False):
        return None
    link = getattr(user, "station_staff", None) if hasattr(user, "station_staff") else None
    return link.station if link else None


def committee_of(user) -> Committee | None:
    """The 专门委员会 a committee login works for."""
    if not getattr(user, "is_authenticated", False):
        return None
    link = getattr(user, "committee_member", None) if hasattr(user, "committee_member") else None
    return link.committee if link else None


def role_of(user) -> str | None:
    """The user's primary role, used to choose their home page."""
    if is_office_staff(user):
        return STAFF
    if is_leader(user):
        return LEADER
    if unit_of(user) is not None:
        return UNIT_HANDLER
    if station_of(user) is not None:
        return STATION_STAFF
    if committee_of(user) is not None:
        return COMMITTEE
    if deputy_of(user) is not None:
        return DEPUTY
    return None
