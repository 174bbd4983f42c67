"""The year's totals, the reply categories and the 领域 breakdown: three aggregate queries over the year's facts
(``facts_table``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, CharField, Count, F, Q, QuerySet, When

from proposals.choices import Category, Kind, MotionOutcome, Rating
from proposals.models import Proposal
from reports.item_facts import StatItemFact
from reports.statistics.facts_table import item_facts_table
from reports.statistics.population import (
    CATEGORY,
    FACE_TO_FACE,
    FINAL_RESULT,
    FIRST_RESULT,
    ItemFacts,
)

UNCLASSIFIED = "未分类"

# The contract's key order.
TOTAL_KEYS = (
    "items",
    "suggestions",
    "motions",
    "motions_to_agenda",
    "motions_converted",
    "assigned",
    "replied",
    "replied_on_time",
    "due_or_replied",
    "overdue_open",
    "closed",
    "evaluated_first",
    "satisfied_first",
    "basically_satisfied_first",
    "unsatisfied_first",
    "evaluated_final",
    "satisfied_final",
    "basically_satisfied_final",
    "unsatisfied_final",
    "face_to_face",
    "key_supervision",
)
EVALUATION_KEYS = tuple(key for key in TOTAL_KEYS if key.endswith(("_first", "_final")))
CATEGORY_KEYS = tuple(Category.values)  # A, B, C, D
RATING_SUFFIX = {Rating.SATISFIED: "satisfied", Rating.BASIC: "basically_satisfied", Rating.UNSATISFIED: "unsatisfied"}
REPLIED_CATEGORY = "stat_replied_category"


def population(*, year: int, as_of: dt.date) -> QuerySet[Proposal]:
    """The year's items (S and M) as of ``as_of``."""
    return Proposal.objects.filter(ItemFacts(as_of).population(year))


def suggestions(*, year: int, as_of: dt.date) -> QuerySet[Proposal]:
    """S: the year's suggestions, with 议案 converted to suggestions."""
    return population(year=year, as_of=as_of).filter(ItemFacts(as_of).suggestion_track())


def _counts(*, as_of: dt.date) -> dict[str, int]:
    """Every total that is a plain count, in one aggregate query over the year's facts."""
    f = ItemFacts(as_of)
    s, m = f.suggestion_track(), f.motion()
    return StatItemFact.objects.aggregate(
        items=Count("pk"),
        suggestions=Count("pk", filter=s),
        motions=Count("pk", filter=m),
        motions_to_agenda=Count("pk", filter=m & Q(motion_outcome=MotionOutcome.TO_AGENDA)),
        motions_converted=Count("pk", filter=Q(kind=Kind.MOTION, motion_outcome=MotionOutcome.CONVERTED)),
        assigned=Count("pk", filter=s & f.assigned()),
        replied=Count("pk", filter=s & f.replied()),
        replied_on_time=Count("pk", filter=s & f.replied_on_time()),
        due_or_replied=Count("pk", filter=s & f.due_or_replied()),
        overdue_open=Count("pk", filter=s & f.overdue_open()),
        closed=Count("pk", filter=s & f.closed()),
        face_to_face=Count("pk", filter=s & f.replied() & Q(**{FACE_TO_FACE: True})),
        key_supervision=Count("pk", filter=s & f.key_supervision()),
    )


def _evaluations_and_categories(*, as_of: dt.date) -> tuple[dict[str, int], dict[str, int]]:
    """First and final ratings of S and the categories of replied S, in one grouped query.

    The query groups S by (first rating, final rating, category if replied): at most 4 × 4 × 5 rows,
    whatever the number of items; the rows are then added up.
    """
    f = ItemFacts(as_of)
    rows = (
        StatItemFact.objects.filter(f.suggestion_track())
        .annotate(
            **{REPLIED_CATEGORY: Case(When(f.replied(), then=F(CATEGORY)), default=None, output_field=CharField())}
        )
        .order_by()
        .values(FIRST_RESULT, FINAL_RESULT, REPLIED_CATEGORY)
        .annotate(n=Count("pk"))
    )
    evaluations = dict.fromkeys(EVALUATION_KEYS, 0)
    categories = dict.fromkeys(CATEGORY_KEYS, 0)
    for row in rows:
        n = row["n"]
        for stage, result in (("first", row[FIRST_RESULT]), ("final", row[FINAL_RESULT])):
            if result in RATING_SUFFIX:
                evaluations[f"evaluated_{stage}"] += n
                evaluations[f"{RATING_SUFFIX[result]}_{stage}"] += n
        if row[REPLIED_CATEGORY] in categories:
            categories[row[REPLIED_CATEGORY]] += n
    return evaluations, categories


def totals_and_categories(*, year: int, as_of: dt.date) -> tuple[dict[str, int], dict[str, int]]:
    """``totals`` (in the contract's key order) and ``categories`` (A, B, C, D), over the year's facts."""
    with item_facts_table(year=year, as_of=as_of):
        counts = _counts(as_of=as_of)
        evaluations, categories = _evaluations_and_categories(as_of=as_of)
    merged = {**counts, **evaluations}
    return {key: merged[key] for key in TOTAL_KEYS}, categories


def fields(*, year: int, as_of: dt.date) -> dict[str, int]:
    """The count of S by 领域, largest first (then by name); items without one under 未分类, listed last."""
    with item_facts_table(year=year, as_of=as_of) as facts:
        rows = list(facts.objects.filter(ItemFacts(as_of).suggestion_track()).values("field").annotate(n=Count("pk")))
    counts: dict[str, int] = {}
    for row in rows:
        name = (row["field"] or "").strip() or UNCLASSIFIED
        counts[name] = counts.get(name, 0) + row["n"]
    named = sorted(((k, v) for k, v in counts.items() if k != UNCLASSIFIED), key=lambda kv: (-kv[1], kv[0]))
    if UNCLASSIFIED in counts:
        named.append((UNCLASSIFIED, counts[UNCLASSIFIED]))
    return dict(named)
