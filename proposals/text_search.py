"""Substring search that PostgreSQL answers from indexes (DESIGN §7: a million items, 50,000 deputies).

``icontains`` is ``UPPER(col::text) LIKE UPPER('%x%')`` on PostgreSQL. The migrations
``proposals.0004_text_search_indexes`` and ``deputies.0002_name_search_indexes`` index exactly that
expression with ``gin_trgm_ops`` (pg_trgm), so a fragment of three characters or more is looked up
instead of read from every row.

A trigram needs three characters, and Chinese queries are often shorter (电梯, 养老, 李娜, a surname 王).
For those the same migrations index the text with every character written three times (``TRIPLED_SQL``):
the trigrams of "李李李娜娜娜" are its single characters (李李李) and its pairs (李李娜, 李娜娜), and a short
search asks whether the tripled text contains the tripled query. That is the same question: a tripled
query can sit in a tripled text at a multiple of three, where it spells the query itself, or elsewhere,
which needs every character of the query to be the same and the text to hold a run of it at least as
long. Both sides go through the same SQL ``UPPER``, so the rows are exactly those of ``icontains``.

``any_of`` writes ``col IN (subquery)`` as ``col = ANY(ARRAY(subquery))`` on PostgreSQL, a form that can be
one arm of a ``BitmapOr`` (an ``IN``/``EXISTS`` subquery inside an ``OR`` is checked row by row instead).
"""

from __future__ import annotations

from django.db.models import F, Func, Lookup, Q, QuerySet, TextField, Value
from django.db.models.functions import Upper
from django.db.models.lookups import Contains, IContains, In

# The indexed expression, as the migrations write it: keep both in step (a test checks the plan uses them).
TRIPLED_SQL = "REGEXP_REPLACE(%(expressions)s, '(.)', '\\1\\1\\1', 'g')"
SHORT_QUERY = 2  # up to this many characters, no trigram of the plain text can narrow the search


class Tripled(Func):
    """The text with every character written three times (PostgreSQL only)."""

    template = TRIPLED_SQL
    output_field = TextField()


class TextContains(Lookup):
    """``lhs icontains rhs``; on PostgreSQL a short ``rhs`` is asked of the tripled text instead."""

    lookup_name = "text_contains"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        return compiler.compile(IContains(self.lhs, self.rhs))

    def as_postgresql(self, compiler, connection):
        if len(self.rhs) > SHORT_QUERY:
            return compiler.compile(IContains(self.lhs, self.rhs))
        # The pattern is built in SQL with the same UPPER() as the index, and escaped by Django's ``contains``.
        query = Value(self.rhs, output_field=TextField())
        return compiler.compile(Contains(Tripled(Upper(self.lhs)), Tripled(Upper(query))))


class AnyOf(In):
    """``column IN (subquery)``; on PostgreSQL ``column = ANY(ARRAY(subquery))``, usable inside an ``OR``."""

    lookup_name = "any_of"

    def as_postgresql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} = ANY(ARRAY{rhs_sql})", (*lhs_params, *rhs_params)


def text_contains(field: str, text: str) -> Q:
    """Rows whose ``field`` contains ``text`` ignoring case: the same rows as ``icontains``, found by index."""
    return Q(TextContains(F(field), text))


def any_of(field: str, subquery: QuerySet) -> Q:
    """Rows whose ``field`` is one of the values ``subquery`` selects (one column, no ordering needed)."""
    return Q(AnyOf(F(field), subquery.order_by()))
