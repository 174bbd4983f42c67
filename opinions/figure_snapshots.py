"""Snapshots of the 民意统计 page: built by ``opinions.figures`` in the background, read by the page.

The figures page has two parts, each stored as one snapshot: a year's opinions figures for a set of
fields (every field, or a committee's) and a quarter's receptions per deputy against the office's
minimum. The committee's analysis page (counts by field, area, station and month over a period) is a
third kind. A snapshot holds exactly what ``opinions.figures`` returns, so every figure keeps one
definition; the recurring topics keep their own ten-minute cache (``opinions.topics``).

- The page reads the snapshot of what it shows; one never built is built at once and kept.
- A change the figures count (an opinion recorded, a triage step, a unit's answer, a reception)
  marks the snapshots stale inside its transaction; the first mark since the last build queues one
  rebuild ``DEBOUNCE_SECONDS`` after the commit, and the changes in between ride on it.
- A scheduled task rebuilds this year's and this quarter's figures, and every stale snapshot read
  in the last ``KEEP_DAYS`` days; stale ones nobody read lately are dropped (built again if asked).
- The page shows when its figures were built (数据更新于 HH:MM).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from opinions import figures
from opinions.models import FiguresSnapshot, OpinionRules

logger = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 60
KEEP_DAYS = 7


def _fields_key(fields: list[str] | None) -> str:
    if fields is None:
        return "all"
    return hashlib.sha1("\n".join(sorted(fields)).encode()).hexdigest()[:16]


def opinions_key(*, year: int, fields: list[str] | None) -> str:
    return f"opinions:{year}:{_fields_key(fields)}"


def receptions_key(*, year: int, quarter: int, minimum: int) -> str:
    return f"receptions:{year}:{quarter}:{minimum}"


def analysis_key(*, start: dt.date, end: dt.date, fields: list[str]) -> str:
    return f"analysis:{start.isoformat()}:{end.isoformat()}:{_fields_key(fields)}"


def _analysis_figures(start: dt.date, end: dt.date, fields: list[str]) -> dict:
    qs = figures.period_opinions(start=start, end=end, fields=fields)
    return {
        "scope": {"kind": "analysis", "start": start.isoformat(), "end": end.isoformat(), "fields": fields},
        "totals": figures.totals(qs),
        "by_field": figures.by_group(qs, "field"),
        "by_area": figures.by_group(qs, "area")[:15],
        "by_station": figures.by_group(qs, "station"),
        "by_month": figures.by_month(qs),
    }


def _opinion_figures(year: int, fields: list[str] | None) -> dict:
    qs = figures.period_opinions(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), fields=fields)
    return {
        "scope": {"kind": "opinions", "year": year, "fields": fields},
        "totals": figures.totals(qs),
        "by_station": figures.by_group(qs, "station"),
        "by_deputy": figures.by_group(qs, "deputy"),
        "by_field": figures.by_group(qs, "field"),
    }


def _reception_figures(year: int, quarter: int, minimum: int) -> dict:
    data = figures.receptions_by_deputy(year=year, quarter=quarter, minimum=minimum)
    return {
        "scope": {"kind": "receptions", "year": year, "quarter": quarter, "minimum": minimum},
        **data,
        "start": data["start"].isoformat(),
        "end": data["end"].isoformat(),
    }


def _compute(scope: dict) -> dict:
    if scope["kind"] == "opinions":
        return _opinion_figures(scope["year"], scope["fields"])
    if scope["kind"] == "analysis":
        start, end = dt.date.fromisoformat(scope["start"]), dt.date.fromisoformat(scope["end"])
        return _analysis_figures(start, end, scope["fields"])
    return _reception_figures(scope["year"], scope["quarter"], scope["minimum"])


def _build(key: str, scope: dict) -> FiguresSnapshot:
    started_at, started = timezone.now(), time.perf_counter()
    # Claim first: a change arriving while this build runs marks it stale again and queues another build.
    FiguresSnapshot.objects.filter(key=key).update(stale_since=None)
    data = _compute(scope)
    snapshot, _ = FiguresSnapshot.objects.update_or_create(
        key=key,
        defaults={"data": data, "built_at": started_at, "build_seconds": round(time.perf_counter() - started, 3)},
    )
    return snapshot


def _read(key: str, scope: dict, *, today: dt.date) -> FiguresSnapshot:
    snapshot = FiguresSnapshot.objects.filter(key=key).first()
    if snapshot is None:
        snapshot = _build(key, scope)
    if snapshot.read_on != today:
        FiguresSnapshot.objects.filter(pk=snapshot.pk).update(read_on=today)
    return snapshot


def _with_dates(data: dict) -> dict:
    return {**data, "start": dt.date.fromisoformat(data["start"]), "end": dt.date.fromisoformat(data["end"])}


def figures_page(*, year: int, quarter: int, fields: list[str] | None) -> dict:
    """What the figures page shows, from the snapshots: the opinions figures, the receptions and when
    the older of the two was built."""
    today = timezone.localdate()
    minimum = OpinionRules.current().receptions_per_quarter
    opinions = _read(
        opinions_key(year=year, fields=fields), {"kind": "opinions", "year": year, "fields": fields}, today=today
    )
    receptions = _read(
        receptions_key(year=year, quarter=quarter, minimum=minimum),
        {"kind": "receptions", "year": year, "quarter": quarter, "minimum": minimum},
        today=today,
    )
    return {
        "totals": opinions.data["totals"],
        "by_station": opinions.data["by_station"],
        "by_deputy": opinions.data["by_deputy"],
        "by_field": opinions.data["by_field"],
        "receptions": _with_dates(receptions.data),
        "built_at": min(opinions.built_at, receptions.built_at),
    }


def committee_analysis(*, start: dt.date, end: dt.date, fields: list[str]) -> dict:
    """The committee's analysis over a period, from its snapshot, and when it was built."""
    scope = {"kind": "analysis", "start": start.isoformat(), "end": end.isoformat(), "fields": fields}
    snapshot = _read(analysis_key(start=start, end=end, fields=fields), scope, today=timezone.localdate())
    data = snapshot.data
    return {
        "totals": data["totals"],
        "by_field": data["by_field"],
        "by_area": data["by_area"],
        "by_station": data["by_station"],
        "by_month": data["by_month"],
        "built_at": snapshot.built_at,
    }


