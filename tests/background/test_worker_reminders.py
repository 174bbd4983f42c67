"""The reminder scan on a real Celery worker and Redis: the expected reminders, each sent once."""

import datetime as dt
import threading

import pytest
from celery import group
from django.core import mail
from django.db import connection, connections

from notifications.models import Channel, Delivery, DeliveryState, Notification, ReminderKind, ReminderLog
from proposals import reminders, services
from proposals.tasks import reminders_scan
from tests import factories as f
from tests.background.support import item_due
from tests.background.worker import needs_redis, running_worker, wait_until

D = dt.date(2026, 6, 15)
OFFSETS = (15, 3, 1, -1, -5, 30)
EXPECTED = {
    (ReminderKind.REPLY, "first", D + dt.timedelta(days=15)),
    (ReminderKind.REPLY, "second", D + dt.timedelta(days=3)),
    (ReminderKind.REPLY, "final", D + dt.timedelta(days=1)),
    (ReminderKind.REPLY, "overdue", D - dt.timedelta(days=1)),
    (ReminderKind.REPLY, "urge-1", D - dt.timedelta(days=5)),
}

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("calendar_loaded")]


@pytest.fixture
def handler_unit():
    return f.unit(name="市交通运输局")


def _give_email(unit) -> None:
    """From now on the unit's handler also gets e-mail (set after the setup, so only what follows is mailed)."""
    handler = f.handler_of(unit)
    handler.email = "jiaotong@example.gov.cn"
    handler.save(update_fields=["email"])


@pytest.fixture
def items(handler_unit):
    staff = f.staff_user()
    created = [item_due(due=D + dt.timedelta(days=days), unit=handler_unit, staff=staff) for days in OFFSETS]
    _give_email(handler_unit)
    return created


def _sent() -> set[tuple]:
    return set(ReminderLog.objects.values_list("kind", "step", "due_on"))


def _emails_settled() -> bool:
    return not Delivery.objects.filter(channel=Channel.EMAIL).exclude(state=DeliveryState.SENT).exists()


@needs_redis
def test_the_scan_on_a_worker_sends_the_expected_reminders_and_a_second_run_sends_nothing(items):
    with running_worker() as finished:
        first = reminders_scan.delay(on=D.isoformat())
        finished.wait([first.id])
        wait_until(_emails_settled, what="the reminder e-mails")
        assert _sent() == EXPECTED
        assert len(mail.outbox) == 5

        second = reminders_scan.delay(on=D.isoformat())
        finished.wait([second.id])
        wait_until(_emails_settled, what="the reminder e-mails")
    assert _sent() == EXPECTED
    assert Notification.objects.filter(reminder__isnull=False).count() == 5
    titles = Notification.objects.filter(reminder__isnull=False).values_list("title", flat=True)
    assert sorted(m.subject for m in mail.outbox) == sorted(f"【议案建议办理平台】{t}" for t in titles)


@needs_redis
def test_four_scans_at_once_on_a_worker_send_each_reminder_once(items):
    with running_worker(concurrency=4) as finished:
        result = group(reminders_scan.s(on=D.isoformat()) for _ in range(4)).apply_async()
        finished.wait([r.id for r in result.results])
        wait_until(_emails_settled, what="the reminder e-mails")
    assert _sent() == EXPECTED
    assert ReminderLog.objects.count() == 5
    assert Notification.objects.filter(reminder__isnull=False).count() == 5
    assert len(mail.outbox) == 5
    assert sorted(len(m.to) for m in mail.outbox) == [1] * 5


@needs_redis
def test_an_extension_moves_the_reminders_scanned_by_a_worker(handler_unit):
    assignment = item_due(due=D + dt.timedelta(days=3), unit=handler_unit)
    _give_email(handler_unit)
    new_due = dt.date(2026, 8, 31)
    with running_worker() as finished:
        finished.wait([reminders_scan.delay(on=D.isoformat()).id])
        assert _sent() == {(ReminderKind.REPLY, "second", D + dt.timedelta(days=3))}

        handler = f.handler_of(handler_unit)
        request = services.extension_request(assignment=assignment, by=handler, until=new_due, reason="需要协调用地")
        services.extension_approve(request=request, by=f.staff_user())

        finished.wait([reminders_scan.delay(on=(D + dt.timedelta(days=2)).isoformat()).id])
        assert len(_sent()) == 1  # the old due date's series stopped with the extension
        finished.wait([reminders_scan.delay(on=(new_due - dt.timedelta(days=15)).isoformat()).id])
        finished.wait([reminders_scan.delay(on=(new_due - dt.timedelta(days=3)).isoformat()).id])
        wait_until(_emails_settled, what="the reminder e-mails")
    assert _sent() == {
        (ReminderKind.REPLY, "second", D + dt.timedelta(days=3)),
        (ReminderKind.REPLY, "first", new_due),
        (ReminderKind.REPLY, "second", new_due),
    }
    # the extension's own notice plus three reminders
    assert len(mail.outbox) == 4


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row-level concurrency needs PostgreSQL")
def test_two_scans_racing_in_two_threads_send_each_reminder_once(items):
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def scan():
        try:
            barrier.wait()
            reminders.reminders_scan(today=D)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _sent() == EXPECTED
    assert Notification.objects.filter(reminder__isnull=False).count() == 5
