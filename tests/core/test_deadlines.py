"""Deadline arithmetic: calendar months with month-end clamping, and working days with holidays and 调休."""

import datetime as dt

import pytest

from proposals import deadlines, services
from proposals.deadlines import WorkCalendar, add_months
from proposals.errors import CalendarMissing
from proposals.models import CalendarDay, HandlingRules
from tests import factories as f
from tests.core import support as s
from tests.core.support import fresh

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2025, 11, 30), 3, D(2026, 2, 28)),
        (D(2023, 11, 30), 3, D(2024, 2, 29)),
        (D(2026, 8, 31), 3, D(2026, 11, 30)),
        (D(2026, 3, 2), 3, D(2026, 6, 2)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2026, 10, 15), 3, D(2027, 1, 15)),
        (D(2026, 12, 31), 6, D(2027, 6, 30)),
        (D(2026, 3, 31), 6, D(2026, 9, 30)),
        (D(2026, 5, 31), 0, D(2026, 5, 31)),
        (D(2026, 5, 31), 12, D(2027, 5, 31)),
    ],
)
def test_calendar_months_clamp_to_the_end_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


# --- the calendar table seeded from chinesecalendar ----------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "is_workday", "note"),
    [
        (D(2025, 1, 26), True, "春节调休上班"),
        (D(2025, 1, 28), False, "春节"),
        (D(2025, 2, 4), False, "春节"),
        (D(2025, 2, 8), True, "春节调休上班"),
        (D(2025, 9, 28), True, "国庆节调休上班"),
        (D(2025, 10, 6), False, "中秋节"),
        (D(2025, 10, 8), False, "国庆节"),
        (D(2025, 10, 11), True, "国庆节调休上班"),
        (D(2026, 2, 14), True, "春节调休上班"),
        (D(2026, 2, 15), False, "春节"),
        (D(2026, 2, 23), False, "春节"),
        (D(2026, 2, 28), True, "春节调休上班"),
        (D(2026, 9, 20), True, "国庆节调休上班"),
        (D(2026, 10, 7), False, "国庆节"),
        (D(2026, 10, 10), True, "国庆节调休上班"),
        (D(2026, 3, 7), False, ""),
        (D(2026, 3, 9), True, ""),
    ],
)
def test_the_calendar_table_holds_the_state_councils_holidays_and_make_up_days(day, is_workday, note):
    stored = CalendarDay.objects.get(date=day)
    assert (stored.is_workday, stored.note) == (is_workday, note)


@pytest.mark.django_db
def test_the_holidays_of_2025_and_2026_are_complete_in_the_table():
    off_weekdays = set(
        CalendarDay.objects.filter(date__year__in=[2025, 2026], is_workday=False, date__week_day__in=[2, 3, 4, 5, 6])
        .exclude(note="")
        .values_list("date", flat=True)
    )
    spring_2025 = {D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31), D(2025, 2, 3), D(2025, 2, 4)}
    national_2025 = {D(2025, 10, 1), D(2025, 10, 2), D(2025, 10, 3), D(2025, 10, 6), D(2025, 10, 7), D(2025, 10, 8)}
    spring_2026 = {D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20), D(2026, 2, 23)}
    national_2026 = {D(2026, 10, 1), D(2026, 10, 2), D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7)}
    assert spring_2025 | national_2025 | spring_2026 | national_2026 <= off_weekdays
    make_up = set(
        CalendarDay.objects.filter(date__year__in=[2025, 2026], is_workday=True, date__week_day__in=[1, 7]).values_list(
            "date", flat=True
        )
    )
    assert {D(2025, 1, 26), D(2025, 2, 8), D(2025, 9, 28), D(2025, 10, 11)} <= make_up
    assert {D(2026, 2, 14), D(2026, 2, 28), D(2026, 9, 20), D(2026, 10, 10)} <= make_up


# --- working days -----------------------------------------------------------------------------------


@pytest.fixture
def calendar(db):
    return WorkCalendar.load(years=[2025, 2026])


