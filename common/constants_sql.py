"""Conditions whose code constants are written into the SQL text instead of being passed as parameters.

On PostgreSQL a statement run often on one connection is prepared, and after a few runs it may be planned
once for any parameter values (a generic plan). A partial index (``WHERE state = 'replied'``) is only
usable by such a plan when the query states the index's predicate in constants: with ``state = $7`` the
planner cannot prove that every row it wants is in the index, and reads the table instead. A page's
filters on states and kinds are constants of the code, never user input; ``constant_q`` writes them as
literals so that each tab's, badge's and count's partial index is used whatever the plan.

Only short identifier-like strings qualify (the values of ``choices``), so nothing a user typed can reach
the SQL text this way.
"""

from __future__ import annotations

import re

from django.db.models import CharField, Expression, Q

_SAFE = re.compile(r"[A-Za-z0-9_\-]{0,64}")


class Constant(Expression):
    """A code constant (a choice's value) written into the SQL as a quoted literal."""

    def __init__(self, value: str):
        if not isinstance(value, str) or not _SAFE.fullmatch(value):
            raise ValueError(f"not a code constant: {value!r}")
        super().__init__(output_field=CharField())
        self.value = str(value)

    def __repr__(self) -> str:
        return f"Constant({self.value!r})"

    def as_sql(self, compiler, connection):
        return f"'{self.value}'", []

    def get_group_by_cols(self):
        return []


def _constant(value):
    if isinstance(value, str):
        return Constant(value)
    if isinstance(value, list | tuple) and value and all(isinstance(v, str) for v in value):
        return [Constant(v) for v in value]
    return value


def constant_q(condition: Q) -> Q:
    """The same condition with its string values (and lists of them) written as SQL literals.

    Dates, numbers, booleans and expressions stay as they are: they are parameters of the query.
    """
    copy = Q()
    copy.connector, copy.negated = condition.connector, condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            copy.children.append(constant_q(child))
        else:
            lookup, value = child
            copy.children.append((lookup, _constant(value)))
    return copy
