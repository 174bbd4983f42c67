"""Queries whose shape is fixed and whose values change, compiled to SQL once per process.

Django compiles a queryset to SQL on every run. For the tab counts a list page reads on every view (one
statement of five sub-counts, say), compiling costs several times what the database spends on it. A
``QueryShape`` builds its queryset once with marker values in place of the values that change (an id, a
day, an instant), finds the markers among the compiled parameters, and then runs that SQL with each call's
values. The queryset stays the one definition of what is counted; only its compiling is saved.

The queryset is compiled twice, with two sets of stand-ins: the parameters that follow the stand-ins are
the values' places, the ones that stay the same are constants. A builder must use each value as it is: a
value computed from one (``today + 7 days``) follows no stand-in and is refused, so the mistake cannot pass
silently; compute it before and pass it as a value of its own.

Only PostgreSQL runs the compiled SQL: elsewhere (SQLite, which receives dates as text) the queryset is
compiled on each call, as usual.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Hashable

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet


def _markers(kinds: dict[str, type], round_: int) -> dict:
    """Stand-in values of each value's kind, distinct per value and per round, within every column's range
    (a small positive integer fits even a ``PositiveSmallIntegerField``)."""
    markers = {}
    for index, (name, kind) in enumerate(kinds.items()):
        if kind is int:
            markers[name] = 20_000 + 1_000 * round_ + index
        elif kind is dt.datetime:
            markers[name] = dt.datetime(2001 + round_, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=index)
        elif kind is dt.date:
            markers[name] = dt.date(2001 + round_, 1, 1) + dt.timedelta(days=index)
        else:
            raise ImproperlyConfigured(f"a shape's values are ids, dates and instants, not {kind.__name__}")
    return markers


def _kind(value) -> type:
    if isinstance(value, bool) or value is None:
        raise ImproperlyConfigured("a shape's values are ids, dates and instants; choose the shape by options")
    for kind in (int, dt.datetime, dt.date):
        if isinstance(value, kind):
            return kind
    raise ImproperlyConfigured(f"a shape's values are ids, dates and instants, not {type(value).__name__}")


class QueryShape:
    """``QueryShape(build)``; ``shape.sql(options, values)`` gives ``(sql, params)`` of ``build(**options,
    **values)``, compiled once for each set of ``options`` (which choose the shape: a tab, a scope)."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self._compiled: dict[Hashable, tuple[str, tuple[str | None, ...], tuple]] = {}
        self._lock = threading.Lock()

    def sql(self, *, options: dict | None = None, values: dict) -> tuple[str, list]:
        options = options or {}
        if connection.vendor != "postgresql":
            sql, params = self.build(**options, **values).query.sql_with_params()
            return sql, list(params)
        kinds = {name: _kind(value) for name, value in values.items()}
        key = (tuple(sorted(options.items())), tuple(sorted((name, kind.__name__) for name, kind in kinds.items())))
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compile(options, kinds)
            with self._lock:
                self._compiled[key] = compiled
        sql, slots, constants = compiled
        return sql, [constants[i] if name is None else values[name] for i, name in enumerate(slots)]

    def _compile(self, options: dict, kinds: dict[str, type]) -> tuple[str, tuple[str | None, ...], tuple]:
        """Compile twice with two sets of stand-ins: a parameter that stays the same is a constant of the
        query, one that follows a stand-in is that value's slot, and any other is refused (computed from one)."""
        first, second = _markers(kinds, 0), _markers(kinds, 1)
        sql, params = self.build(**options, **first).query.sql_with_params()
        sql_again, params_again = self.build(**options, **second).query.sql_with_params()
        if sql != sql_again or len(params) != len(params_again):
            raise ImproperlyConfigured(f"{self.build.__qualname__} changes its shape with its values: use options")
        by_pair = {(first[name], second[name]): name for name in kinds}
        slots: list[str | None] = []
        for a, b in zip(params, params_again, strict=True):
            if a == b and type(a) is type(b):
                slots.append(None)
                continue
            name = by_pair.get((a, b))
            if name is None:
                raise ImproperlyConfigured(
                    f"{self.build.__qualname__} compiled a value computed from another ({a!r}): pass it as a value"
                )
            slots.append(name)
        missing = set(kinds) - {name for name in slots if name}
        if missing:
            raise ImproperlyConfigured(f"{self.build.__qualname__} does not use {', '.join(sorted(missing))}")
        return sql, tuple(slots), tuple(params)


def fetch_row(sql: str, params: list) -> dict | None:
    """The first row of ``sql`` as a dict of its column names, or None."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            return None
        return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}
