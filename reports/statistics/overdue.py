"""Overdue (超期未办复): one definition for every page that counts or lists overdue items.

An item is *overdue* as of a day when it is pending then (see ``open_items``: assigned, not closed, and
the round being handled has no reply from an answering unit yet) and that round's due date is before
the day. The round is the first one (due at 延期至, else 答复期限) or a 重新办理 round (due at its 重办期限).

The same definition, read two ways:
- as of any day, from the dated records (``overdue_counts``; the lists of ``open_item_lists`` and of the
  monthly report): what the leaders' dashboard and the reports show;
- today, from the stored due-date columns the services keep in step (``overdue_today``): what the
  workbench's 超期 filter shows, so that it stays a scan of indexed columns at a million items.
On any day the two readings give the same items; the tests hold them together.

The year-end figure ``overdue_open`` of ``contracts/annual-report.md`` counts only the year's items that
are overdue in their first round. ``overdue_counts`` splits every overdue item into that figure, the
year's items overdue in a 重新办理 round and earlier years' items, which add up to the overdue list.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, Count, DateField, F, Q, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan

from proposals.models.proposal import OPEN_HANDLING_STATES
from proposals.models.proposal import ProposalState as S
from reports.statistics import open_items
from reports.statistics.population import OPEN_DUE, OPEN_ROUND, ItemFacts


def stored_due():
    """An item's due date now, from its stored columns: the 重办期限 during 重新办理, else 延期至, else 答复期限."""
    return Case(
        When(state=S.REHANDLING, rehandle_due__isnull=False, then=F("rehandle_due")),
        default=Coalesce(F("extended_to"), F("reply_due")),
        output_field=DateField(),
    )


def overdue_today(*, today: dt.date) -> Q:
    """Items overdue today, on a ``Proposal`` queryset, read from the stored columns."""
    return Q(state__in=OPEN_HANDLING_STATES) & Q(LessThan(stored_due(), today))


def overdue_counts(*, as_of: dt.date, year: int, rehandle_months: int) -> dict[str, int]:
    """How many items are overdue as of ``as_of`` (one query):

    - ``first_round``: ``year``'s items overdue in their first round (the contract's ``overdue_open``);
    - ``rehandling``: ``year``'s items overdue in a 重新办理 round;
    - ``earlier_years``: items of earlier years still overdue, in either round;
    - ``total``: all of them, the number of items on the overdue list.
    """
    in_year = ItemFacts(as_of).population(year)
    counts = (
        open_items.pending_items(as_of=as_of, rehandle_months=rehandle_months)
        .filter(**{f"{OPEN_DUE}__lt": as_of})
        .aggregate(
            first_round=Count("pk", filter=in_year & Q(**{OPEN_ROUND: 1})),
            rehandling=Count("pk", filter=in_year & Q(**{f"{OPEN_ROUND}__gt": 1})),
            total=Count("pk"),
        )
    )
    counts["earlier_years"] = counts["total"] - counts["first_round"] - counts["rehandling"]
    return {key: counts[key] for key in ("first_round", "rehandling", "earlier_years", "total")}
