"""Every figure of the year-end report on a small hand-counted year (as of 2025-12-31)."""

import json

import pytest

from proposals.choices import Kind, MotionOutcome
from proposals.models import Assignment, HandlingRules
from proposals.models.assignment import AssignmentState
from proposals.models.proposal import ProposalState as S
from reports.statistics import annual_report
from tests.reports_stats.conftest import D, Ev, Rep

pytestmark = pytest.mark.django_db

AS_OF = D(2025, 12, 31)


@pytest.fixture
def year_2025(build):
    """Nine suggestions (S1–S8 and the converted motion M3), three motions, and items that do not count."""
    HandlingRules.current()
    j, y, b = build.unit("甲局"), build.unit("乙局"), build.unit("丙局")
    jan = D(2025, 1, 10)
    # S1: 单办 甲局, on time (04-20 ≤ 05-01), A, 满意, closed, 面谈, 重点督办
    build.item(
        submitted_on=jan, units=[j], assigned_on=D(2025, 2, 1), first_replied_on=D(2025, 4, 20),
        replies=[Rep(D(2025, 4, 20), "A")], evaluations=[Ev(D(2025, 5, 10), "satisfied")],
        closed_on=D(2025, 5, 10), contacts=[("meeting", D(2025, 3, 1))], key_supervision=True,
    )  # fmt: skip
    # S2: 单办 甲局, late (05-20 > 05-01), B, 基本满意, closed, only a phone call
    build.item(
        submitted_on=jan, units=[j], assigned_on=D(2025, 2, 1), first_replied_on=D(2025, 5, 20),
        replies=[Rep(D(2025, 5, 20), "B")], evaluations=[Ev(D(2025, 6, 1), "basic")], closed_on=D(2025, 6, 1),
        contacts=[("phone", D(2025, 4, 1))],
    )  # fmt: skip
    # S3: 主办 乙局 + 协办 甲局, on time, C then re-handled A; 不满意 then 满意; the 座谈会 is after as_of
    build.item(
        submitted_on=jan, field="交通", mode="lead_co", units=[y], co=[j], assigned_on=D(2025, 2, 1),
        first_replied_on=D(2025, 4, 25), replies=[Rep(D(2025, 4, 25), "C"), Rep(D(2025, 6, 1), "A", round=2)],
        evaluations=[Ev(D(2025, 5, 5), "unsatisfied"), Ev(D(2025, 6, 10), "satisfied", round=2)],
        closed_on=D(2025, 6, 10), contacts=[("forum", D(2026, 1, 5))],
    )  # fmt: skip
    # S4: 分办 甲局 + 乙局, no 领域, extended to 08-01; 甲局 A on 06-20, 乙局 B on 07-15 (the item's date), 上门
    build.item(
        submitted_on=jan, field="", mode="split", units=[j, y], assigned_on=D(2025, 3, 1), extended_to=D(2025, 8, 1),
        first_replied_on=D(2025, 7, 15), replies=[Rep(D(2025, 6, 20), "A", unit=j), Rep(D(2025, 7, 15), "B", unit=y)],
        contacts=[("visit", D(2025, 7, 1))],
    )  # fmt: skip
    # S5: first given to 丙局 (handed back 05-28), then 单办 乙局 from 06-01, due 09-01, never replied: overdue;
    # its 视察调研 does not count (not replied); 重点督办
    s5 = build.item(
        submitted_on=jan, field="交通", units=[y], assigned_on=D(2025, 5, 20), reply_due=D(2025, 9, 1),
        contacts=[("inspection", D(2025, 7, 1))], key_supervision=True,
    )  # fmt: skip
    Assignment.objects.filter(proposal=s5).update(assigned_on=D(2025, 6, 1))
    build._assignment(s5, b, "lead", D(2025, 5, 20), state=AssignmentState.WITHDRAWN)
    Assignment.objects.filter(proposal=s5, unit=b).update(withdrawn_on=D(2025, 5, 28))
    # S6: 单办 丙局 on 11-15, due 2026-02-15: neither replied nor due
    build.item(submitted_on=jan, field="交通", units=[b], assigned_on=D(2025, 11, 15))
    # S7: registered, not assigned
    build.item(submitted_on=D(2025, 3, 3), field="教育")
    # S8: no stored due date: 08-31 + 3 months = 11-30, replied 12-01: late
    s8 = build.item(
        submitted_on=D(2025, 8, 1), units=[j], assigned_on=D(2025, 8, 31), first_replied_on=D(2025, 12, 1),
        replies=[Rep(D(2025, 12, 1), "A")],
    )  # fmt: skip
    type(s8).objects.filter(pk=s8.pk).update(reply_due=None)
    # M1 列入议程 (its 重点督办 mark is not counted: motions are not in S), M2 不列入议程, M4 pending
    motion = {"kind": Kind.MOTION, "field": "法制"}
    build.item(
        submitted_on=jan, motion_outcome=MotionOutcome.TO_AGENDA, state=S.ON_AGENDA, key_supervision=True, **motion
    )
    build.item(submitted_on=jan, motion_outcome=MotionOutcome.NOT_TO_AGENDA, state=S.NOT_ON_AGENDA, **motion)
    build.item(submitted_on=jan, state=S.REGISTERED, **motion)
    # M3: 议案转建议, 单办 丙局, on time, D, 不满意 and re-handling not answered yet
    build.item(
        submitted_on=jan, kind=Kind.MOTION, motion_outcome=MotionOutcome.CONVERTED, field="教育", units=[b],
        assigned_on=D(2025, 3, 1), first_replied_on=D(2025, 5, 15), replies=[Rep(D(2025, 5, 15), "D")],
        evaluations=[Ev(D(2025, 5, 20), "unsatisfied")],
    )  # fmt: skip
    # Not counted: rejected, merged, withdrawn, draft, submitted in 2024 or in 2026.
    for state in (S.REJECTED, S.MERGED, S.WITHDRAWN, S.DRAFT):
        build.item(submitted_on=jan, state=state)
    for day in (D(2024, 12, 30), D(2026, 1, 2)):
        build.item(
            submitted_on=day, units=[j], assigned_on=day, first_replied_on=day, replies=[Rep(day, "A")],
            evaluations=[Ev(day, "satisfied")], closed_on=day,
        )  # fmt: skip


