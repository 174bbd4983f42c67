"""One item's reminders from 交办 to overdue, travelling day by day through its clocks."""

import datetime as dt

import pytest

from notifications.models import Kind, Notification, ReminderKind, ReminderLog
from proposals import services
from proposals import tasks as proposal_tasks
from tests import factories as f
from tests.background.support import at

pytestmark = pytest.mark.django_db

ASSIGNED_ON = dt.date(2026, 3, 2)  # a Monday
LAST_DAY = dt.date(2026, 6, 12)


def _days(start: dt.date, end: dt.date):
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


def test_a_lead_and_co_item_is_reminded_at_each_step_from_assignment_to_overdue(time_machine):
    time_machine.move_to(at(ASSIGNED_ON, 8))
    staff = f.staff_user()
    lead, co = f.unit(name="市住房和城乡建设局"), f.unit(name="市财政局")
    p = f.assigned(staff=staff, mode="lead_co", units=[lead], co=[co], on=ASSIGNED_ON, submitted_on=ASSIGNED_ON)
    lead_a, co_a = p.assignments.get(unit=lead), p.assignments.get(unit=co)
    assert (lead_a.sign_due, co_a.due_on, lead_a.due_on) == (
        dt.date(2026, 3, 5),
        dt.date(2026, 4, 2),
        dt.date(2026, 6, 2),
    )
    actions = {
        dt.date(2026, 3, 4): lambda: services.assignment_sign(assignment=lead_a, by=f.handler_of(lead)),
        dt.date(2026, 3, 6): lambda: services.assignment_sign(assignment=co_a, by=f.handler_of(co)),
        dt.date(2026, 4, 1): lambda: services.opinion_send(
            assignment=co_a, by=f.handler_of(co), body="同意主办单位的办理意见"
        ),
    }

    for day in _days(ASSIGNED_ON, LAST_DAY):
        time_machine.move_to(at(day, 9))
        proposal_tasks.reminders_scan()
        if day in actions:
            time_machine.move_to(at(day, 10))
            actions[day]()
            lead_a.refresh_from_db()
            co_a.refresh_from_db()
        time_machine.move_to(at(day, 15))
        proposal_tasks.reminders_scan()  # the afternoon run finds nothing new

    def sent(assignment):
        return list(
            ReminderLog.objects.filter(assignment=assignment)
            .order_by("sent_on", "id")
            .values_list("kind", "step", "sent_on")
        )

    d = dt.date
    assert sent(lead_a) == [
        (ReminderKind.SIGN, "final", d(2026, 3, 4)),
        (ReminderKind.REPLY, "first", d(2026, 5, 18)),
        (ReminderKind.REPLY, "second", d(2026, 5, 30)),
        (ReminderKind.REPLY, "final", d(2026, 6, 1)),
        (ReminderKind.REPLY, "overdue", d(2026, 6, 3)),
        (ReminderKind.REPLY, "urge-1", d(2026, 6, 6)),
        (ReminderKind.REPLY, "urge-2", d(2026, 6, 9)),
        (ReminderKind.REPLY, "urge-3", d(2026, 6, 12)),
    ]
    assert sent(co_a) == [
        (ReminderKind.SIGN, "final", d(2026, 3, 4)),
        (ReminderKind.SIGN, "overdue", d(2026, 3, 6)),
        (ReminderKind.CO_OPINION, "first", d(2026, 3, 18)),
        (ReminderKind.CO_OPINION, "second", d(2026, 3, 30)),
        (ReminderKind.CO_OPINION, "final", d(2026, 4, 1)),
    ]

    lead_notes = Notification.objects.filter(recipient=f.handler_of(lead), reminder__isnull=False).order_by("id")
    assert lead_notes.count() == 8
    titles = list(lead_notes.values_list("title", flat=True))
    assert "答复期限还有15天" in titles[1]
    assert "明日到期" in titles[3]
    assert "已过1天" in titles[4]
    assert titles[-1].startswith("催办：") and "已超期10天" in titles[-1]
    assert lead_notes.filter(kind=Kind.OVERDUE).count() == 4
