"""Periodic jobs of the 民意池: referral reminders (safe to run twice: the ledger's unique key) and the
figures page's snapshots."""

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
