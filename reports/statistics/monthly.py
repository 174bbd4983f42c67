"""The monthly supervision report (月度督办报告), as of the month's last day."""

from __future__ import annotations

import calendar
import datetime as dt

from proposals.models import HandlingRules
from reports.statistics import followups, open_items
from reports.statistics.followups import iso
from reports.statistics.population import OPEN_DUE, OPEN_ROUND
from reports.statistics.rates import rates
from reports.statistics.sql import without_jit
from reports.statistics.totals import totals_and_categories

FIRST_ROUND = "首次办理"
REHANDLING_ROUND = "重新办理"


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _with_units(rows: list[dict], names: dict[int, str]) -> list[dict]:
    """Put each row's answering units right after its title and drop the internal key."""
    result = []
    for row in rows:
        pk = row.pop("pk")
        entry = {}
        for key, value in row.items():
            entry[key] = value
            if key == "title":
                entry["units"] = names.get(pk, "")
        result.append(entry)
    return result


def _due_lists(rows: list[dict], as_of: dt.date) -> tuple[list[dict], list[dict]]:
    overdue, near_due = [], []
    for row in rows:
        due = row[OPEN_DUE]
        entry = {
            "pk": row["pk"],
            "session": row["session__name"],
            "number": row["number"],
            "title": row["title"],
            "due": iso(due),
        }
        stage = REHANDLING_ROUND if row[OPEN_ROUND] > 1 else FIRST_ROUND
        if due < as_of:
            overdue.append({**entry, "days_overdue": (as_of - due).days, "stage": stage})
        else:
            near_due.append({**entry, "days_left": (due - as_of).days, "stage": stage})
    return overdue, near_due


@without_jit
def monthly_report(*, year: int, month: int) -> dict:
    """The monthly supervision report: the year-to-date figures and the lists to follow up.

    Keys: ``month`` (YYYY-MM), ``as_of`` (the month's last day), ``totals``, ``rates`` and ``categories``
    (the year-end report's, for ``year`` as of that day), ``overdue`` (oldest first), ``near_due`` (due
    within 15 days), ``key_supervision``, ``units`` (per unit: pending, near-due and overdue items),
    ``rehandled`` (items rated 不满意 and their re-handling) and ``pending_requests``.
    """
    if not 1 <= month <= 12:
        raise ValueError("month must be 1..12")
    as_of = month_end(year, month)
    months = HandlingRules.current().rehandle_months
    totals, categories = totals_and_categories(year=year, as_of=as_of)
    overdue, near_due = _due_lists(open_items.overdue_and_near_due(as_of=as_of, rehandle_months=months), as_of)
    key_items = followups.key_supervision(year=year, as_of=as_of, rehandle_months=months)
    rehandled = followups.rehandled(year=year, as_of=as_of, rehandle_months=months)
    ids = {row["pk"] for row in [*overdue, *near_due, *key_items, *rehandled]}
    names = followups.answering_unit_names(proposal_ids=ids, as_of=as_of)
    return {
        "month": f"{year:04d}-{month:02d}",
        "as_of": as_of.isoformat(),
        "totals": totals,
        "rates": rates(totals, categories),
        "categories": categories,
        "overdue": _with_units(overdue, names),
        "near_due": _with_units(near_due, names),
        "key_supervision": _with_units(key_items, names),
        "units": open_items.unit_counts(as_of=as_of, rehandle_months=months),
        "rehandled": _with_units(rehandled, names),
        "pending_requests": followups.pending_requests(as_of=as_of),
    }