def refresh(*, today: dt.date | None = None) -> int:
    """The scheduled and the event-driven rebuild; returns how many snapshots were built."""
    today = today or timezone.localdate()
    minimum = OpinionRules.current().receptions_per_quarter
    quarter = (today.month - 1) // 3 + 1
    current = {
        opinions_key(year=today.year, fields=None): {"kind": "opinions", "year": today.year, "fields": None},
        receptions_key(year=today.year, quarter=quarter, minimum=minimum): {
            "kind": "receptions",
            "year": today.year,
            "quarter": quarter,
            "minimum": minimum,
        },
    }
    recent = today - dt.timedelta(days=KEEP_DAYS)
    FiguresSnapshot.objects.filter(stale_since__isnull=False).filter(
        Q(read_on__lt=recent) | Q(read_on__isnull=True)
    ).exclude(key__in=current).delete()
    for snapshot in FiguresSnapshot.objects.exclude(key__in=current).filter(stale_since__isnull=False):
        current[snapshot.key] = snapshot.data["scope"]
    for key, scope in current.items():
        _build(key, scope)
    return len(current)


def figures_changed() -> None:
    """Called inside a service's transaction when something the figures count has changed.

    Marks the stored snapshots stale; the first mark since the last build queues one rebuild after
    the commit. With no snapshot yet there is nothing to refresh: the page builds one when first asked.
    """
    marked = FiguresSnapshot.objects.filter(stale_since__isnull=True).update(stale_since=timezone.now())
    if marked:
        transaction.on_commit(_queue_refresh)


def _queue_refresh() -> None:
    from opinions.tasks import refresh_figures

    try:
        refresh_figures.apply_async(countdown=DEBOUNCE_SECONDS)
    except Exception:  # the broker is down: the scheduled refresh catches up
        logger.warning("民意统计快照更新任务未能入队，将由定时任务补上", exc_info=True)
