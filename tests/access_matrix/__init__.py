"""The permission matrix: every URL of the project × every role → allowed or denied.

``test_url_coverage.py`` walks ``get_resolver().url_patterns`` (``admin/`` excepted: the admin has
its own checks) and fails for any named pattern that no entry covers, then requests every entry as
every role and asserts the grant or the denial.

To add pages, add a module ``tests/access_matrix/<app>.py`` defining ``ENTRIES``, a list of
:class:`Entry`; modules here are collected automatically (no shared file to edit)::

    from tests.access_matrix import STAFF_ONLY, Entry

    ENTRIES = [
        Entry("myapp:list", lambda w: reverse("myapp:list"), STAFF_ONLY),
        Entry("myapp:close", lambda w: reverse("myapp:close", args=[w.item.pk]), STAFF_ONLY, method="post"),
    ]

``w`` is the :class:`tests.access_matrix.world.World` (an item in every stage, its files, requests,
supervision, notifications, a ledger upload, a report); extend it when your page needs an object it
does not have. A denial is 403 or 404 (for anonymous visitors: a redirect to the login page) and
must change no row; a grant is any other answer below 500.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

ANONYMOUS = "anonymous"
STAFF = "staff"
LEADER = "leader"
DEPUTY = "deputy"  # the lead deputy of the world's items
OTHER_DEPUTY = "other_deputy"  # a deputy with nothing to do with them
UNIT = "unit"  # a handler of the items' lead unit
OTHER_UNIT = "other_unit"  # a handler of a unit with nothing to do with them
STATION = "station"  # staff of the liaison station the deputy belongs to (民意池)
OTHER_STATION = "other_station"  # staff of another station, where the other deputy belongs
COMMITTEE = "committee"  # a 专门委员会 whose fields include the items' field (城乡建设)

ROLES = (ANONYMOUS, STAFF, LEADER, DEPUTY, OTHER_DEPUTY, UNIT, OTHER_UNIT, STATION, OTHER_STATION, COMMITTEE)

NOBODY: frozenset[str] = frozenset()
STAFF_ONLY = frozenset({STAFF})
LEADERS_AND_STAFF = frozenset({STAFF, LEADER})
THE_DEPUTY = frozenset({DEPUTY})
ANY_DEPUTY = frozenset({DEPUTY, OTHER_DEPUTY})
THE_UNIT = frozenset({UNIT})
ANY_UNIT = frozenset({UNIT, OTHER_UNIT})
LOGGED_IN = frozenset(ROLES) - {ANONYMOUS}
EVERYONE = frozenset(ROLES)


@dataclass(frozen=True)
class Entry:
    """One URL name, how to build a concrete URL from the world, and who may use it."""

    name: str  # "namespace:name", as for reverse()
    url: Callable  # World -> str
    allowed: frozenset[str]
    method: str = "get"
    data: Callable | None = None  # World -> dict, the POST body
    note: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.name}"
