"""The units table of the year-end report: each leading unit's figures (one query) and its rank."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from proposals.choices import FACE_TO_FACE_METHODS, Role
from proposals.models import Contact
from reports.item_facts import StatAssignment
from reports.statistics.facts_table import item_facts_table
from reports.statistics.population import (
    ANSWERING_ROLES,
    DUE,
    FACE_TO_FACE,
    FINAL_RESULT,
    GOOD_RATINGS,
    ItemFacts,
    assignment_live,
)
from reports.statistics.sql import rate, start_of_next_day
from reports.statistics.totals import RATING_SUFFIX
from units.models import Unit

RANKING_THRESHOLD = 5  # only units leading at least this many items are ranked

UNIT_KEYS = (
    "unit",
    "lead_items",
    "co_items",
    "replied",
    "replied_on_time",
    "due_or_replied",
    "on_time_rate",
    "evaluated",
    "satisfied",
    "satisfaction_rate",
    "rank",
)


MET = "stat_unit_met"


def unit_counts(*, year: int, as_of: dt.date) -> list[dict]:
    """Per unit, counts over the assigned items of S it leads (主办, or any unit of a 分办) or co-handles, in
    one pass over the year's live assignments joined to the year's facts (``facts_table``): the ``units``
    table's figures and the unit scores' signing and meeting counts (``signed``, ``signed_on_time``,
    ``face_to_face``).

    An item's figures count for each of its leading units. A unit's assignment counts when it was made
    on or before as_of and not handed back (调整退回) by then. Signing is counted over the unit's live
    assignments of any role: those whose sign window had closed or that were signed by as_of, and those
    signed on or before their sign-by date (签收期限). A meeting is a face-to-face contact by that unit
    (or recorded for the item without a unit) dated on or before as_of, on a replied lead item; it is only
    looked for on the items that had a face-to-face meeting by anyone.
    """
    path = "proposal__"  # from an assignment to its row of the facts table
    facts_of = ItemFacts(as_of, path=path)
    lead = Q(role__in=ANSWERING_ROLES)
    signed_by_then = Q(signed_at__lt=start_of_next_day(as_of))
    contact = Contact.objects.filter(
        Q(unit_id=OuterRef("unit_id")) | Q(unit__isnull=True),
        proposal_id=OuterRef("proposal_id"),
        method__in=FACE_TO_FACE_METHODS,
        contacted_on__lte=as_of,
    )
    met = Case(
        When(Q(**{f"{path}{FACE_TO_FACE}": True}), then=Exists(contact)),
        default=Value(False),
        output_field=BooleanField(),
    )
    # Each figure counts the unit's items meeting a condition; an item counts once however many of the unit's
    # assignments meet it: 1 per (unit, item) pair, then added up per unit.
    item_conditions = {
        "lead_items": lead,
        "co_items": Q(role=Role.CO),
        "replied": lead & facts_of.replied(),
        "replied_on_time": lead & facts_of.replied_on_time(),
        "due_or_replied": lead & facts_of.due_or_replied(),
        "evaluated": lead & Q(**{f"{FINAL_RESULT}__in": list(RATING_SUFFIX)}),
        "satisfied": lead & Q(**{f"{FINAL_RESULT}__in": GOOD_RATINGS}),
        "face_to_face": lead & facts_of.replied() & Q(**{MET: True}),
    }
    with item_facts_table(year=year, as_of=as_of):
        pairs = (
            StatAssignment.objects.filter(assignment_live(as_of), facts_of.suggestion_track(), facts_of.assigned())
            .annotate(**{DUE: F(f"{path}{DUE}"), FINAL_RESULT: F(f"{path}{FINAL_RESULT}"), MET: met})
            .order_by()
            .values("unit_id", "proposal_id")
            .annotate(
                **{key: _once(condition) for key, condition in item_conditions.items()},
                signed=Count("id", filter=signed_by_then | Q(sign_due__lt=as_of)),
                signed_on_time=Count("id", filter=signed_by_then & Q(signed_at__date__lte=F("sign_due"))),
            )
        )
        return _per_unit(pairs, [*item_conditions, "signed", "signed_on_time"])


def _once(condition: Q) -> Max:
    """1 when any of the pair's assignments meets ``condition``, else 0."""
    return Max(Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField()))


def _per_unit(pairs: QuerySet, keys: list[str]) -> list[dict]:
    """The pairs' figures added up per unit, with the unit's name; units leading no item are left out."""
    sql, params = pairs.query.sql_with_params()
    q = connection.ops.quote_name
    sums = ", ".join(f"SUM(pairs.{q(key)})" for key in keys)
    unit_table = q(Unit._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pairs.{q('unit_id')}, units.{q('name')}, {sums} FROM ({sql}) pairs "
            f"JOIN {unit_table} units ON units.{q('id')} = pairs.{q('unit_id')} "
            f"GROUP BY pairs.{q('unit_id')}, units.{q('name')} HAVING SUM(pairs.{q('lead_items')}) > 0",
            params,
        )
        rows = cursor.fetchall()
    return [
        {"unit_id": row[0], "unit__name": row[1], **{key: int(value) for key, value in zip(keys, row[2:], strict=True)}}
        for row in rows
    ]


def _rank_key(entry: dict) -> tuple:
    """Satisfaction rate descending, then on-time rate descending; a null rate sorts below any number."""
    sat, on_time = entry["satisfaction_rate"], entry["on_time_rate"]
    return (sat is None, -(sat or 0), on_time is None, -(on_time or 0))


def rank(entries: list[dict]) -> list[dict]:
    """Give units with ≥ 5 lead items a rank (ties share it, the next skips: 1, 2, 2, 4) and order the list.

    Units are equal when their reported (rounded) rates are equal. The list runs by rank, then by unit
    name; unranked units come last, by name.
    """
    ranked = sorted((e for e in entries if e["lead_items"] >= RANKING_THRESHOLD), key=_rank_key)
    previous = None
    for position, entry in enumerate(ranked, start=1):
        key = (entry["satisfaction_rate"], entry["on_time_rate"])
        entry["rank"] = previous[1] if previous and previous[0] == key else position
        previous = (key, entry["rank"])
    unranked = [e for e in entries if e["lead_items"] < RANKING_THRESHOLD]
    for entry in unranked:
        entry["rank"] = None
    return sorted(ranked, key=lambda e: (e["rank"], e["unit"])) + sorted(unranked, key=lambda e: e["unit"])


def units(*, year: int, as_of: dt.date, counts: list[dict] | None = None) -> list[dict]:
    """The contract's ``units`` list, in its key order (from ``counts`` of ``unit_counts`` when given)."""
    entries = []
    for row in unit_counts(year=year, as_of=as_of) if counts is None else counts:
        entry = {
            "unit": row["unit__name"],
            "lead_items": row["lead_items"],
            "co_items": row["co_items"],
            "replied": row["replied"],
            "replied_on_time": row["replied_on_time"],
            "due_or_replied": row["due_or_replied"],
            "on_time_rate": rate(row["replied_on_time"], row["due_or_replied"]),
            "evaluated": row["evaluated"],
            "satisfied": row["satisfied"],
            "satisfaction_rate": rate(row["satisfied"], row["evaluated"]),
            "rank": None,
        }
        entries.append(entry)
    return [{key: entry[key] for key in UNIT_KEYS} for entry in rank(entries)]