@pytest.mark.parametrize(
    ("assigned_on", "sign_due", "adjust_until"),
    [
        # An ordinary week: three and ten working days later.
        (D(2026, 3, 2), D(2026, 3, 5), D(2026, 3, 16)),
        # 2025 春节: holiday 01-28..02-04, make-up days Sun 01-26 and Sat 02-08 count as working days.
        (D(2025, 1, 24), D(2025, 2, 5), D(2025, 2, 13)),
        (D(2025, 1, 27), D(2025, 2, 7), D(2025, 2, 17)),
        # 2025 国庆 + 中秋: holiday 10-01..10-08, make-up days Sun 09-28 and Sat 10-11.
        (D(2025, 9, 26), D(2025, 9, 30), D(2025, 10, 16)),
        # 2026 春节: holiday 02-15..02-23, make-up days Sat 02-14 and Sat 02-28.
        (D(2026, 2, 13), D(2026, 2, 25), D(2026, 3, 5)),
        (D(2026, 2, 12), D(2026, 2, 24), D(2026, 3, 4)),
        # 2026 国庆: holiday 10-01..10-07, make-up days Sun 09-20 and Sat 10-10.
        (D(2026, 9, 30), D(2026, 10, 10), D(2026, 10, 20)),
        # Across New Year 2026 (01-01..01-03 off, Sun 01-04 a make-up day).
        (D(2025, 12, 24), D(2025, 12, 29), D(2026, 1, 8)),
    ],
)
def test_working_day_windows_follow_holidays_and_make_up_days(calendar, assigned_on, sign_due, adjust_until):
    rules = HandlingRules()
    dates = deadlines.assignment_dates(assigned_on=assigned_on, answers=True, rules=rules, calendar=calendar)
    assert (dates.sign_due, dates.adjust_until) == (sign_due, adjust_until)
    assert dates.base_due == add_months(assigned_on, 3)


def test_a_co_unit_gets_one_calendar_month(calendar):
    dates = deadlines.assignment_dates(
        assigned_on=D(2026, 1, 30), answers=False, rules=HandlingRules(), calendar=calendar
    )
    assert dates.base_due == D(2026, 2, 28)


def test_the_rules_the_office_edits_change_the_windows(calendar):
    rules = HandlingRules(sign_workdays=5, adjustment_workdays=15, reply_months=2)
    dates = deadlines.assignment_dates(assigned_on=D(2026, 2, 13), answers=True, rules=rules, calendar=calendar)
    assert (dates.sign_due, dates.adjust_until, dates.base_due) == (D(2026, 2, 27), D(2026, 3, 12), D(2026, 4, 13))


@pytest.mark.parametrize(
    ("day", "expected"),
    [(D(2026, 2, 14), True), (D(2026, 2, 16), False), (D(2026, 2, 21), False), (D(2026, 10, 8), True)],
)
def test_make_up_saturdays_work_and_holiday_weekdays_rest(calendar, day, expected):
    assert calendar.is_workday(day) is expected


def test_working_days_between_two_dates_skip_the_spring_festival(calendar):
    assert calendar.workdays_between(D(2026, 2, 13), D(2026, 2, 28)) == 6
    assert calendar.workdays_between(D(2026, 3, 2), D(2026, 3, 2)) == 0
    assert calendar.workdays_between(D(2026, 3, 6), D(2026, 3, 2)) == 0


def test_the_other_deadlines_are_calendar_months():
    rules = HandlingRules()
    assert deadlines.extension_cap(assigned_on=D(2025, 8, 31), rules=rules) == D(2026, 2, 28)
    assert deadlines.rehandle_due(evaluated_on=D(2026, 1, 31), rules=rules) == D(2026, 2, 28)
    assert deadlines.evaluation_due(replied_on=D(2026, 12, 15), rules=rules) == D(2027, 1, 15)
    assert deadlines.days_left(due=D(2026, 3, 1), today=D(2026, 3, 2)) == -1


@pytest.mark.django_db
def test_the_assignment_form_suggests_the_dates_a_unit_would_get():
    assert services.suggested_due_dates(on=D(2026, 2, 13)) == {
        "sign_due": D(2026, 2, 25),
        "adjust_until": D(2026, 3, 5),
        "reply_due": D(2026, 5, 13),
        "co_opinion_due": D(2026, 3, 13),
        "extension_cap": D(2026, 8, 13),
        "sign_due_provisional": False,
        "adjust_until_provisional": False,
    }


