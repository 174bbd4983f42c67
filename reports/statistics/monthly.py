"""The monthly supervision report (月度督办报告), as of the month's last day."""

from __future__ import annotations

import calendar
import datetime as dt

from proposals.models import HandlingRules
from reports.statistics import committees, followups, open_items, promises
from reports.statistics.item_lists import follow_up_lists
from reports.statistics.rates import rates
from reports.statistics.sql import without_jit
from reports.statistics.totals import totals_and_categories


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _without_pk(rows: list[dict]) -> list[dict]:
    return [{key: value for key, value in row.items() if key != "pk"} for row in rows]


@without_jit
def monthly_report(*, year: int, month: int) -> dict:
    """The monthly supervision report: the year-to-date figures and the lists to follow up.

    Keys: ``month`` (YYYY-MM), ``as_of`` (the month's last day), ``totals``, ``rates`` and ``categories``
    (the year-end report's, for ``year`` as of that day), ``overdue`` (oldest first), ``near_due`` (due
    within 15 days), ``key_supervision`` (these three are ``open_item_lists`` as of that day),
    ``units`` (per unit: pending, near-due and overdue items), ``rehandled`` (items rated 不满意 and their
    re-handling), ``pending_requests``, ``committees`` (per 专门委员会 what it supervises) and ``followups``
    (跟踪落实: promises due by that day and not reported), and ``follow_up`` (the year-end report's figures of
    the review, the follow-up of promises and the co-signers' ratings, for ``year`` as of that day).
    """
    if not 1 <= month <= 12:
        raise ValueError("month must be 1..12")
    as_of = month_end(year, month)
    months = HandlingRules.current().rehandle_months
    totals, categories = totals_and_categories(year=year, as_of=as_of)
    rehandled = followups.rehandled(year=year, as_of=as_of, rehandle_months=months)
    lists = follow_up_lists(year=year, as_of=as_of, rehandle_months=months, more={"rehandled": rehandled})
    return {
        "month": f"{year:04d}-{month:02d}",
        "as_of": as_of.isoformat(),
        "totals": totals,
        "rates": rates(totals, categories),
        "categories": categories,
        "overdue": _without_pk(lists["overdue"]),
        "near_due": _without_pk(lists["near_due"]),
        "key_supervision": _without_pk(lists["key_supervision"]),
        "units": open_items.unit_counts(as_of=as_of, rehandle_months=months),
        "rehandled": _without_pk(lists["rehandled"]),
        "pending_requests": followups.pending_requests(as_of=as_of),
        "committees": committees.committee_supervision(as_of=as_of),
        "followups": promises.followups_due_list(as_of=as_of),
        "follow_up": promises.follow_up_figures(year=year, as_of=as_of),
    }
