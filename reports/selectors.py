"""Reads for the leaders' dashboard (the figures themselves come from ``reports.statistics``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Min

from deputies.models import Session
from proposals.models import HandlingRules, Proposal
from reports.models import ReportArchive
from reports.statistics import followups, open_items
from reports.statistics.population import OPEN_DUE, OPEN_ROUND


def report_years(*, current_year: int) -> list[int]:
    """The years a report can be asked for, newest first: from the earliest item's year (or session's)
    to the current year. Two index lookups, whatever the number of items."""
    bounds = Proposal.objects.order_by().aggregate(first=Min("submitted_on"), last=Max("submitted_on"))
    session_years = Session.objects.order_by().aggregate(first=Min("year"), last=Max("year"))
    starts = [current_year]
    ends = [current_year]
    if bounds["first"]:
        starts.append(bounds["first"].year)
        ends.append(bounds["last"].year)
    if session_years["first"]:
        starts.append(session_years["first"])
        ends.append(session_years["last"])
    return list(range(max(ends), min(starts) - 1, -1))


def followup_lists(*, year: int, as_of: dt.date, limit: int = 50) -> dict:
    """The dashboard's two lists as of the end of ``as_of``, built on the statistics module's definitions
    (the monthly report's, read on the dashboard's day rather than the month's last day):

    - ``overdue``: pending items of every year whose round is past its due date, oldest first, at most
      ``limit`` (``overdue_count`` says how many there are);
    - ``key_supervision``: the year's 重点督办 items with where each stands.
    A constant number of queries.
    """
    months = HandlingRules.current().rehandle_months
    pending = open_items.pending_items(as_of=as_of, rehandle_months=months).filter(**{f"{OPEN_DUE}__lt": as_of})
    overdue_count = pending.count()
    rows = list(
        pending.order_by(OPEN_DUE, "session__name", "number", "pk").values(
            "pk", "session__name", "number", "title", OPEN_DUE, OPEN_ROUND
        )[:limit]
    )
    key_items = followups.key_supervision(year=year, as_of=as_of, rehandle_months=months)[:limit]
    names = followups.answering_unit_names(
        proposal_ids={row["pk"] for row in rows} | {row["pk"] for row in key_items}, as_of=as_of
    )
    overdue = [
        {
            "pk": row["pk"],
            "session": row["session__name"],
            "number": row["number"],
            "title": row["title"],
            "units": names.get(row["pk"], ""),
            "due": row[OPEN_DUE],
            "days_overdue": (as_of - row[OPEN_DUE]).days,
            "stage": "重新办理" if row[OPEN_ROUND] > 1 else "首次办理",
        }
        for row in rows
    ]
    key_supervision = [{**row, "units": names.get(row["pk"], "")} for row in key_items]
    return {"overdue": overdue, "overdue_count": overdue_count, "key_supervision": key_supervision}


def latest_archives(*, limit: int = 6) -> list[ReportArchive]:
    """The newest ready report files, year-end and monthly, for the dashboard's download list (one query)."""
    return list(
        ReportArchive.objects.filter(status=ReportArchive.Status.READY)
        .exclude(file="")
        .order_by("-year", "-month", "-as_of", "kind", "format", "-id")[:limit]
    )
