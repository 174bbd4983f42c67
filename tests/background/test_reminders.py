"""Deadline reminders read from the stored due dates, each sent once."""

import datetime as dt

import pytest

from notifications.models import Kind, Notification, ReminderKind, ReminderLog
from proposals import reminders, services
from proposals.models import CalendarDay, HandlingRules
from proposals.reminders import CO_OPINION, EVALUATION, REPLY, SIGN
from tests import factories as f
from tests.background.support import at, item, item_due

pytestmark = pytest.mark.django_db

D = dt.date(2026, 6, 15)  # a Monday


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(at(D, 10))
    return time_machine


def _sent(**filters) -> set[tuple]:
    return set(ReminderLog.objects.filter(**filters).values_list("kind", "step", "due_on"))


@pytest.mark.parametrize(
    ("clock_", "days_left", "step"),
    [
        (REPLY, 16, None),
        (REPLY, 15, "first"),
        (REPLY, 4, "first"),
        (REPLY, 3, "second"),
        (REPLY, 2, "second"),
        (REPLY, 1, "final"),
        (REPLY, 0, "final"),
        (REPLY, -1, "overdue"),
        (REPLY, -3, "overdue"),
        (REPLY, -4, "urge-1"),
        (REPLY, -7, "urge-2"),
        (REPLY, -30, "urge-9"),
        (SIGN, 3, None),
        (SIGN, 1, "final"),
        (SIGN, -1, "overdue"),
        (EVALUATION, 15, "first"),
        (EVALUATION, -1, None),
    ],
)
def test_the_step_follows_from_the_due_date_and_today(clock_, days_left, step):
    rules = HandlingRules(remind_first_days=15, remind_second_days=3, urge_repeat_days=3)
    assert reminders.step_for(clock=clock_, due=D + dt.timedelta(days=days_left), today=D, rules=rules) == step


def test_the_scan_sends_the_reminders_due_today_for_items_around_their_due_dates():
    unit = f.unit()
    for days in (15, 3, 1, -1, -5, 30):
        item_due(due=D + dt.timedelta(days=days), unit=unit)
    sent = reminders.reminders_scan(today=D)
    assert sent[ReminderKind.REPLY] == 5
    assert _sent() == {
        (ReminderKind.REPLY, "first", D + dt.timedelta(days=15)),
        (ReminderKind.REPLY, "second", D + dt.timedelta(days=3)),
        (ReminderKind.REPLY, "final", D + dt.timedelta(days=1)),
        (ReminderKind.REPLY, "overdue", D - dt.timedelta(days=1)),
        (ReminderKind.REPLY, "urge-1", D - dt.timedelta(days=5)),
    }
    handler = f.handler_of(unit)
    notes = Notification.objects.filter(recipient=handler, reminder__isnull=False)
    assert notes.filter(kind=Kind.REMINDER).count() == 3
    assert notes.filter(kind=Kind.OVERDUE).count() == 2
    assert notes.filter(title__contains="明日到期").count() == 1
    assert notes.filter(title__contains="超期5天").count() == 1


def test_running_the_scan_twice_sends_nothing_twice():
    unit = f.unit()
    for days in (15, 3, -1):
        item_due(due=D + dt.timedelta(days=days), unit=unit)
    first = reminders.reminders_scan(today=D)
    second = reminders.reminders_scan(today=D)
    assert sum(first.values()) == 3
    assert sum(second.values()) == 0
    assert Notification.objects.filter(reminder__isnull=False).count() == 3


def test_a_reply_ends_the_reminders_of_its_assignment():
    assignment = item_due(due=D + dt.timedelta(days=3))
    services.reply_submit(assignment=assignment, by=f.handler_of(assignment.unit), category="A", body="已解决")
    assert reminders.reminders_scan(today=D)[ReminderKind.REPLY] == 0


def test_an_extension_moves_the_reminders(clock):
    assignment = item_due(due=D + dt.timedelta(days=3))
    handler = f.handler_of(assignment.unit)
    reminders.reminders_scan(today=D)
    assert _sent() == {(ReminderKind.REPLY, "second", D + dt.timedelta(days=3))}

    staff = f.staff_user()
    new_due = dt.date(2026, 8, 31)
    request = services.extension_request(assignment=assignment, by=handler, until=new_due, reason="需要跨年度预算安排")
    services.extension_approve(request=request, by=staff)
    assert Notification.objects.filter(recipient=handler, kind=Kind.DUE_CHANGED).count() == 1

    assert sum(reminders.reminders_scan(today=D).values()) == 0
    old_final = D + dt.timedelta(days=2)
    clock.move_to(at(old_final, 10))
    assert sum(reminders.reminders_scan(today=old_final).values()) == 0  # the old date's series has stopped

    first_day = new_due - dt.timedelta(days=15)
    clock.move_to(at(first_day, 10))
    assert reminders.reminders_scan(today=first_day)[ReminderKind.REPLY] == 1
    assert (ReminderKind.REPLY, "first", new_due) in _sent()


