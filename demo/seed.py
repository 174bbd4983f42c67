"""A believable demo office, built entirely through ``proposals.services``.

``seed()`` creates the groups, the demo logins, 40 deputies in 7 delegations, 17 units with their
handlers, the 2026 congress session and the 2026 recess, and about 120 items spread over every state.
Randomness is seeded, so the same day always gives the same office.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from demo.clock import Clock
from demo.office import build_office
from demo.plan import Planner, cast
from demo.stories import Teller
from proposals.deadlines import WorkCalendar

SEED = 20260110
# Working-day windows of an assignment reach about three weeks ahead; the calendar is loaded to 2026.
LAST_DEMO_DAY = dt.date(2026, 12, 10)


@dataclass(frozen=True)
class Summary:
    today: dt.date
    items: int
    created_logins: list[str]


@transaction.atomic
def seed(*, today: dt.date | None = None) -> Summary:
    today = min(today or timezone.localdate(), LAST_DEMO_DAY)
    rng = random.Random(SEED)
    calendar = WorkCalendar.load(years=[today.year - 1, today.year])
    clock = Clock()
    office = build_office()
    planner = Planner(office=office, rng=rng, calendar=calendar, today=today)
    stories = planner.stories()
    cast(stories, office=office, rng=rng)
    teller = Teller(office=office, clock=clock, rng=rng, calendar=calendar, today=today)
    for story in stories:
        teller.tell(story)
    teller.supervise_all()
    clock.settle()
    return Summary(today=today, items=len(stories), created_logins=office.created_logins)
