"""Periodic jobs of the handling: reminders, the office's overdue digest, closing lapsed evaluations.

Each task only parses its arguments and calls one function; all of them are safe to run twice.
``on`` (an ISO date) lets an operator re-run a job for a given day; by default it is today in
the platform's time zone.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.utils import timezone

from proposals import reminders, services

logger = logging.getLogger("proposals.tasks")


def _day(on: str | None) -> dt.date:
    return dt.date.fromisoformat(on) if on else timezone.localdate()


@shared_task(name="proposals.reminders_scan", acks_late=True, ignore_result=True, soft_time_limit=900, time_limit=960)
def reminders_scan(on: str | None = None) -> dict[str, int]:
    sent = reminders.reminders_scan(today=_day(on))
    logger.info("期限提醒扫描完成：%s", sent)
    return sent


@shared_task(name="proposals.staff_overdue_digest", acks_late=True, ignore_result=True, soft_time_limit=300)
def staff_overdue_digest(on: str | None = None) -> int:
    return reminders.staff_digest(today=_day(on))


@shared_task(name="proposals.calendar_check", acks_late=True, ignore_result=True, soft_time_limit=60)
def calendar_check(on: str | None = None) -> bool:
    return reminders.calendar_check(today=_day(on))


@shared_task(name="proposals.close_lapsed", acks_late=True, ignore_result=True, soft_time_limit=900, time_limit=960)
def close_lapsed_evaluations(on: str | None = None, max_batches: int = 100) -> int:
    """Close replied items whose evaluation window has lapsed, in batches until none is left."""
    day = _day(on)
    total = 0
    for _ in range(max_batches):
        closed = services.proposals_close_lapsed(on=day)
        total += closed
        if not closed:
            break
    logger.info("评价期限届满自动办结 %d 件", total)
    return total


@shared_task(name="proposals.cosign_lapse", acks_late=True, ignore_result=True, soft_time_limit=120)
def cosign_lapse() -> int:
    """Co-sign invitation notices whose invitation expired (or whose item left intake) stop asking."""
    return services.cosign_notices_lapse()
