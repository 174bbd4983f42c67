"""Entering the official arrangement recounts exactly the open future windows over the changed days."""

import datetime as dt

import pytest
from django_fsm_log.models import StateLog

from notifications.models import Kind, Notification
from proposals import services
from proposals.models import Assignment, CalendarDay
from proposals.services.calendar import Holiday, MakeUpDay, calendar_enter_official
from tests import factories as f
from tests.core.support import at

D = dt.date
pytestmark = pytest.mark.django_db

HOLIDAYS_2027 = [
    Holiday("元旦", D(2027, 1, 1), D(2027, 1, 3)),
    Holiday("春节", D(2027, 2, 5), D(2027, 2, 12)),
    Holiday("清明节", D(2027, 4, 3), D(2027, 4, 5)),
    Holiday("劳动节", D(2027, 5, 1), D(2027, 5, 5)),
    Holiday("端午节", D(2027, 6, 9), D(2027, 6, 11)),
    Holiday("中秋节", D(2027, 9, 15), D(2027, 9, 17)),
    Holiday("国庆节", D(2027, 10, 1), D(2027, 10, 7)),
]
# The notice moves a working day onto Saturday 9 January.
MAKE_UP_2027 = [
    MakeUpDay(D(2027, 1, 9), "元旦"),
    MakeUpDay(D(2027, 2, 20), "春节"),
    MakeUpDay(D(2027, 9, 26), "国庆节"),
]


def _assign(staff, on: dt.date, time_machine) -> Assignment:
    time_machine.move_to(at(on), tick=False)
    item = f.registered(staff=staff)
    services.proposal_assign(proposal=item, by=staff, mode="single", lead_units=[f.unit()], on=on)
    return Assignment.objects.get(proposal=item)


def _enter(staff):
    return calendar_enter_official(year=2027, holidays=HOLIDAYS_2027, make_up=MAKE_UP_2027, by=staff)


def test_entering_the_official_year_recounts_the_future_windows_and_leaves_the_past_ones(staff, time_machine):
    before_new_year = _assign(staff, D(2026, 12, 25), time_machine)
    new_year_eve = _assign(staff, D(2026, 12, 31), time_machine)
    pending = _assign(staff, D(2027, 1, 8), time_machine)
    signed = _assign(staff, D(2027, 1, 8), time_machine)
    services.assignment_sign(assignment=signed, by=f.handler_of(signed.unit))
    assert (before_new_year.adjust_until, before_new_year.adjust_until_provisional) == (D(2027, 1, 11), True)
    assert (new_year_eve.sign_due, new_year_eve.adjust_until) == (D(2027, 1, 6), D(2027, 1, 15))
    assert (pending.sign_due, pending.adjust_until, pending.sign_due_provisional) == (
        D(2027, 1, 13),
        D(2027, 1, 22),
        True,
    )

    time_machine.move_to(at(D(2027, 1, 12)), tick=False)
    logs_before = StateLog.objects.count()
    update = _enter(staff)

    moved = {(c.assignment_id, c.label, c.old, c.new) for c in update.changes}
    assert moved == {
        (new_year_eve.pk, "申请调整截止日期", D(2027, 1, 15), D(2027, 1, 14)),
        (pending.pk, "签收期限", D(2027, 1, 13), D(2027, 1, 12)),
        (pending.pk, "申请调整截止日期", D(2027, 1, 22), D(2027, 1, 21)),
        (signed.pk, "申请调整截止日期", D(2027, 1, 22), D(2027, 1, 21)),
    }
    for a in (before_new_year, new_year_eve, pending, signed):
        a.refresh_from_db()
    # A window already passed (11 January, before today) stays as it was, with its mark.
    assert (before_new_year.adjust_until, before_new_year.adjust_until_provisional) == (D(2027, 1, 11), True)
    # A signed unit's 签收期限 is history: it stays.
    assert signed.sign_due == D(2027, 1, 13)
    assert (pending.sign_due, pending.sign_due_provisional) == (D(2027, 1, 12), False)
    # A window the official days do not move only loses its 暂定 mark.
    assert (new_year_eve.sign_due, new_year_eve.sign_due_provisional) == (D(2027, 1, 6), False)
    assert (new_year_eve.adjust_until, new_year_eve.adjust_until_provisional) == (D(2027, 1, 14), False)

    logs = StateLog.objects.filter(transition="calendar_update").order_by("pk")
    assert logs.count() == StateLog.objects.count() - logs_before == 3
    assert logs.get(object_id=pending.pk).description == (
        "工作日历更新：签收期限由 2027-01-13 调整为 2027-01-12；申请调整截止日期由 2027-01-22 调整为 2027-01-21"
    )
    notes = Notification.objects.filter(kind=Kind.DUE_CHANGED)
    assert sorted(n.recipient_id for n in notes) == sorted(
        f.handler_of(a.unit).pk for a in (new_year_eve, pending, signed)
    )
    assert "签收期限由2027年01月13日调整为2027年01月12日" in notes.get(recipient=f.handler_of(pending.unit)).body
    assert CalendarDay.objects.filter(date__year=2027, source="provisional").count() == 0
    assert CalendarDay.objects.get(date=D(2027, 1, 9)).is_workday is True

    # The same arrangement entered again changes nothing.
    rows = list(Assignment.objects.order_by("pk").values())
    again = _enter(staff)
    assert (again.days_changed, again.changes) == (0, [])
    assert list(Assignment.objects.order_by("pk").values()) == rows
    assert StateLog.objects.filter(transition="calendar_update").count() == 3
    assert Notification.objects.filter(kind=Kind.DUE_CHANGED).count() == 3


