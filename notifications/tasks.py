"""Celery tasks of the notification outbox: deliver on commit, sweep what is left."""

from celery import shared_task

from notifications import delivery


@shared_task(name="notifications.deliver", acks_late=True, ignore_result=True, soft_time_limit=120, time_limit=180)
def deliver_notifications(notification_ids: list[int]) -> int:
    return delivery.deliver_notifications(notification_ids)


@shared_task(name="notifications.sweep", acks_late=True, ignore_result=True, soft_time_limit=240, time_limit=300)
def sweep_notifications() -> int:
    return delivery.sweep()