@pytest.mark.django_db
def test_an_assignment_over_the_spring_festival_stores_the_computed_dates(staff):
    item = f.registered(staff=staff)
    services.proposal_assign(proposal=item, by=staff, mode="single", lead_units=[f.unit()], on=D(2026, 2, 13))
    lead = s.answering(item)[0]
    assert (lead.sign_due, lead.adjust_until, lead.base_due, lead.due_on) == (
        D(2026, 2, 25),
        D(2026, 3, 5),
        D(2026, 5, 13),
        D(2026, 5, 13),
    )
    assert fresh(item).reply_due == D(2026, 5, 13)


# --- a calendar built from given days refuses a day it does not hold -----------------------------------


def test_a_calendar_refuses_a_year_it_does_not_hold():
    calendar = WorkCalendar.from_days({D(2026, 1, 1) + dt.timedelta(days=n): True for n in range(365)})
    with pytest.raises(CalendarMissing, match="2027年的工作日历尚未导入"):
        calendar.is_workday(D(2027, 1, 4))
    with pytest.raises(CalendarMissing):
        calendar.add_workdays(D(2026, 12, 30), 3)
    with pytest.raises(CalendarMissing):
        calendar.workdays_between(D(2026, 12, 1), D(2027, 1, 10))


def test_a_year_entered_only_in_part_is_not_guessed():
    calendar = WorkCalendar.from_days({D(2027, 1, 1): False, D(2027, 1, 2): False, D(2027, 1, 4): True})
    assert calendar.add_workdays(D(2027, 1, 1), 0) == D(2027, 1, 1)
    with pytest.raises(CalendarMissing, match="2027年01月03日"):
        calendar.add_workdays(D(2027, 1, 1), 1)


def test_a_span_over_a_missing_year_in_the_middle_is_refused():
    days = {D(2025, 12, 31): True, D(2027, 1, 4): True}
    calendar = WorkCalendar.from_days(days)
    with pytest.raises(CalendarMissing, match="2026"):
        calendar.workdays_between(D(2025, 12, 30), D(2027, 1, 4))


@pytest.mark.django_db
def test_a_year_entered_in_the_admin_is_used(staff):
    CalendarDay.objects.filter(date__year=2027).delete()
    CalendarDay.objects.bulk_create(
        CalendarDay(
            date=D(2027, 1, 1) + dt.timedelta(days=n), is_workday=(D(2027, 1, 1) + dt.timedelta(days=n)).weekday() < 5
        )
        for n in range(365)
    )
    item = f.registered(staff=staff)
    services.proposal_assign(proposal=item, by=staff, mode="single", lead_units=[f.unit()], on=D(2027, 1, 4))
    assert s.answering(item)[0].sign_due == D(2027, 1, 7)


@pytest.mark.django_db
def test_migrate_restores_missing_calendar_days_and_keeps_the_offices_edits():
    from django.core.management.sql import emit_post_migrate_signal

    CalendarDay.objects.filter(date__year=2026).exclude(date=D(2026, 3, 9)).delete()
    CalendarDay.objects.filter(date=D(2026, 3, 9)).update(is_workday=False, note="本地调整")
    emit_post_migrate_signal(0, False, "default")
    assert CalendarDay.objects.filter(date__year=2026).count() == 365
    assert CalendarDay.objects.get(date=D(2026, 3, 9)).note == "本地调整"
    assert CalendarDay.objects.get(date=D(2026, 2, 28)).is_workday is True


@pytest.mark.django_db
def test_the_offices_rules_drive_the_stored_dates(staff):
    rules = HandlingRules.current()
    rules.reply_months, rules.co_opinion_months, rules.sign_workdays, rules.evaluation_months = 2, 2, 1, 2
    rules.save()
    lead_unit, co = f.unit(), f.unit()
    item = f.registered(staff=staff)
    services.proposal_assign(proposal=item, by=staff, mode="lead_co", lead_units=[lead_unit], co_units=[co])
    lead, co_row = s.assignment_of(item, lead_unit), s.assignment_of(item, co)
    assert (lead.sign_due, lead.base_due, co_row.base_due) == (D(2026, 3, 3), D(2026, 5, 2), D(2026, 5, 2))
    s.sign_all(item)
    s.reply(lead)
    assert fresh(item).evaluation_due == D(2026, 5, 2)
