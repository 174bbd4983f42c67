"""The notification outbox: written with the event, delivered once, swept after an outage, read by its owner."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from notifications import delivery
from notifications.models import Channel, Delivery, DeliveryState, Kind, Notification
from notifications.services import notify
from proposals import services
from tests import factories as f
from tests.background.support import at, item

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(at(DAY, 10))
    return time_machine


def _handler_with_email(unit, email="handler@example.gov.cn", phone="13800000000"):
    user = f.handler_of(unit)
    user.email = email
    user.save(update_fields=["email"])
    user.unit_handler.phone = phone
    user.unit_handler.save(update_fields=["phone"])
    return user


def test_an_assignment_tells_every_handler_of_the_unit():
    unit = f.unit()
    p = item(on=DAY, unit=unit)
    handler = f.handler_of(unit)
    notes = Notification.objects.filter(recipient=handler, kind=Kind.ASSIGNED)
    assert notes.count() == 1
    note = notes.get()
    assert p.title in note.title
    assignment = p.assignments.get()
    assert note.link == reverse("unitportal:assignment", kwargs={"pk": assignment.pk})
    assert "2026年03月05日" in note.body  # the sign-for-receipt deadline, three working days later


def test_notifications_roll_back_with_the_event_that_caused_them():
    unit = f.unit()
    staff = f.staff_user()
    p = f.registered(staff=staff)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.proposal_assign(proposal=p, by=staff, mode="single", lead_units=[unit], on=DAY)
        assert Notification.objects.filter(kind=Kind.ASSIGNED).count() == 1
        raise RuntimeError("the request failed after the assignment")
    assert Notification.objects.count() == 0
    assert Delivery.objects.count() == 0


def test_delivery_is_enqueued_only_when_the_transaction_commits(django_capture_on_commit_callbacks, enqueued):
    user = f.user(email="a@example.gov.cn")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notes = notify(recipients=[user], kind=Kind.SYSTEM, title="测试通知")
        assert enqueued["deliver"] == []
    assert len(callbacks) == 1
    assert enqueued["deliver"] == [[notes[0].pk]]


def test_an_email_is_delivered_once_when_two_workers_deliver_the_same_notification():
    user = f.user(email="a@example.gov.cn")
    note = notify(recipients=[user], kind=Kind.SYSTEM, title="测试通知", body="正文", link="/notifications/")[0]
    assert delivery.deliver_notifications([note.pk]) == 1
    assert delivery.deliver_notifications([note.pk]) == 0
    assert delivery.sweep() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.endswith("测试通知")
    assert "/notifications/" in mail.outbox[0].body
    email = Delivery.objects.get(notification=note, channel=Channel.EMAIL)
    assert (email.state, email.attempts) == (DeliveryState.SENT, 1)
    assert email.sent_at is not None


def test_the_in_app_channel_is_delivered_by_the_commit_and_users_without_an_address_get_nothing_else():
    user = f.user(email="")
    note = notify(recipients=[user], kind=Kind.SYSTEM, title="测试通知")[0]
    channels = {d.channel: d.state for d in note.deliveries.all()}
    assert channels == {Channel.INAPP: DeliveryState.SENT}


def test_the_sweep_delivers_what_a_broker_outage_left_behind(django_capture_on_commit_callbacks, no_broker, clock):
    unit = f.unit()
    handler = _handler_with_email(unit)
    staff = f.staff_user()
    p = f.registered(staff=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_assign(proposal=p, by=staff, mode="single", lead_units=[unit], on=DAY)
    assert no_broker, "the delivery task was offered to the broker"
    note = Notification.objects.get(recipient=handler, kind=Kind.ASSIGNED)
    assert note.deliveries.get(channel=Channel.EMAIL).state == DeliveryState.PENDING
    assert mail.outbox == []

    assert delivery.sweep() == 0  # fresh deliveries are left to their own task for a short while
    clock.shift(dt.timedelta(minutes=3))
    assert delivery.sweep() == 2  # the e-mail and the SMS
    assert delivery.sweep() == 0
    assert [m.to for m in mail.outbox] == [[handler.email]]
    assert set(note.deliveries.values_list("state", flat=True)) == {DeliveryState.SENT}


def test_a_failing_channel_is_retried_with_backoff_then_marked_failed(settings, clock):
    settings.EMAIL_BACKEND = "tests.background.broken_mail.BrokenBackend"
    user = f.user(email="a@example.gov.cn")
    note = notify(recipients=[user], kind=Kind.SYSTEM, title="测试通知")[0]
    email = note.deliveries.get(channel=Channel.EMAIL)
    assert delivery.deliver_notifications([note.pk]) == 0
    email.refresh_from_db()
    assert (email.state, email.attempts) == (DeliveryState.PENDING, 1)
    assert "SMTP" in email.last_error
    assert delivery.deliver_notifications([note.pk]) == 0  # the task does not retry before the backoff
    for _ in range(delivery.MAX_ATTEMPTS):
        clock.shift(dt.timedelta(hours=5))
        delivery.sweep()
    email.refresh_from_db()
    assert (email.state, email.attempts) == (DeliveryState.FAILED, delivery.MAX_ATTEMPTS)


def test_a_claim_left_by_a_dead_worker_is_taken_up_again_after_its_lease(clock):
    user = f.user(email="a@example.gov.cn")
    note = notify(recipients=[user], kind=Kind.SYSTEM, title="测试通知")[0]
    email = note.deliveries.get(channel=Channel.EMAIL)
    assert delivery._claim(email.pk, first_try=True) is not None  # the worker dies before sending
    assert delivery.sweep() == 0
    clock.shift(delivery.LEASE + dt.timedelta(minutes=1))
    assert delivery.sweep() == 1
    assert len(mail.outbox) == 1


def test_supervision_reaches_the_unit_by_sms_too(sms_outbox):
    unit = f.unit()
    handler = _handler_with_email(unit, phone="13912345678")
    staff = f.staff_user()
    p = item(on=DAY, unit=unit, staff=staff)
    action = services.supervision_issue(
        proposal=p, unit=unit, by=staff, kind="urge", content="请加快办理", due_on=DAY + dt.timedelta(days=10)
    )
    note = Notification.objects.get(recipient=handler, kind=Kind.SUPERVISION)
    assert action.number in note.title
    delivery.deliver_notifications([note.pk])
    assert len(sms_outbox) == 1
    phone, text = sms_outbox[0]
    assert phone == "13912345678"
    assert action.number in text


def test_the_lead_deputy_is_told_of_the_reply_with_a_link_to_rate_it():
    unit = f.unit()
    p = item(on=DAY, unit=unit)
    assignment = p.assignments.get()
    handler = f.handler_of(unit)
    services.assignment_sign(assignment=assignment, by=handler)
    assignment.refresh_from_db()
    services.reply_submit(assignment=assignment, by=handler, category="A", body="已解决")
    note = Notification.objects.get(recipient=p.lead_deputy.user, kind=Kind.REPLY)
    assert note.link == reverse("deputy:rate", kwargs={"pk": p.pk})
    assert "评价" in note.body
    p.refresh_from_db()
    services.evaluation_submit(
        proposal=p, by=p.lead_deputy.user, deputy=p.lead_deputy, attitude="satisfied", result="satisfied"
    )
    assert Notification.objects.filter(recipient=p.lead_deputy.user, kind=Kind.CLOSED).count() == 1


def test_office_staff_are_told_of_an_extension_request():
    staff = f.staff_user()
    other_staff = f.staff_user()
    unit = f.unit()
    p = item(on=DAY, unit=unit, staff=staff)
    assignment = p.assignments.get()
    handler = f.handler_of(unit)
    services.assignment_sign(assignment=assignment, by=handler)
    assignment.refresh_from_db()
    services.extension_request(assignment=assignment, by=handler, until=dt.date(2026, 7, 1), reason="需要跨部门协调")
    recipients = set(Notification.objects.filter(kind=Kind.EXTENSION).values_list("recipient_id", flat=True))
    assert recipients == {staff.pk, other_staff.pk}
    assert Notification.objects.filter(kind=Kind.EXTENSION, recipient=handler).count() == 0


def test_the_bell_shows_the_unread_count_on_every_page(client):
    user = f.user()
    notify(recipients=[user], kind=Kind.SYSTEM, title="第一条")
    notify(recipients=[user], kind=Kind.SYSTEM, title="第二条")
    notify(recipients=[f.user()], kind=Kind.SYSTEM, title="别人的")
    client.force_login(user)
    page = client.get(reverse("notifications:list")).content.decode()
    assert 'data-unread-count="2"' in page
    assert "别人的" not in page


def test_opening_a_notification_marks_it_read_and_follows_its_link(client):
    user = f.user()
    note = notify(recipients=[user], kind=Kind.SYSTEM, title="去看看", link=reverse("notifications:list"))[0]
    client.force_login(user)
    response = client.get(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("notifications:list")
    note.refresh_from_db()
    assert note.read_at is not None
    assert "data-unread-count" not in client.get(reverse("notifications:list")).content.decode()


def test_a_user_cannot_read_or_mark_another_users_notification(client):
    owner, other = f.user(), f.user()
    note = notify(recipients=[owner], kind=Kind.SYSTEM, title="仅本人可见")[0]
    client.force_login(other)
    assert client.get(reverse("notifications:open", args=[note.pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[note.pk])).status_code == 404
    client.post(reverse("notifications:read_all"))
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_all_read_clears_only_the_users_own_notifications(client):
    owner, other = f.user(), f.user()
    notify(recipients=[owner, other], kind=Kind.SYSTEM, title="群发")
    client.force_login(owner)
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=owner, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(recipient=other, read_at__isnull=True).count() == 1


def test_the_notification_pages_need_a_login(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_bell_is_in_the_navigation_of_the_portals(client):
    leader = f.leader_user()
    notify(recipients=[leader], kind=Kind.REPORT, title="报告已生成")
    client.force_login(leader)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert 'id="notification-bell"' in page
    assert 'data-unread-count="1"' in page
