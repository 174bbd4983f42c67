"""A query shape compiled once gives the rows its queryset gives, for any values, and refuses mistakes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet

from common.sql_shapes import QueryShape, fetch_row
from proposals.models import Proposal
from tests import factories
from units.models import Unit

pytestmark = pytest.mark.django_db
# Only PostgreSQL runs the compiled SQL; elsewhere a shape compiles its queryset on each call.
compiled_here = pytest.mark.skipif(connection.vendor != "postgresql", reason="shapes are compiled on PostgreSQL")


def _units(*, first: int, last: int) -> QuerySet:
    # The constant 3 is also a likely value: it must stay a constant when a value equals it.
    return Unit.objects.filter(pk__gte=first, pk__lte=last).exclude(pk=3).order_by().values("pk")


def _run(shape: QueryShape, **values) -> set[int]:
    sql, params = shape.sql(values=values)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


def test_the_compiled_shape_finds_what_its_queryset_finds_for_every_value():
    ids = [Unit.objects.create(name=f"单位{i}").pk for i in range(6)]
    shape = QueryShape(_units)
    for first, last in [(ids[0], ids[-1]), (ids[1], ids[3]), (3, 3), (ids[-1], ids[0])]:
        expected = {row["pk"] for row in _units(first=first, last=last)}
        assert _run(shape, first=first, last=last) == expected


@compiled_here
def test_a_value_computed_inside_the_builder_is_refused_instead_of_compiled_as_a_constant():
    def computed(*, day: dt.date) -> QuerySet:
        return Proposal.objects.filter(submitted_on__lte=day + dt.timedelta(days=7)).values("pk")

    with pytest.raises(ImproperlyConfigured):
        QueryShape(computed).sql(values={"day": dt.date(2026, 12, 4)})


@compiled_here
def test_a_value_the_builder_does_not_use_is_refused():
    def unused(*, unit_id: int, day: dt.date) -> QuerySet:
        return Unit.objects.filter(pk=unit_id).values("pk")

    with pytest.raises(ImproperlyConfigured):
        QueryShape(unused).sql(values={"unit_id": 1, "day": dt.date(2026, 12, 4)})


@compiled_here
def test_a_missing_value_is_chosen_by_an_option_not_passed_as_none():
    with pytest.raises(ImproperlyConfigured):
        QueryShape(_units).sql(values={"first": 1, "last": None})


def test_fetch_row_names_the_columns_of_the_first_row():
    proposal = factories.proposal()
    shape = QueryShape(lambda *, pk: Proposal.objects.filter(pk=pk).values("title", "id"))
    sql, params = shape.sql(values={"pk": proposal.pk})
    assert fetch_row(sql, params) == {"title": proposal.title, "id": proposal.pk}
    assert fetch_row(sql, [proposal.pk + 10_000]) is None
