"""The follow-up lists as of any day: the monthly report's lists, read on the dashboard's day."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proposals.models import Proposal
from reports.statistics import monthly_report, open_item_lists
from tests.reports_stats.conftest import D
from tests.reports_stats.test_monthly import june  # noqa: F401  (the hand-counted June items)

pytestmark = pytest.mark.django_db


def without_pk(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "pk"} for row in rows]


def test_the_monthly_reports_lists_are_the_open_item_lists_of_its_last_day(june):  # noqa: F811
    report = monthly_report(year=2025, month=6)
    lists = open_item_lists(as_of=D(2025, 6, 30), year=2025)
    for key in ("overdue", "near_due", "key_supervision"):
        assert report[key] == without_pk(lists[key]), key
    # P1 is last year's; O1 and O2 are late in their first round, O3 in its re-handling round.
    parts = {"first_round": 2, "rehandling": 1, "earlier_years": 1, "total": 4}
    assert lists["counts"] == {"overdue": 4, "near_due": 3, "key_supervision": 1, "overdue_parts": parts}
    assert parts["first_round"] == report["totals"]["overdue_open"]


def test_every_entry_carries_its_items_id(june):  # noqa: F811
    lists = open_item_lists(as_of=D(2025, 6, 30), year=2025)
    numbers = dict(Proposal.objects.values_list("pk", "number"))
    for key in ("overdue", "near_due", "key_supervision"):
        assert [numbers[row["pk"]] for row in lists[key]] == [row["number"] for row in lists[key]]


def test_a_day_within_the_month_has_its_own_overdue_and_near_due_items(june):  # noqa: F811
    lists = open_item_lists(as_of=D(2025, 6, 15), year=2025)
    # O2 (due 06-10) is 5 days late; O3's re-handling falls due in 5 days, N1 (07-10) is beyond 15 days.
    assert [(e["number"], e["days_overdue"], e["stage"]) for e in lists["overdue"]] == [
        ("P1", 106, "首次办理"),
        ("O1", 45, "首次办理"),
        ("O2", 5, "首次办理"),
    ]
    assert [(e["number"], e["days_left"], e["stage"]) for e in lists["near_due"]] == [("O3", 5, "重新办理")]
    assert lists["overdue"][2]["units"] == "甲局、乙局"


def test_a_limit_keeps_the_oldest_entries_of_each_list_and_still_counts_them_all(june):  # noqa: F811
    whole = open_item_lists(as_of=D(2025, 6, 30), year=2025)
    limited = open_item_lists(as_of=D(2025, 6, 30), year=2025, limit=2)
    assert limited["overdue"] == whole["overdue"][:2]
    assert limited["near_due"] == whole["near_due"][:2]
    assert limited["key_supervision"] == whole["key_supervision"]
    assert limited["counts"] == whole["counts"]
    assert {k: v for k, v in limited["counts"].items() if k != "overdue_parts"} == {
        "overdue": 4,
        "near_due": 3,
        "key_supervision": 1,
    }


def test_a_limit_below_one_is_refused(june):  # noqa: F811
    with pytest.raises(ValueError):
        open_item_lists(as_of=D(2025, 6, 30), year=2025, limit=0)


def test_a_day_without_open_items_gives_empty_lists(db):
    assert open_item_lists(as_of=D(2025, 6, 30), year=2025) == {
        "overdue": [],
        "near_due": [],
        "key_supervision": [],
        "counts": {
            "overdue": 0,
            "near_due": 0,
            "key_supervision": 0,
            "overdue_parts": {"first_round": 0, "rehandling": 0, "earlier_years": 0, "total": 0},
        },
    }


def test_the_lists_cost_the_same_few_queries_with_or_without_a_limit(june):  # noqa: F811
    with CaptureQueriesContext(connection) as whole:
        open_item_lists(as_of=D(2025, 6, 30), year=2025)
    with CaptureQueriesContext(connection) as limited:
        open_item_lists(as_of=D(2025, 6, 30), year=2025, limit=1)
    assert len(whole) == len(limited) <= 6  # with the overdue items' split for the dashboard's card
