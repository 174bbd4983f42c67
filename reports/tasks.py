"""Celery tasks of the reports: build an archived file, the scheduled reports, the archive sweep."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from reports import services


def _day(on: str | None) -> dt.date:
    return dt.date.fromisoformat(on) if on else timezone.localdate()


@shared_task(
    name="reports.build_archive",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    soft_time_limit=540,
    time_limit=600,
    autoretry_for=(Exception,),
    dont_autoretry_for=(services.ReportBuildFailed,),
    max_retries=services.MAX_ATTEMPTS - 1,
    retry_backoff=20,
    retry_backoff_max=300,
    retry_jitter=True,
)
def build_archive(archive_id: int) -> int | None:
    archive = services.archive_build(archive_id=archive_id)
    return archive.pk if archive is not None else None


@shared_task(name="reports.monthly_auto", acks_late=True, ignore_result=True, soft_time_limit=60)
def monthly_auto(on: str | None = None) -> list[int]:
    return [r.archive.pk for r in services.monthly_auto(today=_day(on))]


@shared_task(name="reports.annual_auto", acks_late=True, ignore_result=True, soft_time_limit=60)
def annual_auto(on: str | None = None) -> list[int]:
    return [r.archive.pk for r in services.annual_auto(today=_day(on))]


@shared_task(name="reports.sweep_archives", acks_late=True, ignore_result=True, soft_time_limit=120)
def sweep_archives() -> dict[str, int]:
    return services.archives_sweep()


@shared_task(name="reports.refresh_figures", acks_late=True, ignore_result=True, soft_time_limit=300, time_limit=360)
def refresh_figures(on: str | None = None) -> float:
    """Rebuild today's dashboard figures (scheduled, and queued after the events that change them)."""
    from reports.statistics.snapshots import refresh_current

    return refresh_current(today=_day(on)).build_seconds
