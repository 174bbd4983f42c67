"""Each inbox tab counts the days to the deadline the tab is about."""

import datetime as dt

import pytest
from django.urls import reverse

from proposals import services
from proposals.models import Assignment
from tests import factories as f
from tests.portals.conftest import MONDAY, at
from units import selectors

pytestmark = pytest.mark.django_db


def _row(client, tab, assignment):
    response = client.get(reverse("unitportal:inbox"), {"tab": tab})
    return next(a for a in response.context["page"].rows if a.pk == assignment.pk), response.content.decode()


def test_the_pending_tab_counts_down_to_signing_and_shows_an_overdue_signature(client, db, clock):
    unit = f.unit()
    p = f.assigned(units=[unit], on=MONDAY, title="尚未签收的建议")
    a = Assignment.objects.get(proposal=p, unit=unit)
    clock.move_to(at(dt.date(2026, 3, 9)))  # sign due 2026-03-05, reply due 2026-06-02
    client.force_login(f.handler_of(unit))
    row, page = _row(client, "pending", a)
    assert row.deadline.label == "签收期限"
    assert row.deadline.day == a.sign_due == dt.date(2026, 3, 5)
    assert row.deadline.days_left == -4
    assert "超期4天" in page and "签收已逾期" in page
    assert "剩85天" not in page  # the reply deadline is shown as a date only, not counted down here


def test_the_co_unit_counts_down_to_its_opinion_and_the_lead_unit_to_its_reply(client, db, clock):
    staff = f.staff_user()
    lead_unit, co_unit = f.unit(), f.unit()
    p = f.assigned(staff=staff, units=[lead_unit], co=[co_unit], mode="lead_co", on=MONDAY, title="主办协办的建议")
    lead = Assignment.objects.get(proposal=p, unit=lead_unit)
    co = Assignment.objects.get(proposal=p, unit=co_unit)
    services.assignment_sign(assignment=lead, by=f.handler_of(lead_unit))
    services.assignment_sign(assignment=co, by=f.handler_of(co_unit))
    client.force_login(f.handler_of(co_unit))
    row, page = _row(client, "handling", co)
    assert row.deadline.label == "协办意见期限"
    assert row.deadline.day == dt.date(2026, 4, 2)
    assert "协办意见期限" in page and "剩31天" in page
    client.force_login(f.handler_of(lead_unit))
    row, page = _row(client, "handling", lead)
    assert row.deadline.label == "答复期限"
    assert row.deadline.day == dt.date(2026, 6, 2)
    assert "剩92天" in page


def test_the_pending_tab_lists_and_pages_by_sign_deadline_soonest_first(db, clock):
    staff = f.staff_user()
    unit = f.unit()
    # A co-unit's reply clock (its opinion, one month) runs out before a lead unit's assigned earlier.
    co_item = f.assigned(staff=staff, units=[f.unit()], co=[unit], mode="lead_co", on=dt.date(2026, 2, 27))
    lead_item = f.assigned(staff=staff, units=[unit], on=dt.date(2026, 2, 24))
    latest = f.assigned(staff=staff, units=[unit], on=MONDAY)
    made = [Assignment.objects.get(proposal=p, unit=unit) for p in (co_item, lead_item, latest)]
    seen, cursor = [], None
    while True:
        page = selectors.inbox_page(unit=unit, tab="pending", today=MONDAY, near=15, cursor=cursor, size=1)
        seen += [a.pk for a in page.rows]
        if not page.next_cursor:
            break
        cursor = selectors.Cursor.decode(page.next_cursor)
    assert seen == [a.pk for a in sorted(made, key=lambda a: (a.sign_due, a.pk))]
    assert seen[0] == made[1].pk  # the earliest sign deadline, though its reply is due after the co-unit's opinion
