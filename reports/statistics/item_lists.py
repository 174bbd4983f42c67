"""The lists to follow up as of a day: overdue items, items falling due soon, the year's 重点督办 items.

The monthly supervision report and the leaders' dashboard both show these lists; both build them here,
so the two cannot disagree. Every entry carries ``pk`` (the item's id, for links) and ``units``, the
answering units still handling the item, placed right after ``title``.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Window
from django.db.models.functions import RowNumber

from proposals.models import HandlingRules
from reports.statistics import followups, open_items, overdue
from reports.statistics.followups import iso
from reports.statistics.population import OPEN_DUE, OPEN_ROUND
from reports.statistics.sql import without_jit

FIRST_ROUND = "首次办理"
REHANDLING_ROUND = "重新办理"
LIST_KEYS = ("overdue", "near_due", "key_supervision")

# Annotations of the due-list query.
LATE = "stat_late"
POSITION = "stat_position"
GROUP_SIZE = "stat_group_size"


def _due_rows(*, as_of: dt.date, rehandle_months: int, limit: int | None) -> tuple[list[dict], dict[bool, int]]:
    """Pending items due before as_of or within ``NEAR_DUE_DAYS`` days, oldest due first, at most ``limit``
    of the overdue and ``limit`` of the near-due ones, with the full number of each (one query)."""
    horizon = as_of + dt.timedelta(days=open_items.NEAR_DUE_DAYS)
    ordering = (F(OPEN_DUE).asc(), F("session__name").asc(), F("number").asc(), F("pk").asc())
    late = ExpressionWrapper(Q(**{f"{OPEN_DUE}__lt": as_of}), output_field=BooleanField())
    queryset = (
        open_items.pending_items(as_of=as_of, rehandle_months=rehandle_months)
        .filter(**{f"{OPEN_DUE}__lte": horizon})
        .annotate(**{LATE: late})
        .annotate(
            **{
                POSITION: Window(RowNumber(), partition_by=[F(LATE)], order_by=ordering),
                GROUP_SIZE: Window(Count("pk"), partition_by=[F(LATE)]),
            }
        )
    )
    if limit is not None:
        queryset = queryset.filter(**{f"{POSITION}__lte": limit})
    rows = list(
        queryset.order_by(*ordering).values(
            "pk", "session__name", "number", "title", OPEN_DUE, OPEN_ROUND, LATE, GROUP_SIZE
        )
    )
    sizes = {True: 0, False: 0}
    for row in rows:
        sizes[bool(row[LATE])] = row[GROUP_SIZE]
    return rows, sizes


def _due_entries(rows: list[dict], as_of: dt.date) -> tuple[list[dict], list[dict]]:
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


def with_units(rows: list[dict], names: dict[int, str]) -> list[dict]:
    """Each row with its answering units right after its title."""
    result = []
    for row in rows:
        entry = {}
        for key, value in row.items():
            entry[key] = value
            if key == "title":
                entry["units"] = names.get(row["pk"], "")
        result.append(entry)
    return result


def follow_up_lists(
    *, year: int, as_of: dt.date, rehandle_months: int, limit: int | None = None, more: dict | None = None
) -> dict:
    """The three lists, each entry with its units, and ``counts`` (how many there are before ``limit``).

    ``more`` names further lists of item rows (with ``pk`` and ``title``) that get their units from the
    same query; they come back under their own keys.
    """
    rows, sizes = _due_rows(as_of=as_of, rehandle_months=rehandle_months, limit=limit)
    overdue, near_due = _due_entries(rows, as_of)
    key_items = followups.key_supervision(year=year, as_of=as_of, rehandle_months=rehandle_months)
    counts = {"overdue": sizes[True], "near_due": sizes[False], "key_supervision": len(key_items)}
    lists = {"overdue": overdue, "near_due": near_due, "key_supervision": key_items[:limit], **(more or {})}
    ids = {row["pk"] for entries in lists.values() for row in entries}
    names = followups.answering_unit_names(proposal_ids=ids, as_of=as_of)
    return {**{key: with_units(entries, names) for key, entries in lists.items()}, "counts": counts}


@without_jit
def open_item_lists(*, as_of: dt.date, year: int, limit: int | None = None) -> dict:
    """The monthly report's follow-up lists as of the end of any day ``as_of`` (not only a month's last).

    - ``overdue``: pending items of every year whose round is past its due date, oldest first
      (``session``, ``number``, ``title``, ``units``, ``due``, ``days_overdue``, ``stage``);
    - ``near_due``: pending items due within 15 days from as_of (``days_left`` instead of ``days_overdue``);
    - ``key_supervision``: ``year``'s 重点督办 items with where each stands and their latest progress;
    - ``counts``: the number of items in each list, also those beyond ``limit``, and ``overdue_parts``:
      the overdue ones split into ``year``'s first-round (the contract's ``overdue_open``), ``year``'s
      重新办理 and earlier years' items (``overdue.overdue_counts``; they add up to ``counts["overdue"]``).
    Entries also carry ``pk``; dates are ``YYYY-MM-DD`` text. Each list holds at most ``limit`` entries
    when it is given. A constant number of queries.
    """
    if limit is not None and limit < 1:
        raise ValueError("limit must be at least 1")
    months = HandlingRules.current().rehandle_months
    lists = follow_up_lists(year=year, as_of=as_of, rehandle_months=months, limit=limit)
    lists["counts"]["overdue_parts"] = overdue.overdue_counts(as_of=as_of, year=year, rehandle_months=months)
    return lists
