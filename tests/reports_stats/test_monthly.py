"""The monthly supervision report for June 2025 (as of 2025-06-30) on a hand-counted set of open items."""

import datetime as dt

import pytest
from django.utils import timezone

from proposals.choices import RequestStatus
from proposals.models import AdjustmentRequest, ExtensionRequest, HandlingRules, ProgressNote
from reports.statistics import annual_report, monthly_report
from tests.reports_stats.conftest import D, Ev, Rep

pytestmark = pytest.mark.django_db


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))


@pytest.fixture
def june(build):
    HandlingRules.current()
    j, y, b = build.unit("甲局"), build.unit("乙局"), build.unit("丙局")
    jan = D(2025, 1, 10)
    # O1: 甲局, due 05-01, no reply: 60 days overdue on 06-30. 重点督办 with progress notes.
    o1 = build.item(
        submitted_on=jan, number="O1", title="O1", units=[j], assigned_on=D(2025, 2, 1), key_supervision=True
    )
    ProgressNote.objects.create(proposal=o1, unit=j, noted_on=D(2025, 6, 10), body="已完成方案")
    ProgressNote.objects.create(proposal=o1, unit=j, noted_on=D(2025, 7, 5), body="七月的进展不计")
    # O2: 分办 甲局 + 乙局, due 06-10; only 甲局 has replied: 20 days overdue, pending at 乙局 only.
    build.item(
        submitted_on=jan, number="O2", title="O2", mode="split", units=[j, y], assigned_on=D(2025, 3, 10),
        replies=[Rep(D(2025, 6, 5), "B", unit=j)],
    )  # fmt: skip
    # O3: 乙局 replied 04-01, 不满意 05-20, re-handling due 06-20 without a reply: 10 days overdue.
    build.item(
        submitted_on=jan, number="O3", title="O3", units=[y], assigned_on=D(2025, 2, 1),
        first_replied_on=D(2025, 4, 1), replies=[Rep(D(2025, 4, 1), "C")],
        evaluations=[Ev(D(2025, 5, 20), "unsatisfied")],
    )  # fmt: skip
    # O4: 丙局 replied 05-01, 不满意 06-05: re-handling due 07-05, 5 days left.
    build.item(
        submitted_on=jan, number="O4", title="O4", units=[b], assigned_on=D(2025, 2, 1),
        first_replied_on=D(2025, 5, 1), replies=[Rep(D(2025, 5, 1), "B")],
        evaluations=[Ev(D(2025, 6, 5), "unsatisfied")],
    )  # fmt: skip
    # N1: 丙局 due 07-10 (10 days left); N2: 甲局 due 07-15 (15 days: still near); F1: 甲局 due 07-16.
    n1 = build.item(submitted_on=jan, number="N1", title="N1", units=[b], assigned_on=D(2025, 4, 10))
    build.item(submitted_on=jan, number="N2", title="N2", units=[j], assigned_on=D(2025, 4, 15))
    f1 = build.item(submitted_on=jan, number="F1", title="F1", units=[j], assigned_on=D(2025, 4, 16))
    # E1: 丙局, due 06-01 extended to 08-01: open, neither near nor overdue.
    build.item(
        submitted_on=jan, number="E1", title="E1", units=[b], assigned_on=D(2025, 3, 1), extended_to=D(2025, 8, 1)
    )
    # R1 replied and R2 re-handled, 满意 and closed: not open.
    build.item(
        submitted_on=jan, number="R1", title="R1", units=[j], assigned_on=D(2025, 2, 1),
        first_replied_on=D(2025, 4, 1), replies=[Rep(D(2025, 4, 1), "A")],
    )  # fmt: skip
    build.item(
        submitted_on=jan, number="R2", title="R2", units=[y], assigned_on=D(2025, 2, 1),
        first_replied_on=D(2025, 3, 20), replies=[Rep(D(2025, 3, 20), "D"), Rep(D(2025, 4, 20), "B", round=2)],
        evaluations=[Ev(D(2025, 4, 1), "unsatisfied"), Ev(D(2025, 5, 1), "satisfied", round=2)],
        closed_on=D(2025, 5, 1),
    )  # fmt: skip
    # P1: last year's item of 丙局, due 2025-03-01, still unanswered: 121 days overdue.
    build.item(submitted_on=D(2024, 11, 1), number="P1", title="P1", units=[b], assigned_on=D(2024, 12, 1))
    # Requests: pending adjustment (06-20), extension asked 06-25 and decided 07-03 (pending on 06-30);
    # one denied on 06-28 and one asked in July do not show.
    adjust = AdjustmentRequest.objects.create(assignment=f1.assignments.get(), reason="不属于本单位职责")
    extend = ExtensionRequest.objects.create(
        assignment=n1.assignments.get(), reason="需现场勘查", requested_until=D(2025, 8, 10),
        status=RequestStatus.APPROVED, approved_until=D(2025, 8, 10), decided_at=at(D(2025, 7, 3)),
    )  # fmt: skip
    denied = AdjustmentRequest.objects.create(
        assignment=o1.assignments.get(), reason="申请退回", status=RequestStatus.DENIED, decided_at=at(D(2025, 6, 28))
    )
    july = ExtensionRequest.objects.create(
        assignment=o1.assignments.get(), reason="七月申请", requested_until=D(2025, 9, 1)
    )
    for request, day in (
        (adjust, D(2025, 6, 20)),
        (extend, D(2025, 6, 25)),
        (denied, D(2025, 6, 21)),
        (july, D(2025, 7, 2)),
    ):
        type(request).objects.filter(pk=request.pk).update(requested_at=at(day))


