"""A believable demo office, built entirely through ``proposals.services``.

``seed()`` creates the groups, the demo logins, 40 deputies in 7 delegations, 17 units with their
handlers, the congress sessions and recesses of this year and the year before, and about 120 items
spread over every state, dated around today whatever the year; then the 民意池 (``demo.opinions``):
liaison stations, receptions, citizens' opinions and committees. Randomness is seeded, so the same day
always gives the same office.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from demo.clock import Clock
from demo.office import build_office
from demo.opinions import OpinionsTeller
from demo.plan import Planner, cast, congress_year
from demo.stories import Teller
from proposals.deadlines import WorkCalendar

SEED = 20260110


@dataclass(frozen=True)
class Summary:
    today: dt.date
    items: int
    created_logins: list[str]


@transaction.atomic
def seed(*, today: dt.date | None = None) -> Summary:
    today = today or timezone.localdate()
    rng = random.Random(SEED)
    # Working-day windows reach a few weeks past today; a year without official data is provisional.
    calendar = WorkCalendar.load(years=range(congress_year(today), today.year + 2))
    clock = Clock()
    office = build_office()
    planner = Planner(office=office, rng=rng, calendar=calendar, today=today)
    stories = planner.stories()
    cast(stories, office=office, rng=rng)
    teller = Teller(office=office, clock=clock, rng=rng, calendar=calendar, today=today)
    for story in stories:
        teller.tell(story)
    teller.supervise_all()
    opinions = OpinionsTeller(office=office, clock=clock, today=today).build()
    clock.settle()
    return Summary(today=today, items=len(stories), created_logins=office.created_logins + opinions.created_logins)
