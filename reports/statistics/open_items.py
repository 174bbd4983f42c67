"""Items still being handled as of a day: what is overdue, what falls due soon, and per unit.

An item is *pending* as of ``as_of`` when it is assigned, not closed, and the round being handled then
has no reply yet:
- round 1: no first-round reply (答复日期) on or before as_of;
- a re-handling round (after a 不满意 evaluation, the latest one by as_of): some answering unit still
  handling the item has no reply of that round on or before as_of.
Its due date is the round's (``population.open_due``). It is *overdue* when that date is before as_of,
*near due* when it falls within ``NEAR_DUE_DAYS`` days from as_of (as_of itself included).

These lists are about outstanding work, so they cover the suggestion-track items of every year, not only
the report's year.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from proposals.models import Assignment, Proposal, Reply
from proposals.models.proposal import EXCLUDED_STATES
from reports.statistics.population import (
    ANSWERING_ROLES,
    DUE,
    FINAL_ON,
    FINAL_RESULT,
    FINAL_ROUND,
    OPEN_DUE,
    OPEN_ROUND,
    ItemFacts,
    assignment_live,
    open_due,
    open_round,
)

NEAR_DUE_DAYS = 15
PENDING = "stat_pending"
UNIT_DONE = "stat_unit_done"


def with_open_round(queryset: QuerySet, facts: ItemFacts, *, rehandle_months: int) -> QuerySet:
    """Annotate the round being handled as of as_of (``OPEN_ROUND``) and its due date (``OPEN_DUE``)."""
    return (
        queryset.annotate(**facts.annotations(DUE, FINAL_RESULT, FINAL_ROUND, FINAL_ON))
        .annotate(**open_round())
        .annotate(**open_due(facts, rehandle_months=rehandle_months))
    )


def _replied_in_open_round(assignment_ref: OuterRef, open_round_ref: OuterRef, as_of: dt.date) -> Exists:
    return Exists(Reply.objects.filter(assignment=assignment_ref, round__gte=open_round_ref, replied_on__lte=as_of))


def _in_scope(facts: ItemFacts) -> Q:
    """Suggestion-track items submitted by as_of, assigned by then and not closed by then."""
    f = facts.field
    return (
        facts.suggestion_track()
        & facts.assigned()
        & ~Q(**{f("state__in"): EXCLUDED_STATES})
        & (Q(**{f("submitted_on__lte"): facts.as_of}) | Q(**{f("submitted_on__isnull"): True}))
        & (Q(**{f("closed_on__isnull"): True}) | Q(**{f("closed_on__gt"): facts.as_of}))
    )


def pending_annotation(facts: ItemFacts) -> dict:
    """``PENDING`` on a ``Proposal`` queryset annotated by ``with_open_round``."""
    as_of = facts.as_of
    unit_still_handling = (
        Assignment.objects.filter(assignment_live(as_of), proposal=OuterRef("pk"), role__in=ANSWERING_ROLES)
        .annotate(**{UNIT_DONE: _replied_in_open_round(OuterRef("pk"), OuterRef(OuterRef(OPEN_ROUND)), as_of)})
        .filter(**{UNIT_DONE: False})
    )
    condition = (Q(**{OPEN_ROUND: 1}) & facts.not_replied()) | (
        Q(**{f"{OPEN_ROUND}__gt": 1}) & Exists(unit_still_handling)
    )
    return {PENDING: ExpressionWrapper(condition, output_field=BooleanField())}


def pending_items(*, as_of: dt.date, rehandle_months: int) -> QuerySet[Proposal]:
    """Every pending item as of ``as_of``, annotated with ``OPEN_ROUND`` and ``OPEN_DUE``."""
    facts = ItemFacts(as_of)
    queryset = with_open_round(Proposal.objects.filter(_in_scope(facts)), facts, rehandle_months=rehandle_months)
    return queryset.annotate(**pending_annotation(facts)).filter(**{PENDING: True})


def unit_counts(*, as_of: dt.date, rehandle_months: int) -> list[dict]:
    """Per answering unit: its pending items (it has not replied in the open round), near-due and overdue.

    Units with no pending item are left out. Ordered by overdue, near-due and pending counts (largest
    first), then by name.
    """
    facts = ItemFacts(as_of, path="proposal__")
    horizon = as_of + dt.timedelta(days=NEAR_DUE_DAYS)
    unit_pending = Q(**{UNIT_DONE: False}) & (Q(**{f"{OPEN_ROUND}__gt": 1}) | facts.not_replied())
    queryset = with_open_round(
        Assignment.objects.filter(assignment_live(as_of), _in_scope(facts), role__in=ANSWERING_ROLES),
        facts,
        rehandle_months=rehandle_months,
    ).annotate(**{UNIT_DONE: _replied_in_open_round(OuterRef("pk"), OuterRef(OPEN_ROUND), as_of)})
    rows = (
        queryset.order_by()
        .values("unit_id", "unit__name")
        .annotate(
            open=Count("proposal", distinct=True, filter=unit_pending),
            near_due=Count(
                "proposal",
                distinct=True,
                filter=unit_pending & Q(**{f"{OPEN_DUE}__gte": as_of, f"{OPEN_DUE}__lte": horizon}),
            ),
            overdue=Count("proposal", distinct=True, filter=unit_pending & Q(**{f"{OPEN_DUE}__lt": as_of})),
        )
        .filter(open__gt=0)
    )
    ordered = sorted(rows, key=lambda r: (-r["overdue"], -r["near_due"], -r["open"], r["unit__name"]))
    return [
        {"unit": r["unit__name"], "open": r["open"], "near_due": r["near_due"], "overdue": r["overdue"]}
        for r in ordered
    ]
