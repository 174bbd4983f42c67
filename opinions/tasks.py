"""Periodic jobs of the 民意池: referral reminders (safe to run twice: the ledger's unique key), the
feedback of published answers (a conditional UPDATE) and the figures page's snapshots."""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.utils import timezone

from opinions import reminders

logger = logging.getLogger("opinions.tasks")


@shared_task(name="opinions.referral_reminders", acks_late=True, ignore_result=True, soft_time_limit=600)
def referral_reminders(on: str | None = None) -> int:
    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    sent = reminders.referral_reminders_scan(today=day)
    logger.info("民意转办期限提醒：发送 %d 条", sent)
    return sent


@shared_task(name="opinions.refresh_figures", acks_late=True, ignore_result=True, soft_time_limit=300, time_limit=360)
def refresh_figures(on: str | None = None) -> int:
    """Rebuild the 民意统计 snapshots (scheduled, and queued after the changes they count)."""
    from opinions.figure_snapshots import refresh

    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    return refresh(today=day)


@shared_task(name="opinions.published_feedback", acks_late=True, ignore_result=True, soft_time_limit=300)
def published_feedback(on: str | None = None) -> int:
    """Opinions whose suggestion's answer was published are fed back (safe to run twice)."""
    from opinions.services import published_answers_feed_back

    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    fed = published_answers_feed_back(today=day)
    logger.info("建议答复公开，向群众反馈：%d 条意见", fed)
    return fed
