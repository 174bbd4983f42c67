"""Reads for the leaders' dashboard (the figures themselves come from ``reports.statistics``)."""

from __future__ import annotations

from django.db.models import Max, Min

from deputies.models import Session
from proposals.models import Proposal
from reports.models import ReportArchive


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


def latest_archives(*, limit: int = 6) -> list[ReportArchive]:
    """The newest ready report files, year-end and monthly, for the dashboard's download list (one query)."""
    return list(
        ReportArchive.objects.filter(status=ReportArchive.Status.READY)
        .exclude(file="")
        .order_by("-year", "-month", "-as_of", "kind", "format", "-id")[:limit]
    )
