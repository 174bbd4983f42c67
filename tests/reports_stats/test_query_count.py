"""The reports cost a fixed number of queries, however many items there are."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from proposals.choices import RequestStatus
from proposals.models import AdjustmentRequest, ExtensionRequest, HandlingRules, ProgressNote
from reports.statistics import annual_report, monthly_report
from tests.reports_stats.conftest import D, Ev, Rep

pytestmark = pytest.mark.django_db

# On PostgreSQL each report first turns JIT compilation off for its transaction (one more statement).
SETUP = 1 if connection.vendor == "postgresql" else 0
# The year's facts are computed once into a temporary table, which is then dropped; PostgreSQL also takes
# its statistics, for the planner.
FACTS_TABLE = 3 if connection.vendor == "postgresql" else 2
# counts, ratings and categories, fields, units (with their signing and meetings); the unit scores' weights;
# follow_up's counts (one statement); the scores' penalties: returns, overdue promises
ANNUAL_QUERIES = SETUP + FACTS_TABLE + 8
# rules, 2 for the totals, open items, key items, re-handled, unit names, units, requests, the committees'
# supervision (committees and their fields, supervised suggestions and their units, supervised opinions),
# the follow-ups due, and the counts of the follow_up figures (one statement)
MONTHLY_QUERIES = SETUP + FACTS_TABLE + 15


def add_items(build, n: int) -> None:
    """``n`` rounds of five items of every kind: replied and rated, re-handled, split, overdue, key-supervised."""
    units = [build.unit(f"第{i}局") for i in range(4)]
    for i in range(n):
        u, v = units[i % 4], units[(i + 1) % 4]
        build.item(
            submitted_on=D(2025, 1, 10), units=[u], co=[v], mode="lead_co", assigned_on=D(2025, 2, 1),
            first_replied_on=D(2025, 4, 1), replies=[Rep(D(2025, 4, 1), "A")], evaluations=[Ev(D(2025, 4, 10))],
            closed_on=D(2025, 4, 10), contacts=[("meeting", D(2025, 3, 1))], field=f"领域{i % 3}",
        )  # fmt: skip
        build.item(
            submitted_on=D(2025, 1, 10), units=[u], assigned_on=D(2025, 2, 1), first_replied_on=D(2025, 4, 1),
            replies=[Rep(D(2025, 4, 1), "C")], evaluations=[Ev(D(2025, 4, 10), "unsatisfied")],
        )  # fmt: skip
        build.item(
            submitted_on=D(2025, 1, 10), mode="split", units=[u, v], assigned_on=D(2025, 3, 1),
            replies=[Rep(D(2025, 5, 1), "B", unit=u)],
        )  # fmt: skip
        build.item(submitted_on=D(2025, 1, 10), units=[v], assigned_on=D(2025, 5, 20), key_supervision=True)
        p = build.item(submitted_on=D(2025, 1, 10), units=[u], assigned_on=D(2025, 4, 1), key_supervision=True)
        assignment = p.assignments.get()
        ProgressNote.objects.create(proposal=p, unit=u, noted_on=D(2025, 6, 1), body="正在推进")
        AdjustmentRequest.objects.create(assignment=assignment, reason="职责不符")
        ExtensionRequest.objects.create(
            assignment=assignment, reason="需要协调", requested_until=D(2025, 9, 1), status=RequestStatus.PENDING
        )
    AdjustmentRequest.objects.update(requested_at=timezone.make_aware(dt.datetime(2025, 6, 10, 9)))
    ExtensionRequest.objects.update(requested_at=timezone.make_aware(dt.datetime(2025, 6, 11, 9)))


def count_queries(func) -> int:
    with CaptureQueriesContext(connection) as captured:
        func()
    return len(captured.captured_queries)


def test_the_annual_report_takes_the_same_few_queries_for_few_or_many_items(build, django_assert_max_num_queries):
    add_items(build, 1)
    small = count_queries(lambda: annual_report(year=2025, as_of=D(2025, 12, 31)))
    add_items(build, 12)
    with django_assert_max_num_queries(ANNUAL_QUERIES):
        report = annual_report(year=2025, as_of=D(2025, 12, 31))
    assert report["totals"]["items"] == 13 * 5
    assert count_queries(lambda: annual_report(year=2025, as_of=D(2025, 12, 31))) == small


def test_the_monthly_report_takes_the_same_few_queries_for_few_or_many_items(build, django_assert_max_num_queries):
    HandlingRules.current()
    add_items(build, 1)
    small = count_queries(lambda: monthly_report(year=2025, month=6))
    add_items(build, 12)
    with django_assert_max_num_queries(MONTHLY_QUERIES):
        report = monthly_report(year=2025, month=6)
    assert len(report["pending_requests"]) == 2 * 13
    assert len(report["key_supervision"]) == 2 * 13
    assert len(report["overdue"]) > 13
    assert count_queries(lambda: monthly_report(year=2025, month=6)) == small
