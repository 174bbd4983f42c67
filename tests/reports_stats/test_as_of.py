"""A report is the state of things at the end of its day: later events do not count."""

import datetime as dt

import pytest
from django.utils import timezone

from proposals.choices import RequestStatus, Role
from proposals.models import Assignment, Contact, Evaluation, ExtensionRequest, HandlingRules, Proposal, Reply
from proposals.models.assignment import AssignmentState
from reports.statistics import annual_report, monthly_report
from reports.statistics.totals import TOTAL_KEYS
from tests.reports_stats.conftest import D, Ev, Item, Rep

pytestmark = pytest.mark.django_db


def totals(**counts):
    """The totals dict with every figure not given being 0."""
    return {key: counts.get(key, 0) for key in TOTAL_KEYS}


def aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def history(build):
    """A: replied, 不满意, re-handled, 满意. B: extended on 06-20 to 08-01, replied 07-10. C: submitted 04-10."""
    HandlingRules.current()
    j, y = build.unit("甲局"), build.unit("乙局")
    a = build.item(
        submitted_on=D(2025, 1, 10), units=[j], assigned_on=D(2025, 2, 1), first_replied_on=D(2025, 4, 20),
        replies=[Rep(D(2025, 4, 20), "B"), Rep(D(2025, 6, 1), "A", round=2)],
        evaluations=[Ev(D(2025, 5, 10), "unsatisfied"), Ev(D(2025, 6, 15), "satisfied", round=2)],
        closed_on=D(2025, 6, 15), contacts=[("meeting", D(2025, 5, 20))],
    )  # fmt: skip
    b = build.item(
        submitted_on=D(2025, 1, 10), units=[y], assigned_on=D(2025, 3, 1), extended_to=D(2025, 8, 1),
        first_replied_on=D(2025, 7, 10), replies=[Rep(D(2025, 7, 10), "C")],
    )  # fmt: skip
    ExtensionRequest.objects.create(
        assignment=b.assignments.get(), reason="需协调多部门", status=RequestStatus.APPROVED,
        requested_until=D(2025, 8, 1), approved_until=D(2025, 8, 1), decided_at=aware(D(2025, 6, 20)),
    )  # fmt: skip
    c = build.item(submitted_on=D(2025, 4, 10), units=[j], assigned_on=D(2025, 5, 1))
    return {"a": a, "b": b, "c": c, "甲局": j, "乙局": y}


EXPECTED = {
    # C is not submitted yet; nothing is due.
    D(2025, 3, 15): (
        totals(items=2, suggestions=2, assigned=2),
        {"reply_rate": 0.0, "on_time_rate": None, "closure_rate": 0.0, "first_satisfaction_rate": None,
         "satisfaction_rate": None, "solved_or_planned_rate": None, "face_to_face_rate": None},
        {"A": 0, "B": 0, "C": 0, "D": 0},
    ),
    # A replied (B) on time and was rated 不满意; the 面谈 of 05-20 has not happened.
    D(2025, 5, 15): (
        totals(items=3, suggestions=3, assigned=3, replied=1, replied_on_time=1, due_or_replied=1,
               evaluated_first=1, unsatisfied_first=1, evaluated_final=1, unsatisfied_final=1),
        {"reply_rate": 0.3333, "on_time_rate": 1.0, "closure_rate": 0.0, "first_satisfaction_rate": 0.0,
         "satisfaction_rate": 0.0, "solved_or_planned_rate": 1.0, "face_to_face_rate": 0.0},
        {"A": 0, "B": 1, "C": 0, "D": 0},
    ),
    # A re-handled (A), 满意 and closed on 06-15; B's extension comes on 06-20, so B is overdue since 06-01.
    D(2025, 6, 15): (
        totals(items=3, suggestions=3, assigned=3, replied=1, replied_on_time=1, due_or_replied=2, overdue_open=1,
               closed=1, evaluated_first=1, unsatisfied_first=1, evaluated_final=1, satisfied_final=1,
               face_to_face=1),
        {"reply_rate": 0.3333, "on_time_rate": 0.5, "closure_rate": 0.3333, "first_satisfaction_rate": 0.0,
         "satisfaction_rate": 1.0, "solved_or_planned_rate": 1.0, "face_to_face_rate": 1.0},
        {"A": 1, "B": 0, "C": 0, "D": 0},
    ),
    # B replied (C) on 07-10, within its extension to 08-01; C is due 08-01.
    D(2025, 7, 31): (
        totals(items=3, suggestions=3, assigned=3, replied=2, replied_on_time=2, due_or_replied=2, closed=1,
               evaluated_first=1, unsatisfied_first=1, evaluated_final=1, satisfied_final=1, face_to_face=1),
        {"reply_rate": 0.6667, "on_time_rate": 1.0, "closure_rate": 0.3333, "first_satisfaction_rate": 0.0,
         "satisfaction_rate": 1.0, "solved_or_planned_rate": 0.5, "face_to_face_rate": 0.5},
        {"A": 1, "B": 0, "C": 1, "D": 0},
    ),
}  # fmt: skip


