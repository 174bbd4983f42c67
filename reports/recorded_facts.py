"""Each item's latest recorded facts, kept up to date by the database as the records change.

The year-end figures need, for every item, facts that are lookups in other tables: the round-1 and the
latest evaluation, the reply of record, the first face-to-face meeting and the latest approval of an
extension. ``reports_recorded_facts`` holds them per item, with the date each became true. On PostgreSQL,
triggers on the evaluations, replies, contacts, extension requests and assignments refresh the rows of the
items a statement touched, in the same transaction, under the item's row lock (two writers of one item
refresh one after the other, each seeing the other's records).

A fact as of a day is then read from the row whenever the row says it already held on that day (the usual
case: a report as of today); only an item whose latest record is dated after that day is looked up in
the records themselves (``reports.statistics.population``). Without the triggers (SQLite, the demo's
embedded database) every fact is looked up in the records.

Bulk loaders write many records at once: inside ``recorded_facts_deferred()`` the triggers leave the rows
alone and the loader refreshes the items it wrote in one statement at the end.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator

from django.db import DatabaseError, connection, models

DEFERRED_SETTING = "reports.recorded_facts_deferred"
# Switched off to compute every fact from the records themselves, to compare both ways (the tests do).
_in_use: contextvars.ContextVar[bool] = contextvars.ContextVar("recorded_facts_in_use", default=True)


class RecordedFacts(models.Model):
    """One item's latest records (columns null when the item has none of that kind)."""

    proposal = models.OneToOneField(
        "proposals.Proposal",
        primary_key=True,
        on_delete=models.DO_NOTHING,  # the database removes the row with its item
        db_constraint=False,
        related_name="recorded_facts",
        verbose_name="议案建议",
    )
    first_result = models.CharField("首轮评价结果", max_length=12, null=True)
    first_on = models.DateField("首轮评价日期", null=True)
    final_result = models.CharField("最新一轮评价结果", max_length=12, null=True)
    final_round = models.PositiveSmallIntegerField("最新评价轮次", null=True)
    final_on = models.DateField("最新一轮评价日期", null=True)
    record_category = models.CharField("最新通过审查的答复类别", max_length=1, null=True)
    record_on = models.DateField("最新通过审查的答复日期", null=True)
    face_to_face_on = models.DateField("首次面对面沟通日期", null=True)
    extension_decided_at = models.DateTimeField("最近批准延期的时间", null=True)

    class Meta:
        verbose_name = "件的最新记录（统计用，数据库维护）"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return str(self.proposal_id)


def recorded_facts_in_use() -> bool:
    """Whether the figures may read ``reports_recorded_facts`` (PostgreSQL, where the triggers keep it)."""
    return connection.vendor == "postgresql" and _in_use.get()


@contextlib.contextmanager
def facts_from_records() -> Iterator[None]:
    """Compute every fact from the records themselves inside the block, ignoring the kept rows."""
    token = _in_use.set(False)
    try:
        yield
    finally:
        _in_use.reset(token)


def refresh_recorded_facts(*, proposal_ids: Iterable[int] | None = None) -> None:
    """Recompute the kept facts of ``proposal_ids`` (of every item when ``None``) from their records."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if proposal_ids is None:
            cursor.execute("SELECT reports_refresh_recorded_facts(NULL)")
        else:
            ids = sorted(set(proposal_ids))
            for start in range(0, len(ids), 10_000):
                cursor.execute("SELECT reports_refresh_recorded_facts(%s::bigint[])", [ids[start : start + 10_000]])


@contextlib.contextmanager
def recorded_facts_deferred(*, proposal_ids: Iterable[int] | None = None) -> Iterator[None]:
    """Let the triggers skip the kept facts while a bulk load writes records; refresh them once at the end.

    ``proposal_ids`` (an iterable read when the block ends, e.g. a list the loader fills) names the items
    written; ``None`` refreshes every item. The refresh runs only when the block succeeds; a failed load is
    rolled back by its caller's transaction.
    """
    if connection.vendor != "postgresql":
        yield
        return
    _set_deferred("on")
    try:
        yield
    except BaseException:
        # In a failed transaction the setting goes back with the rollback; otherwise it is turned off here.
        with contextlib.suppress(DatabaseError):
            _set_deferred("off")
        raise
    _set_deferred("off")
    refresh_recorded_facts(proposal_ids=proposal_ids)


def _set_deferred(value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, false)", [DEFERRED_SETTING, value])


def stale_recorded_facts(*, limit: int = 20) -> tuple[int, list[int]]:
    """How many items' kept facts differ from their records (a missing row counts when it should hold a
    fact), and the first ``limit`` of those item ids. Only meaningful on PostgreSQL."""
    if connection.vendor != "postgresql":
        return 0, []
    columns = [f.column for f in RecordedFacts._meta.concrete_fields if f.column != "proposal_id"]
    kept = ", ".join(f"k.{c}" for c in columns)
    fresh = ", ".join(f"f.{c}" for c in columns)
    empty = " AND ".join(f"f.{c} IS NULL" for c in columns)
    sql = f"""
        SELECT f.proposal_id FROM reports_recorded_facts_of(NULL) f
        LEFT JOIN reports_recordedfacts k ON k.proposal_id = f.proposal_id
        WHERE CASE WHEN k.proposal_id IS NULL THEN NOT ({empty}) ELSE ROW({kept}) IS DISTINCT FROM ROW({fresh}) END
        ORDER BY f.proposal_id
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql}) stale")
        total = cursor.fetchone()[0]
        cursor.execute(f"{sql} LIMIT %s", [limit])
        return total, [row[0] for row in cursor.fetchall()]