def test_it_counts_every_total_by_the_contracts_definitions(year_2025):
    report = annual_report(year=2025, as_of=AS_OF)
    assert report["totals"] == {
        "items": 12,  # S1–S8, M3 and M1, M2, M4
        "suggestions": 9,  # S1–S8 and M3
        "motions": 3,  # M1, M2, M4
        "motions_to_agenda": 1,  # M1
        "motions_converted": 1,  # M3
        "assigned": 8,  # all of S but S7
        "replied": 6,  # S1 S2 S3 S4 S8 M3
        "replied_on_time": 4,  # S1 S3 S4 (extension) M3; not S2, S8
        "due_or_replied": 7,  # the 6 replied and S5
        "overdue_open": 1,  # S5
        "closed": 3,  # S1 S2 S3
        "evaluated_first": 4,  # S1 S2 S3 M3
        "satisfied_first": 1,  # S1
        "basically_satisfied_first": 1,  # S2
        "unsatisfied_first": 2,  # S3 M3
        "evaluated_final": 4,
        "satisfied_final": 2,  # S1, S3 round 2
        "basically_satisfied_final": 1,  # S2
        "unsatisfied_final": 1,  # M3
        "face_to_face": 2,  # S1 面谈, S4 上门
        "key_supervision": 2,  # S1 S5
    }
    assert list(report["totals"]) == list(json.loads(json.dumps(report))["totals"])


