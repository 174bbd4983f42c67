"""Periodic job of the 民意池: referral reminders. Safe to run twice (the ledger's unique key)."""

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
