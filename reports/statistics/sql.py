"""Small SQL building blocks of the statistics: month arithmetic, day bounds, rounding of rates."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import ROUND_HALF_UP, Decimal

from django.db import NotSupportedError, connection, models, transaction
from django.utils import timezone

RATE_PLACES = Decimal("0.0001")
# Memory for one sort or hash of a report query: the year's items and assignments are grouped in memory,
# not in files on disk.
REPORT_WORK_MEM = "64MB"


class AddMonths(models.Func):
    """``date`` plus ``months`` calendar months, a day the target month lacks becoming its last day.

    The same rule as ``proposals.deadlines.add_months`` (11-30 + 3 months → 02-28/29), in SQL.
    """

    output_field = models.DateField()
    arity = 1

    def __init__(self, expression, *, months: int, **extra):
        if not isinstance(months, int) or months < 0:
            raise ValueError("months must be a non-negative integer")
        self.months = months
        super().__init__(expression, **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        # PostgreSQL's date + interval already clamps to the last day of the target month.
        return self.as_sql(
            compiler,
            connection,
            template=f"CAST((%(expressions)s + INTERVAL '{self.months} months') AS date)",
            **extra_context,
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        # date(x, '+N months') rolls 02-30 over into March; take the smaller of "same day N months on"
        # (counted from the 1st) and the last day of the target month instead.
        n = self.months
        template = (
            "MIN("
            f"date(%(expressions)s, 'start of month', '+{n} months', "
            "'+' || (CAST(strftime('%%%%d', %(expressions)s) AS integer) - 1) || ' days'), "
            f"date(%(expressions)s, 'start of month', '+{n + 1} months', '-1 day'))"
        )
        sql, params = self.as_sql(compiler, connection, template=template, **extra_context)
        # The expression appears three times; ``%%%%`` is left as ``%%``, which the driver reads as ``%``.
        return sql, tuple(params) * 3

    def as_sql(self, compiler, connection, **extra_context):
        if "template" not in extra_context:
            raise NotSupportedError("统计模块只支持 PostgreSQL 和 SQLite 数据库")
        return super().as_sql(compiler, connection, **extra_context)


def counts_in_one_query(**parts: models.QuerySet) -> dict[str, int]:
    """How many rows each queryset holds, all read in one statement of scalar ``COUNT`` subqueries."""
    selects, params = [], []
    for name, queryset in parts.items():
        sql, part_params = (
            queryset.order_by().values(n=models.Func(models.Value(1), function="COUNT")).query.sql_with_params()
        )
        selects.append(f"({sql}) AS {connection.ops.quote_name(name)}")
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        row = cursor.fetchone()
    return {name: value or 0 for name, value in zip(parts, row, strict=True)}


def start_of_next_day(day: dt.date) -> dt.datetime:
    """The aware instant the day after ``day`` begins, in the site's time zone (for datetime columns)."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def rate(numerator: int, denominator: int) -> float | None:
    """``numerator / denominator`` rounded half up to 4 decimal places; ``None`` when the denominator is 0."""
    if not denominator:
        return None
    value = (Decimal(numerator) / Decimal(denominator)).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
    return float(value)


def without_jit(func):
    """Run a report with PostgreSQL's JIT compilation turned off, in one transaction.

    The report queries are large expressions over correlated subqueries: PostgreSQL's planner prices
    them high enough to JIT-compile them, which costs seconds per query and saves nothing here. The
    report also gets ``REPORT_WORK_MEM`` for its sorts and hashes. Both settings are local to the
    transaction: they end with it. Other databases are left alone.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if connection.vendor != "postgresql" or connection.pg_version < 110000:
            return func(*args, **kwargs)
        with transaction.atomic(savepoint=False):
            with connection.cursor() as cursor:
                settings = "SELECT set_config('jit', 'off', true), set_config('work_mem', %s, true)"
                cursor.execute(settings, [REPORT_WORK_MEM])
            return func(*args, **kwargs)

    return wrapper
