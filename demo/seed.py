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

from demo import promises
from demo.clock import Clock
from demo.office import build_office
from demo.opinions import OpinionsTeller
from demo.plan import Planner, cast, congress_year
from demo.promises import PromisesTeller
from demo.stories import Teller
from notifications.models import Notification
from notifications.services import mark_delivered
from proposals import services
from proposals.deadlines import WorkCalendar

SEED = 20260110


@dataclass(frozen=True)
class Summary:
    today: dt.date
    items: int
    created_logins: list[str]


def invite_demo_deputy(office, *, today: dt.date) -> None:
    """Today a colleague drafts a suggestion and invites the demo deputy (and one more deputy) to
    co-sign it: the invitation waits for the demo deputy's answer in the portal."""
    others = [d for d in office.deputies if d.pk != office.demo_deputy.pk and d.user_id]
    lead, second = others[0], others[1]
    services.proposal_create(
        by=lead.user,
        session=office.session("recess", today.year),
        kind="suggestion",
        title="关于在老旧小区增设电动自行车集中充电设施的建议",
        content=(
            "近年来电动自行车保有量快速增长，老旧小区普遍缺少集中充电设施，"
            "居民“飞线充电”、入户充电现象突出，存在较大消防安全隐患。"
            "建议将集中充电设施纳入老旧小区改造内容，明确建设标准和运营补贴。"
        ),
        field="城乡建设",
        lead_deputy=lead,
        co_signers=[office.demo_deputy, second],
    )


@transaction.atomic
def seed(*, today: dt.date | None = None) -> Summary:
    today = today or timezone.localdate()
    rng = random.Random(SEED)
    # Working-day windows reach a few weeks past today; a year without official data is provisional.
    calendar = WorkCalendar.load(years=range(congress_year(today), today.year + 2))
    clock = Clock()
    first_notice = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    office = build_office()
    planner = Planner(office=office, rng=rng, calendar=calendar, today=today)
    stories = planner.stories()
    cast(stories, office=office, rng=rng)
    promises.choose(stories, office=office, today=today)
    teller = Teller(office=office, clock=clock, rng=rng, calendar=calendar, today=today)
    for story in stories:
        teller.tell(story)
    teller.supervise_all()
    PromisesTeller(office=office, clock=clock, today=today).build()
    opinions = OpinionsTeller(office=office, clock=clock, today=today).build()
    clock.settle()
    invite_demo_deputy(office, today=today)
    # The demo's notices tell of past events: they are on the bell, but their e-mail and SMS are not
    # sent (the tasks queued when this transaction commits find them delivered). Only new events go out.
    mark_delivered(notification_ids=Notification.objects.filter(pk__gt=first_notice).values_list("pk", flat=True))
    return Summary(today=today, items=len(stories), created_logins=office.created_logins + opinions.created_logins)
