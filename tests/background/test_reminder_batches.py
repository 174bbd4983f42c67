"""A reminder scan writes its ledger rows, notifications and deliveries in batches."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications import services as notification_services
from notifications.models import Delivery, Notification, ReminderLog
from proposals import reminders
from tests import factories as f
from tests.background.support import at, item_due

pytestmark = pytest.mark.django_db

D = dt.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(at(D, 10))
    return time_machine


def scan_queries(today: dt.date) -> int:
    with CaptureQueriesContext(connection) as queries:
        reminders.reminders_scan(today=today)
    return len(queries)


def test_a_scan_costs_the_same_queries_for_two_reminders_and_for_eight(monkeypatch):
    monkeypatch.setattr(notification_services, "enqueue_delivery", lambda ids: None)
    unit = f.unit()
    for _ in range(2):
        item_due(due=D + dt.timedelta(days=3), unit=unit)
    few = scan_queries(D)
    assert ReminderLog.objects.count() == 2
    ReminderLog.objects.all().delete()
    for _ in range(6):
        item_due(due=D + dt.timedelta(days=3), unit=unit)
    many = scan_queries(D)
    assert ReminderLog.objects.count() == 8
    assert many == few
    assert Notification.objects.filter(reminder__isnull=False).count() == 8
    assert Delivery.objects.filter(notification__reminder__isnull=False).count() >= 8


def test_the_delivery_task_is_asked_once_per_batch_after_the_commit(monkeypatch, django_capture_on_commit_callbacks):
    asked = []
    monkeypatch.setattr(notification_services, "enqueue_delivery", asked.append)
    unit = f.unit()
    handler = f.handler_of(unit)
    handler.email = "jbr@example.gov.cn"
    handler.save(update_fields=["email"])
    for _ in range(3):
        item_due(due=D + dt.timedelta(days=3), unit=unit)
    with django_capture_on_commit_callbacks(execute=True):
        reminders.reminders_scan(today=D)
    assert len(asked) == 1 and len(asked[0]) == 3


def test_a_batch_that_meets_a_concurrent_scans_rows_still_sends_each_reminder_once(monkeypatch):
    monkeypatch.setattr(notification_services, "enqueue_delivery", lambda ids: None)
    unit = f.unit()
    due = D + dt.timedelta(days=3)
    items = [item_due(due=due, unit=unit) for _ in range(3)]
    # Another worker's scan wrote the first item's reminder just after this scan read the ledger.
    original = reminders._record_batch

    def racing(batch):
        first = batch[0].log
        ReminderLog.objects.create(
            kind=first.kind, step=first.step, round=first.round, due_on=first.due_on,
            assignment=first.assignment, proposal=first.proposal, sent_on=first.sent_on,
        )  # fmt: skip
        return original(batch)

    monkeypatch.setattr(reminders, "_record_batch", racing)
    sent = reminders.reminders_scan(today=D)
    assert sent["reply"] == 2
    assert ReminderLog.objects.filter(assignment__in=items).count() == 3
    assert Notification.objects.filter(reminder__isnull=False).count() == 2
