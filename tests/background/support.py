"""Helpers of the background tests: moments in Beijing time and items with known due dates."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from proposals import services
from proposals.deadlines import add_months
from proposals.models import Assignment, Proposal
from tests import factories as f

BEIJING = ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BEIJING)


def item(*, on: dt.date, staff=None, unit=None, mode: str = "single", co=None, title: str | None = None) -> Proposal:
    """An item submitted and assigned on ``on`` (its reply is due three months later)."""
    kw = {"title": title} if title else {}
    return f.assigned(
        staff=staff,
        mode=mode,
        units=[unit] if unit else None,
        co=co,
        on=on,
        submitted_on=on - dt.timedelta(days=7),
        **kw,
    )


def item_due(*, due: dt.date, staff=None, unit=None, signed: bool = True, title: str | None = None) -> Assignment:
    """A single-unit item whose reply is due on ``due`` (assigned three months before), signed by default."""
    p = item(on=add_months(due, -3), staff=staff, unit=unit, title=title)
    assignment = p.assignments.get()
    assert assignment.due_on == due
    if signed:
        services.assignment_sign(assignment=assignment, by=f.handler_of(assignment.unit))
        assignment.refresh_from_db()
    return assignment
