"""Snapshots of the dashboard's figures: built by this module, in the background, and read by the page.

A snapshot holds exactly what ``annual_report`` and ``open_item_lists`` return for one (year, as-of
day), so every figure still has one definition. Today's snapshot of the current year is rebuilt by a
scheduled task and, debounced, after the events that change the figures; the page shows when its data
was built (数据更新于 HH:MM). A past day's snapshot is built the first time someone asks for it and kept.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import OrderedDict

from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone

from reports.models import FigureSnapshot
from reports.statistics.annual import annual_report
from reports.statistics.item_lists import open_item_lists

logger = logging.getLogger(__name__)

LIST_LIMIT = 50
# An event queues one rebuild this many seconds later; the events in between ride on it.
DEBOUNCE_SECONDS = 60


def build_snapshot(*, year: int, as_of: dt.date, limit: int | None = None) -> FigureSnapshot:
    """Compute the figures for (year, as_of) now and store them, replacing an older snapshot of that day."""
    limit = limit or LIST_LIMIT
    started_at, started = timezone.now(), time.perf_counter()
    # Claim first: an event arriving while this build runs marks the snapshot stale again and queues
    # another build, so its change is not lost.
    FigureSnapshot.objects.filter(year=year, as_of=as_of).update(stale_since=None)
    report = annual_report(year=year, as_of=as_of)
    lists = open_item_lists(as_of=as_of, year=year, limit=limit)
    snapshot, _ = FigureSnapshot.objects.update_or_create(
        year=year,
        as_of=as_of,
        defaults={
            "report": report,
            "lists": lists,
            "list_limit": limit,
            "built_at": started_at,
            "build_seconds": round(time.perf_counter() - started, 3),
        },
    )
    return snapshot


# The last snapshots read by this process, by (id, row version): a page view then reads only that key,
# not the figures themselves, until the row changes. PostgreSQL gives every UPDATE of the row a new
# (xmin, ctid); other databases read the row each time.
_read: OrderedDict[tuple[int, str], FigureSnapshot] = OrderedDict()
READ_CACHE_SIZE = 8


def _stored_version(year: int, as_of: dt.date) -> tuple[int, str] | None:
    if connection.vendor != "postgresql":
        return None
    version = RawSQL("xmin::text || ctid::text", [])
    rows = FigureSnapshot.objects.filter(year=year, as_of=as_of).annotate(row_version=version)
    return rows.values_list("pk", "row_version").first()


def dashboard_snapshot(*, year: int, as_of: dt.date) -> FigureSnapshot:
    """The stored figures for (year, as_of); built at once (and kept) the first time they are asked for.

    ``snapshot.version`` identifies the stored row's content (None when it cannot be known), so what is
    derived from it (the charts) can be kept as long as it holds.
    """
    stored = _stored_version(year, as_of)
    snapshot = _read.get(stored) if stored else None
    if snapshot is not None:
        _read.move_to_end(stored)
        return snapshot
    snapshot = FigureSnapshot.objects.filter(year=year, as_of=as_of).first()
    if snapshot is None or not _complete(snapshot):
        snapshot = build_snapshot(year=year, as_of=as_of)
        stored = _stored_version(year, as_of)
    snapshot.version = stored
    if stored:
        _read[stored] = snapshot
        while len(_read) > READ_CACHE_SIZE:
            _read.popitem(last=False)
    return snapshot


def _complete(snapshot: FigureSnapshot) -> bool:
    """Whether a stored snapshot has every part the page reads (one kept from an older version may not)."""
    return "overdue_parts" in (snapshot.lists or {}).get("counts", {}) and "follow_up" in (snapshot.report or {})


def refresh_current(*, today: dt.date | None = None) -> FigureSnapshot:
    """Rebuild today's snapshot of the current year (the scheduled and the event-driven refresh)."""
    today = today or timezone.localdate()
    return build_snapshot(year=today.year, as_of=today)


def figures_changed() -> None:
    """Called inside a service's transaction when something the figures count has changed.

    Marks today's snapshot stale; the first mark since the last build queues one rebuild
    ``DEBOUNCE_SECONDS`` after the commit. Without a snapshot yet there is nothing to refresh: the page
    builds one when first asked.
    """
    today = timezone.localdate()
    marked = FigureSnapshot.objects.filter(year=today.year, as_of=today, stale_since__isnull=True).update(
        stale_since=timezone.now()
    )
    if marked:
        transaction.on_commit(_queue_refresh)


def _queue_refresh() -> None:
    from reports.tasks import refresh_figures

    try:
        refresh_figures.apply_async(countdown=DEBOUNCE_SECONDS)
    except Exception:  # the broker is down: the scheduled refresh catches up
        logger.warning("统计快照更新任务未能入队，将由定时任务补上", exc_info=True)
        FigureSnapshot.objects.filter(stale_since__isnull=False).update(stale_since=None)


def forget_past() -> int:
    """After a change to past data (a ledger import), drop every snapshot so each is rebuilt when asked."""
    deleted, _ = FigureSnapshot.objects.all().delete()
    return deleted
