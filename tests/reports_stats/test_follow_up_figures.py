"""The year-end report's ``follow_up`` figures, counted by hand (contracts/annual-report.md)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from proposals import services
from proposals.models import Assignment, HandlingRules, PlannedAction
from reports.statistics import annual_report
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.reply_review]

D = dt.date


def _on(time_machine, day):
    time_machine.move_to(dt.datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)


def _item(staff, unit, title):
    p = f.assigned(staff=staff, units=[unit], title=title, submitted_on=D(2026, 1, 12))
    a = Assignment.objects.get(proposal=p)
    services.assignment_sign(assignment=a, by=f.handler_of(unit))
    a.refresh_from_db()
    return p, a


def test_follow_ups_returns_assisted_and_co_signers_ratings_are_counted_by_hand(time_machine):
    _on(time_machine, D(2026, 3, 2))
    HandlingRules.current()
    staff, unit = f.staff_user(), f.unit()
    handler = f.handler_of(unit)
    _p1, a1 = _item(staff, unit, "一")
    p2, a2 = _item(staff, unit, "二")
    _on(time_machine, D(2026, 4, 1))
    # P1: B with three promises due 05-01, 06-01, 12-01; returned once, then approved.
    plans = [("立项", D(2026, 5, 1)), ("开工", D(2026, 6, 1)), ("竣工", D(2026, 12, 1))]
    r1 = services.reply_submit(assignment=a1, by=handler, category="B", body="答复", planned=plans)
    services.reply_return(reply=r1, by=staff, reason="不具体")
    a1.refresh_from_db()
    _on(time_machine, D(2026, 4, 3))
    r1 = services.reply_submit(assignment=a1, by=handler, category="B", body="答复（修改）", planned=plans)
    services.reply_approve(reply=r1, by=staff)
    # P2: C with one promise due 05-15, approved; rated by the office for the deputy (电话); one co-signer rates.
    r2 = services.reply_submit(
        assignment=a2, by=handler, category="C", body="答复", planned=[("纳入规划", D(2026, 5, 15))],
        not_adopted_reason="财力有限",
    )  # fmt: skip
    services.reply_approve(reply=r2, by=staff)
    p2.refresh_from_db()
    co = f.deputy()
    p2.co_signers.add(co)
    services.evaluation_submit(
        proposal=p2, by=staff, deputy=p2.lead_deputy, attitude="satisfied", result="basic",
        assisted_channel="in_person", assisted_reason="代表在外地调研",
    )  # fmt: skip
    p2.refresh_from_db()
    services.co_signer_evaluation_submit(
        proposal=p2, by=co.user, deputy=co, attitude="satisfied", result="unsatisfied", reason="未解决"
    )
    # Reports: P1's 立项 done on 05-05, 开工 not done on 06-10; P2's promise done on 05-20.
    _on(time_machine, D(2026, 6, 20))
    first, second, _third = PlannedAction.objects.filter(reply=r1).order_by("position")
    services.followup_report(action=first, by=handler, done=True, note="已立项", on=D(2026, 5, 5))
    services.followup_report(action=second, by=handler, done=False, note="资金未到位", on=D(2026, 6, 10))
    services.followup_report(
        action=PlannedAction.objects.get(reply=r2), by=handler, done=True, note="已纳入", on=D(2026, 5, 20)
    )

    # As of 05-10: due 立项 (05-01) — done 05-05 → 1 of 1.
    assert annual_report(year=2026, as_of=D(2026, 5, 10))["follow_up"] == {
        "followups_due": 1,
        "followups_done": 1,
        "followup_rate": 1.0,
        "returned_replies": 1,  # P1's first version, returned 04-01
        "assisted_ratings": 1,  # P2, 当面
        "co_signer_evaluated": 1,
        "co_signer_satisfied": 0,  # 不满意
        "co_signer_satisfaction_rate": 0.0,
    }
    # As of 06-05: due 立项, 开工 (06-01), 纳入规划 (05-15); done 立项 and 纳入规划 → 2 / 3.
    figures = annual_report(year=2026, as_of=D(2026, 6, 5))["follow_up"]
    assert (figures["followups_due"], figures["followups_done"], figures["followup_rate"]) == (3, 2, 0.6667)
    # As of 03-31 nothing had happened yet.
    assert set(annual_report(year=2026, as_of=D(2026, 3, 31))["follow_up"].values()) <= {0, None}
