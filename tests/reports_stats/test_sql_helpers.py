"""Month arithmetic in SQL agrees with the deadline rules; rates round half up."""

import pytest
from django.db import connection
from django.db.models import DateField, F, Value

from proposals.deadlines import add_months
from proposals.models import Proposal
from reports.statistics.sql import AddMonths, rate, without_jit
from tests.reports_stats.conftest import D

DAYS = [D(2025, 11, 30), D(2023, 11, 30), D(2025, 1, 31), D(2025, 8, 31), D(2025, 5, 15), D(2025, 12, 31)]


@pytest.mark.django_db
@pytest.mark.parametrize("months", [1, 3, 6])
def test_add_months_in_sql_clamps_to_the_last_day_of_the_month_like_the_deadline_rules(build, months):
    for day in DAYS:
        build.item(submitted_on=day, assigned_on=day, units=[build.unit("甲局")])
    rows = Proposal.objects.annotate(due=AddMonths(F("assigned_on"), months=months)).values_list("assigned_on", "due")
    assert sorted(rows) == sorted((day, add_months(day, months)) for day in DAYS)


@pytest.mark.django_db
def test_add_months_takes_a_parameter_as_well_as_a_column(build):
    build.item(submitted_on=D(2025, 1, 1))
    due = Proposal.objects.annotate(
        due=AddMonths(Value(D(2024, 11, 30), output_field=DateField()), months=3)
    ).values_list("due", flat=True)
    assert list(due) == [D(2025, 2, 28)]


def test_rates_are_rounded_half_up_to_four_places():
    assert rate(1, 20000) == 0.0001  # 0.00005 → up, not to even
    assert rate(5, 32) == 0.1563  # 0.15625 → up
    assert rate(2, 3) == 0.6667
    assert rate(1, 3) == 0.3333
    assert rate(0, 7) == 0.0


def test_a_rate_with_nothing_to_divide_by_is_null():
    assert rate(0, 0) is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="JIT compilation is a PostgreSQL setting")
def test_reports_run_without_postgresql_jit_and_leave_the_setting_as_it_was():
    def jit_setting():
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            return cursor.fetchone()[0]

    before = jit_setting()
    assert without_jit(jit_setting)() == "off"
    assert jit_setting() == before
