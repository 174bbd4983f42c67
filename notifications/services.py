"""Writing notifications (the outbox) and marking them read.

``notify`` writes the rows in the caller's transaction and asks for delivery only once that
transaction commits: a rolled-back event leaves no notification, and a committed one is delivered
by the task or, if the broker is down, by the periodic sweep.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from common.constants_sql import constant_q
from notifications.models import TODO, Channel, Delivery, DeliveryState, Kind, Notification, ReminderLog
from notifications.recipients import phones_of

logger = logging.getLogger("notifications")

# The sweep leaves a fresh delivery to the task enqueued on commit for this long.
SWEEP_GRACE = dt.timedelta(minutes=2)

# Kinds that also go out by SMS (when a phone number is on file): deadlines and supervision.
SMS_KINDS = frozenset({Kind.SUPERVISION, Kind.REMINDER, Kind.OVERDUE, Kind.ASSIGNED, Kind.REHANDLING})


@dataclass(frozen=True)
class Message:
    """One notification to write to each of ``recipients``."""

    recipients: list
    kind: str
    title: str
    body: str = ""
    link: str = ""
    reminder: ReminderLog | None = None
    action_key: str = ""  # the action this notice asks for (``proposals.events.action_key``), if any


@transaction.atomic
def notify(
    *,
    recipients: Iterable,
    kind: str,
    title: str,
    body: str = "",
    link: str = "",
    reminder: ReminderLog | None = None,
    action_key: str = "",
) -> list[Notification]:
    """Write one notification per recipient (and its deliveries) in the current transaction.

    ``action_key`` marks a notice that asks for an action; ``notifications_resolve`` resolves it
    when that action is done, by whoever does it.
    """
    message = Message(
        recipients=list(recipients),
        kind=kind,
        title=title,
        body=body,
        link=link,
        reminder=reminder,
        action_key=action_key,
    )
    return notify_many(messages=[message])


# Notifications handed to one delivery task.
DELIVERY_BATCH = 500


@transaction.atomic
def notify_many(*, messages: list[Message]) -> list[Notification]:
    """Write many messages at once (a scan's reminders): the notifications, their deliveries and one
    delivery task per ``DELIVERY_BATCH`` sent notifications, with a fixed number of queries."""
    now = timezone.now()
    planned: list[tuple[Notification, object]] = []
    for m in messages:
        users = {u.pk: u for u in m.recipients if u is not None and u.is_active}.values()
        planned += [
            (
                Notification(
                    recipient=u,
                    kind=m.kind,
                    title=m.title[:200],
                    body=m.body,
                    link=m.link[:300],
                    reminder=m.reminder,
                    action_key=m.action_key[:40],
                ),
                u,
            )
            for u in users
        ]
    if not planned:
        return []
    notifications = Notification.objects.bulk_create([n for n, _ in planned], batch_size=1000)
    texting = [u for n, u in planned if n.kind in SMS_KINDS]
    phones = phones_of(list({u.pk: u for u in texting}.values())) if texting else {}
    deliveries: list[Delivery] = []
    outgoing: list[int] = []
    for n, (_, user) in zip(notifications, planned, strict=True):
        deliveries.append(Delivery(notification=n, channel=Channel.INAPP, state=DeliveryState.SENT, sent_at=now))
        phone = phones.get(user.pk) if n.kind in SMS_KINDS else None
        if user.email:
            deliveries.append(
                Delivery(notification=n, channel=Channel.EMAIL, address=user.email, next_attempt_at=now + SWEEP_GRACE)
            )
        if phone:
            deliveries.append(
                Delivery(notification=n, channel=Channel.SMS, address=phone, next_attempt_at=now + SWEEP_GRACE)
            )
        if user.email or phone:
            outgoing.append(n.pk)
    Delivery.objects.bulk_create(deliveries, batch_size=1000)
    for start in range(0, len(outgoing), DELIVERY_BATCH):
        chunk = outgoing[start : start + DELIVERY_BATCH]
        transaction.on_commit(lambda chunk=chunk: enqueue_delivery(chunk))
    return notifications


def enqueue_delivery(notification_ids: list[int]) -> None:
    """Ask a worker to deliver these notifications; if the broker is down, the sweep will."""
    from notifications.tasks import deliver_notifications

    try:
        deliver_notifications.delay(notification_ids)
    except Exception:
        logger.warning("通知发送任务入队失败（%d 条），将由定时补发任务处理", len(notification_ids), exc_info=True)


def notifications_resolve(*, keys: Iterable[str]) -> int:
    """The notices asking for these actions are done with, whoever did them (one indexed UPDATE)."""
    keys = [k for k in keys if k]
    if not keys:
        return 0
    return Notification.objects.filter(action_key__in=keys, resolved_at__isnull=True).update(resolved_at=timezone.now())


def todo_count(user) -> int:
    """What the bell shows: action notices not yet done, and other notices not yet read."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(constant_q(TODO), recipient=user).count()


unread_count = todo_count


def notification_for_user(*, user, pk: int) -> Notification:
    """The user's own notification ``pk``, else 404 (another user's notification does not exist for them)."""
    notification = Notification.objects.filter(recipient=user, pk=pk).first()
    if notification is None:
        raise Http404("未找到该通知")
    return notification


def notification_mark_read(*, user, pk: int) -> Notification:
    notification = notification_for_user(user=user, pk=pk)
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def notifications_mark_all_read(*, user) -> int:
    """Mark every notice read; the ones asking for an action stay on the bell until it is done."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def mark_delivered(*, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the e-mail and SMS of these notifications (all, when None) as sent without sending them.

    For notices written about past events, e.g. the demo office's history: only new events go out.
    """
    qs = Delivery.objects.filter(state__in=[DeliveryState.PENDING, DeliveryState.SENDING])
    if notification_ids is not None:
        qs = qs.filter(notification_id__in=list(notification_ids))
    return qs.update(state=DeliveryState.SENT, sent_at=timezone.now(), next_attempt_at=None, claimed_until=None)
