"""Writing notifications (the outbox) and marking them read.

``notify`` writes the rows in the caller's transaction and asks for delivery only once that
transaction commits: a rolled-back event leaves no notification, and a committed one is delivered
by the task or, if the broker is down, by the periodic sweep.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from notifications.models import Channel, Delivery, DeliveryState, Kind, Notification, ReminderLog
from notifications.recipients import phones_of

logger = logging.getLogger("notifications")

# The sweep leaves a fresh delivery to the task enqueued on commit for this long.
SWEEP_GRACE = dt.timedelta(minutes=2)

# Kinds that also go out by SMS (when a phone number is on file): deadlines and supervision.
SMS_KINDS = frozenset({Kind.SUPERVISION, Kind.REMINDER, Kind.OVERDUE, Kind.ASSIGNED, Kind.REHANDLING})


@transaction.atomic
def notify(
    *,
    recipients: Iterable,
    kind: str,
    title: str,
    body: str = "",
    link: str = "",
    reminder: ReminderLog | None = None,
) -> list[Notification]:
    """Write one notification per recipient (and its deliveries) in the current transaction."""
    users = list({u.pk: u for u in recipients if u is not None and u.is_active}.values())
    if not users:
        return []
    now = timezone.now()
    notifications = Notification.objects.bulk_create(
        [
            Notification(recipient=u, kind=kind, title=title[:200], body=body, link=link[:300], reminder=reminder)
            for u in users
        ]
    )
    phones = phones_of(users) if kind in SMS_KINDS else {}
    deliveries: list[Delivery] = []
    outgoing: list[int] = []
    for n, user in zip(notifications, users, strict=True):
        deliveries.append(Delivery(notification=n, channel=Channel.INAPP, state=DeliveryState.SENT, sent_at=now))
        if user.email:
            deliveries.append(
                Delivery(notification=n, channel=Channel.EMAIL, address=user.email, next_attempt_at=now + SWEEP_GRACE)
            )
        if phones.get(user.pk):
            deliveries.append(
                Delivery(
                    notification=n, channel=Channel.SMS, address=phones[user.pk], next_attempt_at=now + SWEEP_GRACE
                )
            )
        if user.email or phones.get(user.pk):
            outgoing.append(n.pk)
    Delivery.objects.bulk_create(deliveries)
    if outgoing:
        transaction.on_commit(lambda: enqueue_delivery(outgoing))
    return notifications


def enqueue_delivery(notification_ids: list[int]) -> None:
    """Ask a worker to deliver these notifications; if the broker is down, the sweep will."""
    from notifications.tasks import deliver_notifications

    try:
        deliver_notifications.delay(notification_ids)
    except Exception:
        logger.warning("通知发送任务入队失败（%d 条），将由定时补发任务处理", len(notification_ids), exc_info=True)


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


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
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
