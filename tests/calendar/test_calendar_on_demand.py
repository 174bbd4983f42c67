"""A year the package does not cover is never missing: it is filled provisionally, and marked."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client

from proposals import services
from proposals.deadlines import WorkCalendar
from proposals.models import Assignment, CalendarDay
from proposals.services.calendar import calendar_day_edit
from tests import factories as f

D = dt.date
pytestmark = pytest.mark.django_db


def test_loading_a_year_without_data_fills_it_provisionally_once():
    CalendarDay.objects.filter(date__year=2031).delete()
    calendar = WorkCalendar.load(years=[2031])
    assert CalendarDay.objects.filter(date__year=2031, source="provisional").count() == 365
    assert calendar.is_workday(D(2031, 10, 1)) is False
    assert calendar.provisional_between(D(2031, 3, 1), D(2031, 3, 5))
    WorkCalendar.load(years=[2031])
    assert CalendarDay.objects.filter(date__year=2031).count() == 365


def test_a_partly_entered_year_keeps_its_days_and_gets_the_rest():
    CalendarDay.objects.filter(date__year=2029).delete()
    CalendarDay.objects.create(date=D(2029, 3, 5), is_workday=False, note="本地调整", source="office")
    WorkCalendar.load(years=[2029])
    assert CalendarDay.objects.filter(date__year=2029).count() == 365
    assert CalendarDay.objects.get(date=D(2029, 3, 5)).note == "本地调整"


def test_migrate_keeps_the_coming_years_ready():
    assert CalendarDay.objects.filter(date__year=2027, source="provisional").count() == 365
    assert CalendarDay.objects.filter(date__year=2026, source="package").count() == 365


def test_an_assignment_over_provisional_days_is_marked_and_one_over_official_days_is_not(staff):
    late, early = f.registered(staff=staff), f.registered(staff=staff)
    services.proposal_assign(proposal=late, by=staff, mode="single", lead_units=[f.unit()], on=D(2026, 12, 28))
    services.proposal_assign(proposal=early, by=staff, mode="single", lead_units=[f.unit()], on=D(2026, 12, 1))
    a = Assignment.objects.get(proposal=late)
    assert (a.sign_due, a.sign_due_provisional) == (D(2026, 12, 31), False)
    assert (a.adjust_until, a.adjust_until_provisional) == (D(2027, 1, 12), True)
    b = Assignment.objects.get(proposal=early)
    assert (b.sign_due_provisional, b.adjust_until_provisional) == (False, False)


def test_a_window_over_the_provisional_national_day_skips_it(staff):
    item = f.registered(staff=staff)
    services.proposal_assign(proposal=item, by=staff, mode="single", lead_units=[f.unit()], on=D(2027, 9, 29))
    a = Assignment.objects.get(proposal=item)
    # 30 Sep, then 国庆 1–3 Oct and its 补假 4–5 Oct: the 3rd working day is 7 October.
    assert (a.sign_due, a.sign_due_provisional) == (D(2027, 10, 7), True)


def test_an_offices_edit_of_a_provisional_day_survives_load_calendar(staff):
    calendar_day_edit(day=D(2027, 12, 31), is_workday=False, note="本地安排", by=staff)
    out = io.StringIO()
    call_command("load_calendar", stdout=out, stderr=io.StringIO())
    call_command("load_calendar", "--year", "2027", stdout=out, stderr=io.StringIO())
    day = CalendarDay.objects.get(date=D(2027, 12, 31))
    assert (day.is_workday, day.note, day.source) == (False, "本地安排", "office")
    assert "2027" in out.getvalue() and "暂定" in out.getvalue()


def test_load_calendar_takes_a_newer_package_year_but_keeps_the_offices_days(staff, monkeypatch):
    """A newer chinesecalendar with 2027 replaces the provisional days, never the office's."""
    from proposals import calendar_seed

    real = calendar_seed.calendar_days

    def with_2027(year):
        if year != 2027:
            return real(year)
        out, day = [], D(2027, 1, 1)
        while day.year == 2027:
            off = day.weekday() >= 5 or day in (D(2027, 1, 1), D(2027, 10, 1), D(2027, 10, 4))
            out.append((day, day == D(2027, 9, 26) or not off, "国庆节" if day.month == 10 and off else ""))
            day += dt.timedelta(days=1)
        return out

    monkeypatch.setattr(calendar_seed, "calendar_days", with_2027)
    monkeypatch.setattr(calendar_seed, "package_years", lambda: range(2004, 2028))
    calendar_day_edit(day=D(2027, 3, 1), is_workday=False, note="本地安排", by=staff)
    call_command("load_calendar", "--year", "2027", stdout=io.StringIO())
    assert CalendarDay.objects.filter(date__year=2027, source="provisional").count() == 0
    assert CalendarDay.objects.get(date=D(2027, 9, 26)).is_workday is True
    assert CalendarDay.objects.get(date=D(2027, 3, 1)).source == "office"


@pytest.mark.parametrize(
    ("today", "sign_due", "adjust_until"),
    [
        # 除夕 5 February to 初三 8 February, 补假 9–10 February for the two on the weekend.
        (D(2027, 2, 3), D(2027, 2, 12), D(2027, 2, 23)),
        # 中秋 falls on 1 October with 国庆 1–3 October: made up on Monday 6 October.
        (D(2031, 9, 29), D(2031, 10, 8), D(2031, 10, 17)),
    ],
)
def test_a_window_assigned_today_skips_the_provisional_spring_festival_and_national_day(
    staff, time_machine, today, sign_due, adjust_until
):
    from tests.core.support import at

    time_machine.move_to(at(today), tick=False)
    item = f.registered(staff=staff)
    services.proposal_assign(proposal=item, by=staff, mode="single", lead_units=[f.unit()])
    a = Assignment.objects.get(proposal=item)
    assert (a.assigned_on, a.sign_due, a.adjust_until) == (today, sign_due, adjust_until)
    assert a.sign_due_provisional and a.adjust_until_provisional


def test_an_edit_in_the_admin_is_the_offices_own_and_recounts_the_windows_over_it(staff, time_machine):
    from django.contrib.auth.models import User

    from notifications.models import Kind, Notification
    from tests.core.support import at

    time_machine.move_to(at(D(2027, 3, 1)), tick=False)
    item = f.registered(staff=staff)
    services.proposal_assign(proposal=item, by=staff, mode="single", lead_units=[f.unit()])
    a = Assignment.objects.get(proposal=item)
    assert a.sign_due == D(2027, 3, 4)
    admin = User.objects.create_superuser("root", password="x")
    client = Client()
    client.force_login(admin)
    url = f"/admin/proposals/calendarday/{D(2027, 3, 3).isoformat()}/change/"
    response = client.post(url, {"date": "2027-03-03", "note": "本地活动", "is_workday": ""})
    assert response.status_code == 302
    day = CalendarDay.objects.get(date=D(2027, 3, 3))
    assert (day.is_workday, day.note, day.source) == (False, "本地活动", "office")
    a.refresh_from_db()
    assert a.sign_due == D(2027, 3, 5)
    assert Notification.objects.filter(kind=Kind.DUE_CHANGED, recipient=f.handler_of(a.unit)).exists()
