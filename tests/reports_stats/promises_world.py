"""A world of promises, returns and ratings whose ``follow_up`` figures are counted by hand.

``promises_world`` leaves the clock on 2026-06-20. As of 2026-05-10: 1 promise due, 1 done; as of
2026-06-05: 3 due, 2 done (落实率 0.6667); throughout: 1 reply returned in review, 1 assisted rating of
record (当面), 1 co-signer's rating (不满意: 附议代表满意率 0).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from proposals import services
from proposals.models import Assignment, HandlingRules, PlannedAction
from tests import factories as f

D = dt.date


def _on(time_machine, day):
    time_machine.move_to(dt.datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)


def _item(staff, unit, title):
    p = f.assigned(staff=staff, units=[unit], title=title, submitted_on=D(2026, 1, 12))
    a = Assignment.objects.get(proposal=p)
    services.assignment_sign(assignment=a, by=f.handler_of(unit))
    a.refresh_from_db()
    return p, a


def promises_world(time_machine) -> None:
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