def test_it_lists_overdue_items_oldest_first_with_their_days_overdue(june):
    report = monthly_report(year=2025, month=6)
    assert report["month"] == "2025-06"
    assert report["as_of"] == "2025-06-30"
    assert report["overdue"] == [
        {"session": "市十七届人大四次会议", "number": "P1", "title": "P1", "units": "丙局", "due": "2025-03-01",
         "days_overdue": 121, "stage": "首次办理"},
        {"session": "市十七届人大四次会议", "number": "O1", "title": "O1", "units": "甲局", "due": "2025-05-01",
         "days_overdue": 60, "stage": "首次办理"},
        {"session": "市十七届人大四次会议", "number": "O2", "title": "O2", "units": "甲局、乙局", "due": "2025-06-10",
         "days_overdue": 20, "stage": "首次办理"},
        {"session": "市十七届人大四次会议", "number": "O3", "title": "O3", "units": "乙局", "due": "2025-06-20",
         "days_overdue": 10, "stage": "重新办理"},
    ]  # fmt: skip


def test_it_lists_items_due_within_fifteen_days(june):
    near = monthly_report(year=2025, month=6)["near_due"]
    assert [(e["number"], e["due"], e["days_left"], e["stage"]) for e in near] == [
        ("O4", "2025-07-05", 5, "重新办理"),
        ("N1", "2025-07-10", 10, "首次办理"),
        ("N2", "2025-07-15", 15, "首次办理"),
    ]


def test_it_counts_each_units_open_near_due_and_overdue_items(june):
    assert monthly_report(year=2025, month=6)["units"] == [
        {"unit": "乙局", "open": 2, "near_due": 0, "overdue": 2},  # O2 (its part), O3
        {"unit": "丙局", "open": 4, "near_due": 2, "overdue": 1},  # P1, O4, N1, E1
        {"unit": "甲局", "open": 3, "near_due": 1, "overdue": 1},  # O1, N2, F1 (its part of O2 is answered)
    ]


def test_it_shows_key_supervision_items_with_their_latest_progress_by_the_month_end(june):
    assert monthly_report(year=2025, month=6)["key_supervision"] == [
        {"session": "市十七届人大四次会议", "number": "O1", "title": "O1", "units": "甲局", "supervisor": "",
         "status": "超期未答复", "due": "2025-05-01",
         "latest_progress": {"date": "2025-06-10", "unit": "甲局", "body": "已完成方案"}, "latest_reply": None},
    ]  # fmt: skip


def test_it_lists_unsatisfied_items_and_their_re_handling(june):
    assert monthly_report(year=2025, month=6)["rehandled"] == [
        {"session": "市十七届人大四次会议", "number": "R2", "title": "R2", "units": "乙局",
         "unsatisfied_on": "2025-04-01", "rehandle_due": "2025-05-01", "rehandle_replied_on": "2025-04-20",
         "final_evaluation": "满意", "status": "已办结"},
        {"session": "市十七届人大四次会议", "number": "O3", "title": "O3", "units": "乙局",
         "unsatisfied_on": "2025-05-20", "rehandle_due": "2025-06-20", "rehandle_replied_on": None,
         "final_evaluation": None, "status": "重新办理超期"},
        {"session": "市十七届人大四次会议", "number": "O4", "title": "O4", "units": "丙局",
         "unsatisfied_on": "2025-06-05", "rehandle_due": "2025-07-05", "rehandle_replied_on": None,
         "final_evaluation": None, "status": "重新办理中"},
    ]  # fmt: skip


def test_it_lists_requests_awaiting_a_decision_at_the_month_end(june):
    assert monthly_report(year=2025, month=6)["pending_requests"] == [
        {"kind": "调整", "session": "市十七届人大四次会议", "number": "F1", "title": "F1", "unit": "甲局",
         "requested_on": "2025-06-20", "requested_until": None, "proposed_unit": None, "reason": "不属于本单位职责"},
        {"kind": "延期", "session": "市十七届人大四次会议", "number": "N1", "title": "N1", "unit": "丙局",
         "requested_on": "2025-06-25", "requested_until": "2025-08-10", "proposed_unit": None, "reason": "需现场勘查"},
    ]  # fmt: skip


def test_its_totals_are_the_year_end_figures_as_of_the_month_end(june):
    report = monthly_report(year=2025, month=6)
    annual = annual_report(year=2025, as_of=D(2025, 6, 30))
    assert (report["totals"], report["rates"], report["categories"]) == (
        annual["totals"],
        annual["rates"],
        annual["categories"],
    )
    # first round only, this year's items only: O1 and O2 (not O3's re-handling, not last year's P1)
    assert report["totals"]["overdue_open"] == 2
    assert list(report) == [
        "month", "as_of", "totals", "rates", "categories", "overdue", "near_due", "key_supervision", "units",
        "rehandled", "pending_requests", "committees", "followups", "follow_up",
    ]  # fmt: skip


def test_a_month_earlier_sees_fewer_items_overdue(june):
    report = monthly_report(year=2025, month=5)  # as of 05-31
    assert [(e["number"], e["days_overdue"]) for e in report["overdue"]] == [("P1", 91), ("O1", 30)]
    # O2 due 06-10 falls within 15 days of 05-31; O3's re-handling due 06-20 does not.
    assert [(e["number"], e["days_left"]) for e in report["near_due"]] == [("O2", 10)]
    # O4 was not rated yet: it counts as replied, not as re-handled.
    assert [e["number"] for e in report["rehandled"]] == ["R2", "O3"]