@pytest.mark.parametrize("as_of", list(EXPECTED), ids=str)
def test_the_same_data_gives_the_figures_of_each_day(history, as_of):
    report = annual_report(year=2025, as_of=as_of)
    expected_totals, expected_rates, expected_categories = EXPECTED[as_of]
    assert report["as_of"] == as_of.isoformat()
    assert report["totals"] == expected_totals
    assert report["rates"] == expected_rates
    assert report["categories"] == expected_categories


def test_the_reports_of_the_days_all_differ(history):
    reports = [annual_report(year=2025, as_of=day) for day in EXPECTED]
    figures = [(r["totals"], r["rates"], r["categories"]) for r in reports]
    assert len({repr(f) for f in figures}) == len(EXPECTED)


def test_unit_figures_follow_the_day_too(history):
    def row(as_of, unit):
        units = annual_report(year=2025, as_of=as_of)["units"]
        return next(
            (u["lead_items"], u["replied"], u["due_or_replied"], u["evaluated"]) for u in units if u["unit"] == unit
        )

    assert row(D(2025, 3, 15), "甲局") == (1, 0, 0, 0)  # A only; C not submitted yet
    assert row(D(2025, 6, 15), "甲局") == (2, 1, 1, 1)  # A and C; A replied and rated
    assert row(D(2025, 6, 15), "乙局") == (1, 0, 1, 0)  # B overdue before its extension
    assert row(D(2025, 7, 31), "乙局") == (1, 1, 1, 0)


def add_later_events(history):
    """Everything that happens after 2025-06-15."""
    b, c, j, y = history["b"], history["c"], history["甲局"], history["乙局"]
    later = D(2025, 8, 10)
    c_lead = c.assignments.get()
    Reply.objects.create(proposal=c, assignment=c_lead, unit=j, category="D", replied_on=later)
    Proposal.objects.filter(pk=c.pk).update(first_replied_on=later, latest_replied_on=later, state="replied")
    Evaluation.objects.create(
        proposal=b, round=1, deputy=b.lead_deputy, attitude="basic", result="basic", evaluated_on=D(2025, 8, 15)
    )
    Proposal.objects.filter(pk=b.pk).update(closed_on=D(2025, 8, 15), state="closed")
    Contact.objects.create(proposal=b, method="visit", contacted_on=D(2025, 7, 1))
    Contact.objects.create(proposal=c, method="meeting", contacted_on=D(2025, 8, 1))
    ExtensionRequest.objects.create(
        assignment=c_lead, reason="等待规划批复", status=RequestStatus.APPROVED, requested_until=D(2025, 10, 1),
        approved_until=D(2025, 10, 1), decided_at=aware(D(2025, 7, 20)),
    )  # fmt: skip
    Proposal.objects.filter(pk=c.pk).update(extended_to=D(2025, 10, 1))
    # 甲局 hands C back on 09-01 and 乙局 takes it over.
    Assignment.objects.filter(pk=c_lead.pk).update(state=AssignmentState.WITHDRAWN, withdrawn_on=D(2025, 9, 1))
    history["_build"]._assignment(c, y, Role.LEAD, D(2025, 9, 2))
    history["_build"].item(Item(submitted_on=D(2025, 6, 20), units=[y], assigned_on=D(2025, 6, 25)))


def test_a_report_for_a_past_day_is_not_changed_by_later_events(build, history):
    history["_build"] = build
    before_annual = annual_report(year=2025, as_of=D(2025, 6, 15))
    before_monthly = monthly_report(year=2025, month=5)
    add_later_events(history)
    assert annual_report(year=2025, as_of=D(2025, 6, 15)) == before_annual
    assert monthly_report(year=2025, month=5) == before_monthly
    # …while a later day sees them.
    after = annual_report(year=2025, as_of=D(2025, 12, 31))
    assert after["totals"]["items"] == 4
    assert after["totals"]["closed"] == 2
