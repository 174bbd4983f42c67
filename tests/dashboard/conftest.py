"""A small year of items, built through the services, for the dashboard tests."""

from __future__ import annotations

import datetime as dt

import pytest

from proposals import services
from proposals.models import Assignment
from tests import factories as f

YEAR = 2025
AS_OF = dt.date(YEAR, 12, 31)


def d(month: int, day: int) -> dt.date:
    return dt.date(YEAR, month, day)


def _lead(p):
    return Assignment.objects.get(proposal=p, role__in=["lead"])


def build_year(*, staff, unit_a, unit_b, copies: int = 1) -> None:
    """Per copy: one item closed after 满意, one re-handled after 不满意 then closed, one overdue 重点督办 item,
    one motion and one rejected item."""
    for _ in range(copies):
        # 单办 by unit A: replied on time (A), met the deputy face to face, rated 满意 → closed.
        p1 = f.assigned(staff=staff, units=[unit_a], on=d(3, 10), submitted_on=d(2, 20), field="城乡建设")
        a1 = _lead(p1)
        services.assignment_sign(assignment=a1, by=f.handler_of(unit_a))
        services.contact_log(
            assignment=a1, by=f.handler_of(unit_a), method="meeting", contacted_on=d(4, 1), summary="当面听取意见"
        )
        services.reply_submit(
            assignment=a1, by=f.handler_of(unit_a), category="A", body="已经解决", replied_on=d(4, 20)
        )
        p1.refresh_from_db()
        services.evaluation_submit(
            proposal=p1,
            by=p1.lead_deputy.user,
            deputy=p1.lead_deputy,
            attitude="satisfied",
            result="satisfied",
            on=d(5, 1),
        )

        # 主办 A + 协办 B: late reply (B), 不满意, re-handled (A), 基本满意 → closed.
        p2 = f.assigned(
            staff=staff,
            mode="lead_co",
            units=[unit_a],
            co=[unit_b],
            on=d(3, 10),
            submitted_on=d(2, 21),
            field="教育<科技>",
        )
        a2 = _lead(p2)
        co2 = Assignment.objects.get(proposal=p2, role="co")
        services.assignment_sign(assignment=a2, by=f.handler_of(unit_a))
        services.assignment_sign(assignment=co2, by=f.handler_of(unit_b))
        services.opinion_send(assignment=co2, by=f.handler_of(unit_b), body="同意", on=d(4, 1))
        services.reply_submit(
            assignment=a2,
            by=f.handler_of(unit_a),
            category="B",
            **f.reply_rules("B"),
            body="正在解决",
            replied_on=d(7, 20),
        )
        p2.refresh_from_db()
        services.evaluation_submit(
            proposal=p2,
            by=p2.lead_deputy.user,
            deputy=p2.lead_deputy,
            attitude="satisfied",
            result="unsatisfied",
            reason="进度太慢",
            on=d(8, 1),
        )
        a2.refresh_from_db()
        services.reply_submit(
            assignment=a2, by=f.handler_of(unit_a), category="A", body="已经解决", replied_on=d(8, 20)
        )
        p2.refresh_from_db()
        services.evaluation_submit(
            proposal=p2,
            by=p2.lead_deputy.user,
            deputy=p2.lead_deputy,
            attitude="satisfied",
            result="basic",
            on=d(9, 1),
        )

        # 单办 by unit B, never answered: overdue at the year's end, and a 重点督办 item.
        p3 = f.assigned(
            staff=staff,
            units=[unit_b],
            on=d(5, 6),
            submitted_on=d(4, 28),
            field="城乡建设",
            title="关于增加中心城区中小学学位供给的建议",
        )
        services.assignment_sign(assignment=_lead(p3), by=f.handler_of(unit_b))
        p3.refresh_from_db()
        services.key_supervision_set(proposal=p3, by=staff, selected=True, supervisor="常委会副主任")

        # A motion (not assigned) and a rejected suggestion (outside the population).
        f.registered(staff=staff, kind="motion", title="关于制定养老服务条例的议案", submitted_on=d(1, 15), field="")
        rejected = f.proposal(title="关于某事的建议", submitted_on=d(1, 16))
        services.proposal_submit(proposal=rejected, by=rejected.lead_deputy.user)
        services.proposal_reject(proposal=rejected, by=staff, reason="不属于本级职权范围")


@pytest.fixture
def staff(db):
    return f.staff_user(username="gzry")


@pytest.fixture
def leader(db):
    return f.leader_user(username="lingdao")


@pytest.fixture
def units(db):
    return f.unit(name="市住房和城乡建设局"), f.unit(name="市教育局")


@pytest.fixture
def year_of_items(staff, units):
    build_year(staff=staff, unit_a=units[0], unit_b=units[1])
    return units
