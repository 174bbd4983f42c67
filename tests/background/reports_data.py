"""A small office year for the report-file tests, built through the services on their real dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from proposals import services
from proposals.models import Proposal
from tests import factories as f
from tests.background.support import at


@dataclass
class Office:
    staff: object
    overdue: Proposal  # assigned 06-01, never answered: 60 days overdue on 10-31, 重点督办
    closed: Proposal  # answered (A) and rated 满意
    near_due: Proposal  # due 11-10, with a pending extension request
    unit_a: object
    unit_b: object


def build_office(clock) -> Office:
    def on(day: dt.date) -> None:
        clock.move_to(at(day, 10))

    on(dt.date(2026, 5, 20))
    staff = f.staff_user(username="office")
    unit_a = f.unit(name="市住房和城乡建设局")
    unit_b = f.unit(name="市交通运输局")
    submitted = dt.date(2026, 5, 20)
    overdue = f.assigned(
        staff=staff, units=[unit_a], on=dt.date(2026, 6, 1), submitted_on=submitted, title="关于老旧小区加装电梯的建议"
    )
    closed = f.assigned(
        staff=staff, units=[unit_b], on=dt.date(2026, 6, 1), submitted_on=submitted, title="关于优化公交线路的建议"
    )
    near_due = f.assigned(
        staff=staff,
        units=[unit_a],
        on=dt.date(2026, 8, 10),
        submitted_on=submitted,
        title="关于增设社区养老服务站的建议",
        field="社会保障",
    )
    on(dt.date(2026, 6, 2))
    for p, unit in ((overdue, unit_a), (closed, unit_b), (near_due, unit_a)):
        services.assignment_sign(assignment=p.assignments.get(), by=f.handler_of(unit))
        p.refresh_from_db()
    services.key_supervision_set(proposal=overdue, by=staff, selected=True, supervisor="常委会副主任")
    on(dt.date(2026, 7, 15))
    services.reply_submit(
        assignment=closed.assignments.get(),
        by=f.handler_of(unit_b),
        category="A",
        body="已调整线路",
        doc_number="交复〔2026〕8号",
    )
    closed.refresh_from_db()
    on(dt.date(2026, 7, 20))
    services.evaluation_submit(
        proposal=closed, by=closed.lead_deputy.user, deputy=closed.lead_deputy, attitude="satisfied", result="satisfied"
    )
    on(dt.date(2026, 10, 15))
    services.extension_request(
        assignment=near_due.assignments.get(),
        by=f.handler_of(unit_a),
        until=dt.date(2026, 12, 10),
        reason="需要协调用地",
    )
    on(dt.date(2026, 11, 22))
    for p in (overdue, closed, near_due):
        p.refresh_from_db()
    return Office(staff=staff, overdue=overdue, closed=closed, near_due=near_due, unit_a=unit_a, unit_b=unit_b)