def test_it_computes_the_rates_rounded_half_up_to_four_places(year_2025):
    report = annual_report(year=2025, as_of=AS_OF)
    assert report["rates"] == {
        "reply_rate": 0.75,  # 6 / 8
        "on_time_rate": 0.5714,  # 4 / 7
        "closure_rate": 0.375,  # 3 / 8
        "first_satisfaction_rate": 0.5,  # (1 + 1) / 4
        "satisfaction_rate": 0.75,  # (2 + 1) / 4
        "solved_or_planned_rate": 0.8333,  # (A 3 + B 2) / 6
        "face_to_face_rate": 0.3333,  # 2 / 6
    }


def test_it_counts_categories_by_the_latest_reply_and_fields_with_the_unclassified_last(year_2025):
    report = annual_report(year=2025, as_of=AS_OF)
    # S1 A, S2 B, S3 A (re-handling reply), S4 B (乙局's later reply), S8 A, M3 D
    assert report["categories"] == {"A": 3, "B": 2, "C": 0, "D": 1}
    # 交通 S3 S5 S6; 城乡建设 S1 S2 S8; 教育 S7 M3; 未分类 S4. Equal counts by name.
    assert list(report["fields"].items()) == [("交通", 3), ("城乡建设", 3), ("教育", 2), ("未分类", 1)]


def test_it_lists_each_leading_unit_with_the_items_figures(year_2025):
    report = annual_report(year=2025, as_of=AS_OF)
    assert report["units"] == [
        # 丙局 leads S6 and M3 (its handed-back share of S5 does not count)
        {"unit": "丙局", "lead_items": 2, "co_items": 0, "replied": 1, "replied_on_time": 1, "due_or_replied": 1,
         "on_time_rate": 1.0, "evaluated": 1, "satisfied": 0, "satisfaction_rate": 0.0, "rank": None},
        # 乙局 leads S3, S4 (分办), S5
        {"unit": "乙局", "lead_items": 3, "co_items": 0, "replied": 2, "replied_on_time": 2, "due_or_replied": 3,
         "on_time_rate": 0.6667, "evaluated": 1, "satisfied": 1, "satisfaction_rate": 1.0, "rank": None},
        # 甲局 leads S1, S2, S4 (分办), S8 and co-handles S3
        {"unit": "甲局", "lead_items": 4, "co_items": 1, "replied": 4, "replied_on_time": 2, "due_or_replied": 4,
         "on_time_rate": 0.5, "evaluated": 2, "satisfied": 2, "satisfaction_rate": 1.0, "rank": None},
    ]  # fmt: skip


def test_the_report_has_the_contracts_shape_and_key_order(year_2025):
    report = annual_report(year=2025, as_of=AS_OF)
    assert list(report) == [
        "year", "as_of", "totals", "rates", "categories", "fields", "units", "unit_scores", "follow_up",
    ]  # fmt: skip
    assert (report["year"], report["as_of"]) == (2025, "2025-12-31")
    assert list(report["units"][0]) == [
        "unit", "lead_items", "co_items", "replied", "replied_on_time", "due_or_replied", "on_time_rate",
        "evaluated", "satisfied", "satisfaction_rate", "rank",
    ]  # fmt: skip
    assert json.loads(json.dumps(report, ensure_ascii=False)) == report


def test_an_empty_year_has_zero_counts_null_rates_and_all_four_categories(db):
    report = annual_report(year=2025, as_of=AS_OF)
    assert set(report["totals"].values()) == {0}
    assert set(report["rates"].values()) == {None}
    assert report["categories"] == {"A": 0, "B": 0, "C": 0, "D": 0}
    assert (report["fields"], report["units"]) == ({}, [])
    assert report["follow_up"] == {
        "followups_due": 0,
        "followups_done": 0,
        "followup_rate": None,
        "returned_replies": 0,
        "assisted_ratings": 0,
        "co_signer_evaluated": 0,
        "co_signer_satisfied": 0,
        "co_signer_satisfaction_rate": None,
    }
