"""The year's facts are looked up once per report into a temporary table, and counted per (unit, item)."""

import pytest
from django.db import DatabaseError, transaction

from reports.item_facts import StatItemFact
from reports.statistics import annual_report
from reports.statistics.facts_table import item_facts_table
from reports.statistics.units import unit_counts
from tests.reports_stats.conftest import D, Ev, Rep

pytestmark = pytest.mark.django_db

AS_OF = D(2025, 12, 31)


def facts_table_exists() -> bool:
    try:
        with transaction.atomic():
            StatItemFact.objects.count()
    except DatabaseError:
        return False
    return True


def test_a_unit_holding_two_assignments_of_one_item_counts_the_item_once_and_signs_twice(build):
    unit = build.unit("市交通运输局")
    build.item(
        submitted_on=D(2025, 1, 10), mode="split", units=[unit, unit], co=[unit], assigned_on=D(2025, 2, 1),
        first_replied_on=D(2025, 4, 1), replies=[Rep(D(2025, 4, 1), "A")], evaluations=[Ev(D(2025, 4, 10))],
    )  # fmt: skip
    (row,) = unit_counts(year=2025, as_of=AS_OF)
    assert row["unit__name"] == "市交通运输局"
    assert (row["lead_items"], row["co_items"], row["replied"], row["evaluated"], row["satisfied"]) == (1, 1, 1, 1, 1)
    assert row["signed"] == 3  # every assignment's sign window has closed: counted per assignment


def test_the_year_end_report_leaves_no_facts_table_behind(build):
    unit = build.unit("市教育局")
    build.item(submitted_on=D(2025, 1, 10), units=[unit], assigned_on=D(2025, 2, 1))
    with item_facts_table(year=2025, as_of=AS_OF):
        assert facts_table_exists()
    report = annual_report(year=2025, as_of=AS_OF)
    assert report["totals"]["assigned"] == 1
    assert not facts_table_exists()


def test_a_report_that_fails_midway_drops_its_facts_table(build):
    with pytest.raises(RuntimeError), item_facts_table(year=2025, as_of=AS_OF):
        raise RuntimeError("报告中途出错")
    assert not facts_table_exists()


def test_figures_inside_a_report_read_its_table_and_another_days_facts_are_refused(build):
    unit = build.unit("市民政局")
    build.item(submitted_on=D(2025, 1, 10), units=[unit], assigned_on=D(2025, 2, 1))
    with item_facts_table(year=2025, as_of=AS_OF):
        with item_facts_table(year=2025, as_of=AS_OF):
            assert facts_table_exists()
        assert facts_table_exists()  # the inner block did not drop the report's table
        with pytest.raises(RuntimeError), item_facts_table(year=2025, as_of=D(2025, 6, 30)):
            pass
    assert not facts_table_exists()
