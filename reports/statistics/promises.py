"""Figures of the promises and the review: 跟踪落实, 答复审查 returns, assisted and co-signers' ratings.

Each is one aggregate query over the year's suggestions S (``totals.suggestions``), as of the end of
``as_of`` (see ``contracts/annual-report.md``):

- ``followups_due``: planned actions (计划落实事项) of replies of record dated on or before as_of, whose
  落实时限 is on or before as_of; ``followups_done``: those reported 已落实 on or before as_of;
- ``returned_replies``: replies returned by the office's review (答复审查) on or before as_of;
- ``assisted_ratings``: ratings of record entered by the office for the deputy (代为录入), dated by as_of;
- ``co_signer_evaluated`` / ``co_signer_satisfied``: co-signers' own ratings dated by as_of, and those whose
  办理结果 is 满意 or 基本满意 (the lead's rating stays the rating of record).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from proposals.choices import FollowUpStatus, ReviewDecision, ReviewStatus
from proposals.models import CoSignerEvaluation, Evaluation, PlannedAction, ReplyReview
from reports.statistics.population import GOOD_RATINGS
from reports.statistics.sql import counts_in_one_query, rate
from reports.statistics.totals import suggestions

# The contract's key order of the report's ``follow_up`` object.
FOLLOW_UP_KEYS = (
    "followups_due",
    "followups_done",
    "followup_rate",
    "returned_replies",
    "assisted_ratings",
    "co_signer_evaluated",
    "co_signer_satisfied",
    "co_signer_satisfaction_rate",
)


def follow_up_figures(*, year: int, as_of: dt.date) -> dict:
    """The ``follow_up`` object of the year-end report, in the contract's key order."""
    counts = promise_totals(year=year, as_of=as_of)
    figures = {
        **counts,
        "followup_rate": rate(counts["followups_done"], counts["followups_due"]),
        "co_signer_satisfaction_rate": rate(counts["co_signer_satisfied"], counts["co_signer_evaluated"]),
    }
    return {key: figures[key] for key in FOLLOW_UP_KEYS}


def promise_totals(*, year: int, as_of: dt.date) -> dict[str, int]:
    """The counts of ``follow_up``, in one statement."""
    items = suggestions(year=year, as_of=as_of).values("pk")
    due = PlannedAction.objects.filter(
        proposal__in=items,
        reply__review_status=ReviewStatus.APPROVED,
        reply__replied_on__lte=as_of,
        due_on__lte=as_of,
    )
    co_signers = CoSignerEvaluation.objects.filter(proposal__in=items, evaluated_on__lte=as_of)
    return counts_in_one_query(
        followups_due=due,
        followups_done=due.filter(status=FollowUpStatus.DONE, reported_on__lte=as_of),
        returned_replies=ReplyReview.objects.filter(
            proposal__in=items, decision=ReviewDecision.RETURN, decided_on__lte=as_of
        ),
        assisted_ratings=Evaluation.objects.filter(proposal__in=items, evaluated_on__lte=as_of).exclude(
            assisted_channel=""
        ),
        co_signer_evaluated=co_signers,
        co_signer_satisfied=co_signers.filter(result__in=GOOD_RATINGS),
    )


def followups_due_list(*, as_of: dt.date) -> list[dict]:
    """The monthly report's 跟踪落实 list: promises of replies of record due on or before as_of and not
    reported by then (whatever the item's year: a promise outlives its year), soonest first."""
    reported_by_then = Q(reported_on__isnull=False, reported_on__lte=as_of)
    rows = (
        PlannedAction.objects.filter(
            reply__review_status=ReviewStatus.APPROVED, reply__replied_on__lte=as_of, due_on__lte=as_of
        )
        .exclude(reported_by_then)
        .order_by("due_on", "pk")
        .values("proposal__session__name", "proposal__number", "proposal__title", "unit__name", "text", "due_on")
    )
    return [
        {
            "session": row["proposal__session__name"],
            "number": row["proposal__number"],
            "title": row["proposal__title"],
            "unit": row["unit__name"],
            "action": row["text"],
            "due": row["due_on"].isoformat(),
            "days_overdue": (as_of - row["due_on"]).days,
        }
        for row in rows
    ]


def unit_penalties(*, year: int, as_of: dt.date) -> tuple[dict[int, int], dict[int, int]]:
    """Per unit, over S: replies returned in the office's review by as_of, and promises of replies of record
    due before as_of and not reported by then (the unit scores' penalties; 2 grouped queries)."""
    items = suggestions(year=year, as_of=as_of).values("pk")
    returned = dict(
        ReplyReview.objects.filter(proposal__in=items, decision=ReviewDecision.RETURN, decided_on__lte=as_of)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    overdue = dict(
        PlannedAction.objects.filter(
            proposal__in=items,
            reply__review_status=ReviewStatus.APPROVED,
            reply__replied_on__lte=as_of,
            due_on__lt=as_of,
        )
        .exclude(reported_on__isnull=False, reported_on__lte=as_of)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    return returned, overdue


def _register() -> None:
    from reports.statistics import unit_scores

    if unit_penalties not in unit_scores.PENALTY_COUNTERS:
        unit_scores.PENALTY_COUNTERS.append(unit_penalties)


_register()