def test_a_day_the_office_adjusted_itself_is_kept_when_the_arrangement_is_entered(staff):
    services_day = D(2027, 3, 1)
    from proposals.services.calendar import calendar_day_edit

    calendar_day_edit(day=services_day, is_workday=False, note="本地安排", by=staff)
    update = _enter(staff)
    assert update.days_kept == 1
    day = CalendarDay.objects.get(date=services_day)
    assert (day.is_workday, day.source) == (False, "office")


@pytest.mark.parametrize(
    ("holidays", "make_up", "message"),
    [
        ([], [], "至少录入一个放假安排"),
        ([Holiday("", D(2027, 1, 1), D(2027, 1, 1))], [], "节日名称"),
        ([Holiday("元旦", D(2026, 12, 31), D(2027, 1, 1))], [], "须在2027年内"),
        ([Holiday("元旦", D(2027, 1, 3), D(2027, 1, 1))], [], "不能早于开始日期"),
        ([Holiday("春节", D(2027, 2, 1), D(2027, 2, 28))], [], "超过15天"),
        (
            [Holiday("元旦", D(2027, 1, 1), D(2027, 1, 3)), Holiday("又一个", D(2027, 1, 3), D(2027, 1, 4))],
            [],
            "同时出现",
        ),
        ([Holiday("元旦", D(2027, 1, 1), D(2027, 1, 3))], [MakeUpDay(D(2027, 1, 2), "元旦")], "不能同时是调休上班日"),
        ([Holiday("元旦", D(2027, 1, 1), D(2027, 1, 3))], [MakeUpDay(D(2027, 1, 6), "元旦")], "本来就是工作日"),
    ],
)
def test_a_wrong_arrangement_is_refused_with_a_reason_and_changes_nothing(staff, holidays, make_up, message):
    from proposals.errors import DomainError

    before = list(CalendarDay.objects.filter(date__year=2027).values_list("date", "is_workday", "source"))
    with pytest.raises(DomainError, match=message):
        calendar_enter_official(year=2027, holidays=holidays, make_up=make_up, by=staff)
    assert list(CalendarDay.objects.filter(date__year=2027).values_list("date", "is_workday", "source")) == before
