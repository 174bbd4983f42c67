"""Reminders of a referral's due date, by the same rules and steps as the units' 建议 deadlines.

A referral's ``due_on`` is a stored, indexed date; the step for today (``first`` at
``remind_first_days`` before, ``second`` at ``remind_second_days``, ``final`` the day before,
``overdue`` after, then ``urge-N`` every ``urge_repeat_days``) comes from ``proposals.reminders.step_for``
with the office's ``HandlingRules``. Each reminder is one ``ReferralReminder`` row under a unique key
(referral, step, due date), written in the same transaction as its notifications, so a scan that
runs twice or on two workers at once sends each reminder once; a new due date starts a new series.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q

from notifications.recipients import unit_users_by_unit
from notifications.services import notify
from opinions import links
from opinions.models import Referral, ReferralReminder, ReferralState
from proposals.models import HandlingRules
from proposals.reminders import BATCH, Clock, horizon, message, step_for

REFERRAL = Clock("referral", "民意转办答复期限", "due_on", steps_before=True, steps_after=True)


def _open_referrals(*, until: dt.date):
    """Open referrals due by ``until``, in (due date, id) batches — keyset, never OFFSET."""
    qs = Referral.objects.select_related("opinion", "opinion__station").filter(
        state=ReferralState.OPEN, due_on__lte=until
    )
    last = None
    while True:
        page = qs if last is None else qs.filter(Q(due_on__gt=last[0]) | Q(due_on=last[0], pk__gt=last[1]))
        rows = list(page.order_by("due_on", "pk")[:BATCH])
        if not rows:
            return
        yield rows
        last = (rows[-1].due_on, rows[-1].pk)
        if len(rows) < BATCH:
            return


def _send(*, referral: Referral, step: str, today: dt.date, users: list) -> bool:
    item = f"民意转办件（{referral.opinion.short}）"
    kind, title, body = message(clock=REFERRAL, step=step, item=item, due=referral.due_on, today=today)
    with transaction.atomic():
        try:
            with transaction.atomic():
                ReferralReminder.objects.create(referral=referral, step=step, due_on=referral.due_on, sent_on=today)
        except IntegrityError:
            return False
        notify(recipients=users, kind=kind, title=title, body=body, link=links.unit_referral(referral.pk))
    return True


def referral_reminders_scan(*, today: dt.date, rules: HandlingRules | None = None) -> int:
    """Send every referral reminder due on ``today`` that has not been sent; returns how many were sent."""
    rules = rules or HandlingRules.current()
    sent = 0
    for rows in _open_referrals(until=horizon(clock=REFERRAL, today=today, rules=rules)):
        due = [(r, step_for(clock=REFERRAL, due=r.due_on, today=today, rules=rules)) for r in rows]
        due = [(r, step) for r, step in due if step is not None]
        if not due:
            continue
        done = set(
            ReferralReminder.objects.filter(referral_id__in=[r.pk for r, _ in due]).values_list(
                "referral_id", "step", "due_on"
            )
        )
        todo = [(r, step) for r, step in due if (r.pk, step, r.due_on) not in done]
        users = unit_users_by_unit(r.unit_id for r, _ in todo)
        for referral, step in todo:
            if _send(referral=referral, step=step, today=today, users=users.get(referral.unit_id, [])):
                sent += 1
    return sent
