"""Sending the e-mail and SMS of written notifications, each exactly once.

A delivery is claimed with a conditional UPDATE (``pending`` → ``sending`` with a lease), sent,
then marked ``sent`` only where the claim still holds. Two workers, a task and the sweep, or a
retried task therefore never send the same delivery twice while a claim is live; a worker that
died holding a claim leaves it to expire, and the sweep takes it up again.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.utils import timezone

from notifications import sms
from notifications.models import Channel, Delivery, DeliveryState

logger = logging.getLogger("notifications")

LEASE = dt.timedelta(minutes=5)
MAX_ATTEMPTS = 6
BATCH = 200


def _backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(minutes=min(2**attempts, 240))


def _claimable(now: dt.datetime, *, first_try: bool) -> Q:
    due = Q(state=DeliveryState.PENDING, next_attempt_at__lte=now)
    if first_try:
        due |= Q(state=DeliveryState.PENDING, attempts=0)
    return due | Q(state=DeliveryState.SENDING, claimed_until__lt=now)


def _claim(delivery_id: int, *, first_try: bool) -> dt.datetime | None:
    """Take the delivery for this worker; returns the lease (the claim's token) or None."""
    now = timezone.now()
    lease = now + LEASE
    claimed = (
        Delivery.objects.filter(_claimable(now, first_try=first_try), pk=delivery_id)
        .exclude(channel=Channel.INAPP)
        .update(state=DeliveryState.SENDING, attempts=F("attempts") + 1, claimed_until=lease)
    )
    return lease if claimed else None


def _send(delivery: Delivery) -> None:
    notification = delivery.notification
    link = f"{settings.SITE_URL.rstrip('/')}{notification.link}" if notification.link else ""
    if delivery.channel == Channel.EMAIL:
        body = notification.body + (f"\n\n查看详情：{link}" if link else "")
        send_mail(
            f"{settings.EMAIL_SUBJECT_PREFIX}{notification.title}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [delivery.address],
            fail_silently=False,
        )
    elif delivery.channel == Channel.SMS:
        sms.get_backend().send(phone=delivery.address, text=f"【议案建议办理平台】{notification.title}")


def _finish(delivery: Delivery, lease: dt.datetime, error: Exception | None) -> bool:
    mine = Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.SENDING, claimed_until=lease)
    now = timezone.now()
    if error is None:
        return bool(mine.update(state=DeliveryState.SENT, sent_at=now, claimed_until=None, last_error=""))
    attempts = Delivery.objects.filter(pk=delivery.pk).values_list("attempts", flat=True).first() or MAX_ATTEMPTS
    message = f"{type(error).__name__}: {error}"[:2000]
    if attempts >= MAX_ATTEMPTS:
        mine.update(state=DeliveryState.FAILED, claimed_until=None, last_error=message)
        logger.error("通知 %s 的%s发送失败，已停止重试：%s", delivery.notification_id, delivery.channel, message)
    else:
        mine.update(
            state=DeliveryState.PENDING,
            claimed_until=None,
            next_attempt_at=now + _backoff(attempts),
            last_error=message,
        )
        logger.warning("通知 %s 的%s发送失败，稍后重试：%s", delivery.notification_id, delivery.channel, message)
    return False


def deliver(delivery_ids: list[int], *, first_try: bool = False) -> int:
    """Claim, send and mark each delivery; returns how many were sent by this call."""
    sent = 0
    for delivery_id in delivery_ids:
        lease = _claim(delivery_id, first_try=first_try)
        if lease is None:
            continue
        delivery = Delivery.objects.select_related("notification").get(pk=delivery_id)
        try:
            _send(delivery)
        except Exception as exc:
            _finish(delivery, lease, exc)
            continue
        if _finish(delivery, lease, None):
            sent += 1
    return sent


def deliver_notifications(notification_ids: list[int]) -> int:
    """Deliver the outgoing channels of these notifications (the task enqueued on commit)."""
    ids = list(
        Delivery.objects.filter(notification_id__in=notification_ids, state=DeliveryState.PENDING)
        .exclude(channel=Channel.INAPP)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return deliver(ids, first_try=True)


def sweep(*, limit: int = 1000) -> int:
    """Retry what is left: pending deliveries past their next attempt, and claims that expired."""
    now = timezone.now()
    sent = 0
    ids = list(
        Delivery.objects.filter(_claimable(now, first_try=False))
        .exclude(channel=Channel.INAPP)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for start in range(0, len(ids), BATCH):
        sent += deliver(ids[start : start + BATCH])
    return sent
