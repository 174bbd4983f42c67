"""Ranking of units: only units leading ≥ 5 items, by satisfaction then on-time rate, ties share a rank."""

import pytest

from reports.statistics import annual_report
from reports.statistics.units import rank
from tests.reports_stats.conftest import D, Ev, Rep


def entry(unit, lead_items, satisfaction_rate, on_time_rate):
    return {
        "unit": unit,
        "lead_items": lead_items,
        "satisfaction_rate": satisfaction_rate,
        "on_time_rate": on_time_rate,
    }


def ranks(entries):
    return [(e["unit"], e["rank"]) for e in rank(entries)]


def test_only_units_leading_at_least_five_items_are_ranked():
    result = ranks([entry("甲局", 5, 0.5, 0.5), entry("乙局", 4, 1.0, 1.0)])
    assert result == [("甲局", 1), ("乙局", None)]


def test_units_are_ranked_by_satisfaction_then_on_time_rate():
    result = ranks([entry("甲局", 6, 0.8, 0.9), entry("乙局", 6, 0.9, 0.1), entry("丙局", 6, 0.8, 0.95)])
    assert result == [("乙局", 1), ("丙局", 2), ("甲局", 3)]


def test_units_equal_in_both_rates_share_a_rank_and_the_next_rank_skips():
    result = ranks(
        [entry("丁局", 5, 0.5, 0.5), entry("甲局", 5, 0.9, 0.8), entry("乙局", 5, 0.9, 0.8), entry("丙局", 5, 0.9, 0.7)]
    )
    # equal units are listed by name (code point order: 乙 before 甲)
    assert result == [("乙局", 1), ("甲局", 1), ("丙局", 3), ("丁局", 4)]


def test_a_null_rate_sorts_below_any_number_even_zero():
    result = ranks(
        [
            entry("甲局", 5, None, 1.0),
            entry("乙局", 5, 0.0, None),
            entry("丙局", 5, 0.0, 0.0),
            entry("丁局", 5, None, None),
            entry("戊局", 5, None, None),
        ]
    )
    assert result == [("丙局", 1), ("乙局", 2), ("甲局", 3), ("丁局", 4), ("戊局", 4)]


def test_unranked_units_come_last_in_name_order():
    result = ranks([entry("乙局", 1, 1.0, 1.0), entry("丙局", 5, 0.1, 0.1), entry("甲局", 2, None, None)])
    assert result == [("丙局", 1), ("乙局", None), ("甲局", None)]


@pytest.mark.django_db
def test_the_report_ranks_units_from_their_counted_items(build):
    """Three units lead five items each, one leads four. 甲局 and 乙局 tie at 4/5 satisfied, 4/5 on time."""
    units = {name: build.unit(name) for name in ("甲局", "乙局", "丙局", "丁局")}
    plan = {
        # (satisfied?, on time?) per item
        "甲局": [(True, True)] * 4 + [(False, False)],
        "乙局": [(True, False)] + [(True, True)] * 3 + [(False, True)],
        "丙局": [(True, True)] * 5,
        "丁局": [(True, True)] * 4,
    }
    for name, items in plan.items():
        for satisfied, on_time in items:
            replied = D(2025, 4, 20) if on_time else D(2025, 5, 20)  # due 05-01
            rating = "satisfied" if satisfied else "unsatisfied"
            build.item(
                submitted_on=D(2025, 1, 10), units=[units[name]], assigned_on=D(2025, 2, 1), first_replied_on=replied,
                replies=[Rep(replied, "A")], evaluations=[Ev(D(2025, 6, 1), rating)],
            )  # fmt: skip
    result = [(u["unit"], u["lead_items"], u["satisfaction_rate"], u["on_time_rate"], u["rank"])
              for u in annual_report(year=2025, as_of=D(2025, 12, 31))["units"]]  # fmt: skip
    assert result == [
        ("丙局", 5, 1.0, 1.0, 1),
        ("乙局", 5, 0.8, 0.8, 2),
        ("甲局", 5, 0.8, 0.8, 2),
        ("丁局", 4, 1.0, 1.0, None),
    ]
