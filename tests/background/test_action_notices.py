"""Notices that ask for an action are resolved when the action is done, by anyone; the bell counts what is left."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from notifications import delivery
from notifications.models import Delivery, DeliveryState, Kind, Notification
from notifications.services import mark_delivered, notify, todo_count
from proposals import services
from tests import factories as f
from tests.background.support import at, item

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(at(DAY, 10))
    return time_machine


def _signed(unit):
    p = item(on=DAY, unit=unit)
    assignment = p.assignments.get()
    services.assignment_sign(assignment=assignment, by=f.handler_of(unit))
    assignment.refresh_from_db()
    return assignment


def test_an_extension_notice_is_resolved_for_every_staff_member_when_one_decides():
    staff, other_staff = f.staff_user(), f.staff_user()
    unit = f.unit()
    assignment = _signed(unit)
    request = services.extension_request(
        assignment=assignment, by=f.handler_of(unit), until=dt.date(2026, 7, 1), reason="需要跨部门协调"
    )
    assert todo_count(staff) == 1 and todo_count(other_staff) == 1
    services.extension_approve(request=request, by=other_staff)
    notices = Notification.objects.filter(kind=Kind.EXTENSION)
    assert notices.count() >= 2 and all(n.resolved_at is not None for n in notices)
    assert todo_count(staff) == 0 and todo_count(other_staff) == 0


def test_an_adjustment_notice_is_resolved_when_the_request_is_denied():
    staff = f.staff_user()
    unit = f.unit()
    assignment = _signed(unit)
    request = services.adjustment_request(assignment=assignment, by=f.handler_of(unit), reason="不属于本单位职责")
    assert todo_count(staff) == 1
    services.adjustment_deny(request=request, by=staff, note="属于贵单位职责")
    assert todo_count(staff) == 0
    assert not Notification.objects.filter(kind=Kind.ADJUSTMENT, resolved_at__isnull=True).exists()


def test_reading_an_action_notice_does_not_clear_it_but_doing_the_action_does(client):
    unit = f.unit()
    p = item(on=DAY, unit=unit)
    handler = f.handler_of(unit)
    notice = Notification.objects.get(recipient=handler, kind=Kind.ASSIGNED)
    client.force_login(handler)
    client.get(reverse("notifications:open", args=[notice.pk]))
    client.post(reverse("notifications:read_all"))
    assert todo_count(handler) == 1, "still to be signed for"
    services.assignment_sign(assignment=p.assignments.get(), by=handler)
    assert todo_count(handler) == 0


def test_an_informational_notice_leaves_the_bell_once_read(client):
    user = f.user()
    note = notify(recipients=[user], kind=Kind.SYSTEM, title="系统维护通知")[0]
    assert todo_count(user) == 1
    client.force_login(user)
    client.post(reverse("notifications:read", args=[note.pk]))
    assert todo_count(user) == 0


def test_a_reply_notice_asks_the_deputy_to_rate_and_clears_with_the_rating():
    unit = f.unit()
    assignment = _signed(unit)
    services.reply_submit(assignment=assignment, by=f.handler_of(unit), category="A", body="已解决。")
    deputy = assignment.proposal.lead_deputy
    assert todo_count(deputy.user) == 1
    proposal = assignment.proposal
    proposal.refresh_from_db()
    services.evaluation_submit(
        proposal=proposal, by=deputy.user, deputy=deputy, attitude="satisfied", result="satisfied"
    )
    reply_notice = Notification.objects.get(recipient=deputy.user, kind=Kind.REPLY)
    assert reply_notice.resolved_at is not None
    assert todo_count(deputy.user) == 1, "only the (unread) notice that the item is closed"


def test_the_list_shows_which_notices_are_done_and_filters_what_is_left(client):
    staff = f.staff_user()
    unit = f.unit()
    assignment = _signed(unit)
    request = services.extension_request(
        assignment=assignment, by=f.handler_of(unit), until=dt.date(2026, 7, 1), reason="需要跨部门协调"
    )
    notify(recipients=[staff], kind=Kind.SYSTEM, title="系统维护通知")
    client.force_login(staff)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "待办理" in page and 'data-unread-count="2"' in page
    services.extension_deny(request=request, by=f.staff_user(), note="理由不充分")
    page = client.get(reverse("notifications:list")).content.decode()
    assert "已办理" in page and 'data-unread-count="1"' in page
    todo = client.get(reverse("notifications:list") + "?unread=1").content.decode()
    assert "系统维护通知" in todo and "申请0001" not in todo


def test_marking_past_notices_delivered_sends_none_of_them():
    unit = f.unit()
    handler = f.handler_of(unit)
    handler.email = "h@example.gov.cn"
    handler.save(update_fields=["email"])
    item(on=DAY, unit=unit)
    pending = Delivery.objects.filter(state=DeliveryState.PENDING)
    assert pending.exists()
    ids = list(Notification.objects.values_list("pk", flat=True))
    mark_delivered(notification_ids=ids)
    assert not Delivery.objects.exclude(state=DeliveryState.SENT).exists()
    assert delivery.deliver_notifications(ids) == 0, "the task queued at commit finds nothing to send"
    assert delivery.sweep() == 0
    assert mail.outbox == []