def test_an_unsigned_assignment_is_reminded_the_day_before_its_sign_due_then_urged():
    p = item(on=dt.date(2026, 6, 12))  # a Friday: signing is due three working days later, Wednesday 06-17
    assignment = p.assignments.get()
    assert assignment.sign_due == dt.date(2026, 6, 17)
    assert reminders.reminders_scan(today=D)[ReminderKind.SIGN] == 0
    assert reminders.reminders_scan(today=dt.date(2026, 6, 16))[ReminderKind.SIGN] == 1
    assert reminders.reminders_scan(today=dt.date(2026, 6, 18))[ReminderKind.SIGN] == 1
    assert _sent(kind=ReminderKind.SIGN) == {
        (ReminderKind.SIGN, "final", dt.date(2026, 6, 17)),
        (ReminderKind.SIGN, "overdue", dt.date(2026, 6, 17)),
    }


def test_a_co_unit_is_reminded_of_the_opinion_it_owes_the_lead_unit():
    lead, co = f.unit(), f.unit()
    p = item(on=dt.date(2026, 5, 18), unit=lead, mode="lead_co", co=[co])
    co_assignment = p.assignments.get(unit=co)
    services.assignment_sign(assignment=co_assignment, by=f.handler_of(co))
    services.assignment_sign(assignment=p.assignments.get(unit=lead), by=f.handler_of(lead))
    assert co_assignment.due_on == dt.date(2026, 6, 18)
    reminders.reminders_scan(today=D)
    assert _sent(kind=CO_OPINION.kind) == {(ReminderKind.CO_OPINION, "second", dt.date(2026, 6, 18))}
    assert Notification.objects.filter(recipient=f.handler_of(co), title__contains="协办意见期限").count() == 1
    assert Notification.objects.filter(recipient=f.handler_of(lead), reminder__isnull=False).count() == 0


def test_the_deputy_is_reminded_to_evaluate_before_the_window_closes(clock):
    replied_on = dt.date(2026, 6, 1)
    clock.move_to(at(replied_on, 10))
    assignment = item_due(due=dt.date(2026, 8, 1))
    services.reply_submit(
        assignment=assignment, by=f.handler_of(assignment.unit), category="B", **f.reply_rules("B"), body="正在推进"
    )
    p = assignment.proposal
    p.refresh_from_db()
    assert p.evaluation_due == dt.date(2026, 7, 1)
    day = dt.date(2026, 6, 28)
    clock.move_to(at(day, 10))
    assert reminders.reminders_scan(today=day)[ReminderKind.EVALUATION] == 1
    assert reminders.reminders_scan(today=day)[ReminderKind.EVALUATION] == 0
    note = Notification.objects.get(recipient=p.lead_deputy.user, kind=Kind.REMINDER)
    assert "评价期限还有3天" in note.title


def test_a_second_round_is_reminded_as_rehandling_with_its_own_round(clock):
    assignment = item_due(due=dt.date(2026, 6, 1))
    clock.move_to(at(dt.date(2026, 5, 20), 10))
    handler = f.handler_of(assignment.unit)
    services.reply_submit(assignment=assignment, by=handler, category="C", **f.reply_rules("C"), body="条件不具备")
    p = assignment.proposal
    p.refresh_from_db()
    services.evaluation_submit(
        proposal=p, by=p.lead_deputy.user, deputy=p.lead_deputy, attitude="basic", result="unsatisfied", reason="未解决"
    )
    assignment.refresh_from_db()
    assert (assignment.round, assignment.due_on) == (2, dt.date(2026, 6, 20))
    assert Notification.objects.filter(recipient=handler, kind=Kind.REHANDLING).count() == 1
    clock.move_to(at(D, 10))
    assert reminders.reminders_scan(today=D)[ReminderKind.REHANDLE] == 1
    log = ReminderLog.objects.get(kind=ReminderKind.REHANDLE)
    assert (log.round, log.step, log.due_on) == (2, "first", dt.date(2026, 6, 20))


def test_the_staff_digest_goes_out_once_on_a_working_day():
    staff = f.staff_user()
    item_due(due=D - dt.timedelta(days=10), staff=staff)
    assert reminders.staff_digest(today=D) == 1
    assert reminders.staff_digest(today=D) == 0
    note = Notification.objects.get(recipient=staff, kind=Kind.DIGEST)
    assert "共 1 项超期" in note.title
    assert "答复期限超期 1 件" in note.body


def test_the_staff_digest_is_skipped_on_a_holiday_and_on_a_weekend():
    f.staff_user()
    item_due(due=D - dt.timedelta(days=10))
    assert reminders.staff_digest(today=dt.date(2026, 10, 1)) == 0  # 国庆节
    assert reminders.staff_digest(today=dt.date(2026, 6, 13)) == 0  # a Saturday
    assert Notification.objects.filter(kind=Kind.DIGEST).count() == 0


def test_the_december_check_tells_the_office_once_a_day_that_next_year_is_provisional():
    staff = f.staff_user()
    assert reminders.calendar_check(today=dt.date(2025, 12, 1)) == []
    day = dt.date(2026, 12, 1)
    assert reminders.calendar_check(today=day) == [2027]
    assert reminders.calendar_check(today=day) == [2027]
    notes = Notification.objects.filter(recipient=staff, kind=Kind.SYSTEM)
    assert notes.count() == 1
    note = notes.get()
    assert "2027年工作日历为暂定" in note.title
    assert "照常办理" in note.body and "不能" not in note.body and "无法" not in note.body
    assert CalendarDay.objects.filter(date__year__in=[2027, 2028], source="provisional").count() == 731
