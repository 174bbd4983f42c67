"""SQL pieces of the 民意池 figures: whole days between two dates, and a median aggregate.

PostgreSQL has ``percentile_cont``; SQLite gets a ``median`` aggregate registered on each new
connection (``apps.OpinionsConfig.ready``), so the figures are aggregated in the database on both.
"""

from __future__ import annotations

import statistics

from django.db import models


class DaysBetween(models.Func):
    """Whole days from ``earlier`` to ``later`` (two date columns)."""

    output_field = models.IntegerField()
    arity = 2

    def __init__(self, later, earlier, **extra):
        super().__init__(later, earlier, **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS integer)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


class Median(models.Aggregate):
    function = "MEDIAN"
    name = "Median"
    output_field = models.FloatField()
    allow_distinct = False

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="percentile_cont(0.5) WITHIN GROUP (ORDER BY %(expressions)s)",
            **extra_context,
        )


class _SqliteMedian:
    def __init__(self):
        self.values: list[float] = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("MEDIAN", 1, _SqliteMedian)
