"""A year's items and their facts as of a day, computed once per report into a temporary table.

The year-end figures count the same facts of each item several times over: in the totals, in the ratings
and reply categories, in the 领域 breakdown and once more per unit for every assignment. Each fact (the
due date, the first and the final rating, the category of the reply of record, a face-to-face meeting)
is a lookup per item. ``item_facts_table`` makes those lookups once for each item of the year, into the
temporary table ``stat_item_facts`` of this connection (model ``StatItemFact``), and every figure is then a
plain aggregate over its rows, with the same ``ItemFacts`` conditions.

Facts that only count under a condition are only looked up under it: the due date of an assigned item, the
category and the meeting of a replied one. The table lives until the outermost ``with`` block ends: a
figure opened inside a report that already filled the table for the same year and day reads that table.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator

from django.db import connection
from django.db.models import BooleanField, Case, CharField, DateField, Value, When

from proposals.models import Proposal
from reports.item_facts import StatItemFact
from reports.statistics.population import CATEGORY, DUE, FACE_TO_FACE, FINAL_RESULT, FIRST_RESULT, ItemFacts

TABLE = StatItemFact._meta.db_table
FILTERED_COLUMNS = ("id", "kind", "motion_outcome", "assigned_on", "first_replied_on")
# The (year, as_of) whose facts this connection's table holds now, while a report is computing.
_open: contextvars.ContextVar[tuple[int, dt.date] | None] = contextvars.ContextVar("stat_item_facts", default=None)
ITEM_COLUMNS = ("kind", "motion_outcome", "field", "key_supervision", "assigned_on", "first_replied_on", "closed_on")


def _facts_query(*, year: int, as_of: dt.date) -> tuple[str, tuple]:
    facts = ItemFacts(as_of)
    rows = (
        Proposal.objects.filter(facts.population(year))
        .annotate(
            **{
                DUE: Case(When(facts.assigned(), then=facts.due()), default=None, output_field=DateField()),
                FIRST_RESULT: facts.first_result(),
                FINAL_RESULT: facts.final_result(),
                CATEGORY: Case(When(facts.replied(), then=facts.category()), default=None, output_field=CharField()),
                FACE_TO_FACE: Case(
                    When(facts.replied(), then=facts.face_to_face()), default=Value(False), output_field=BooleanField()
                ),
            }
        )
        .order_by()
        .values("id", *ITEM_COLUMNS, DUE, FIRST_RESULT, FINAL_RESULT, CATEGORY, FACE_TO_FACE)
    )
    return rows.query.sql_with_params()


@contextlib.contextmanager
def item_facts_table(*, year: int, as_of: dt.date) -> Iterator[type[StatItemFact]]:
    """Fill ``stat_item_facts`` with the year's items (S and M) as of ``as_of``; yield its model; drop it.

    Inside a block that already holds the same year's facts as of the same day, the table is read as it is.
    A report that fails inside its transaction leaves no table behind: its creation is rolled back with it.
    """
    key = (year, as_of)
    held = _open.get()
    if held == key:
        yield StatItemFact
        return
    if held is not None:
        raise RuntimeError(f"stat_item_facts already holds {held}, not {key}")
    sql, params = _facts_query(year=year, as_of=as_of)
    table = connection.ops.quote_name(TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {table} AS {sql}", params)
        if connection.vendor == "postgresql":
            # The planner knows nothing of a new table's rows until then: only of the columns the figures
            # filter the facts on, which is quicker than sampling all.
            cursor.execute(f"ANALYZE {table} ({', '.join(FILTERED_COLUMNS)})")
    token = _open.set(key)
    try:
        yield StatItemFact
    finally:
        _open.reset(token)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
