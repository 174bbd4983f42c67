"""The 工作日历 pages, the staff banner and the 暂定 marks on the pages that show a window."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from proposals import services
from proposals.models import Assignment, CalendarDay
from tests import factories as f
from tests.core.support import at

D = dt.date
pytestmark = pytest.mark.django_db

ARRANGEMENT = {
    "h0_name": "元旦", "h0_start": "2027-01-01", "h0_end": "2027-01-03",
    "h1_name": "春节", "h1_start": "2027-02-05", "h1_end": "2027-02-12",
    "h2_name": "国庆节", "h2_start": "2027-10-01", "h2_end": "2027-10-07",
    "m0_date": "2027-01-09", "m0_name": "元旦",
    "m1_date": "2027-02-20", "m1_name": "春节",
}  # fmt: skip


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff_client(staff):
    return client_for(staff)


def _provisional_assignment(staff, time_machine) -> Assignment:
    time_machine.move_to(at(D(2027, 1, 8)), tick=False)
    item = f.registered(staff=staff)
    services.proposal_assign(proposal=item, by=staff, mode="single", lead_units=[f.unit()])
    return Assignment.objects.get(proposal=item)


def test_the_year_list_says_which_years_are_provisional(staff_client, time_machine):
    time_machine.move_to(at(D(2026, 12, 1)), tick=False)
    page = staff_client.get(reverse("workbench:calendar")).content.decode()
    assert "2026年" in page and "2028年" in page
    assert "暂定" in page and "录入国务院安排" in page


def test_the_year_page_shows_the_month_view_of_a_provisional_year(staff_client):
    response = staff_client.get(reverse("workbench:calendar_year", args=[2027]))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="cal-month"') == 12
    assert "cal-holiday" in page and "cal-provisional" not in page  # the whole year is provisional: said once
    assert "按法定节假日推算的暂定日历" in page
    assert 'value="春节"' in page  # the holiday names are offered, the dates left to the notice


def test_a_preview_shows_the_changes_and_saves_nothing(staff, time_machine):
    assignment = _provisional_assignment(staff, time_machine)
    staff_client = client_for(staff)  # logged in on the day the clock shows
    before = list(CalendarDay.objects.filter(date__year=2027).values_list("is_workday", "source"))
    response = staff_client.post(reverse("workbench:calendar_year", args=[2027]), {**ARRANGEMENT, "action": "preview"})
    page = response.content.decode()
    assert "预览：尚未保存" in page
    assert "cal-makeup" in page and "cal-changed" in page
    assert f"签收期限 {assignment.sign_due:%Y-%m-%d} →" in page
    assert list(CalendarDay.objects.filter(date__year=2027).values_list("is_workday", "source")) == before
    assignment.refresh_from_db()
    assert assignment.sign_due == D(2027, 1, 13)


def test_confirming_enters_the_year_and_recounts_the_windows(staff, time_machine):
    assignment = _provisional_assignment(staff, time_machine)
    staff_client = client_for(staff)  # logged in on the day the clock shows
    response = staff_client.post(reverse("workbench:calendar_year", args=[2027]), {**ARRANGEMENT, "action": "save"})
    assert response.status_code == 302
    page = staff_client.get(response["Location"]).content.decode()
    assert "已录入2027年国务院节假日安排" in page and "重新计算了1件的期限" in page
    assert "已录入国务院安排" in page
    assert CalendarDay.objects.get(date=D(2027, 1, 9)).is_workday is True
    assignment.refresh_from_db()
    assert (assignment.sign_due, assignment.sign_due_provisional) == (D(2027, 1, 12), False)
    # The stored arrangement is offered back in the form.
    assert 'value="2027-01-09"' in page and 'value="2027-10-07"' in page


def test_a_wrong_arrangement_is_refused_with_a_reason(staff_client):
    bad = {**ARRANGEMENT, "m0_date": "2027-01-06", "action": "save"}
    page = staff_client.post(reverse("workbench:calendar_year", args=[2027]), bad).content.decode()
    assert "本来就是工作日" in page
    assert not CalendarDay.objects.filter(date__year=2027, source="official").exists()
    half = {"h0_name": "元旦", "h0_start": "2027-01-01", "action": "save"}
    page = staff_client.post(reverse("workbench:calendar_year", args=[2027]), half).content.decode()
    assert "请同时填写起止日期" in page


def test_only_office_staff_may_open_or_change_the_calendar(staff):
    unit = f.unit()
    deputy = f.registered(staff=staff).lead_deputy.user
    for user in (f.handler_of(unit), deputy):
        client = client_for(user)
        assert client.get(reverse("workbench:calendar")).status_code == 403
        response = client.post(reverse("workbench:calendar_year", args=[2027]), {**ARRANGEMENT, "action": "save"})
        assert response.status_code == 403
    assert not CalendarDay.objects.filter(source="official").exists()
    assert Client().get(reverse("workbench:calendar")).status_code == 302


def test_staff_see_a_banner_until_the_coming_year_is_entered(staff_client, staff, time_machine):
    time_machine.move_to(at(D(2026, 6, 1)), tick=False)
    assert "工作日历为" not in staff_client.get(reverse("workbench:list")).content.decode()
    time_machine.move_to(at(D(2026, 12, 1)), tick=False)
    page = staff_client.get(reverse("workbench:list")).content.decode()
    assert "2027年的工作日历为" in page and "录入2027年安排" in page
    assert "工作日历为" not in client_for(f.handler_of(f.unit())).get(reverse("unitportal:inbox")).content.decode()
    staff_client.post(reverse("workbench:calendar_year", args=[2027]), {**ARRANGEMENT, "action": "save"})
    assert "工作日历为" not in staff_client.get(reverse("workbench:list")).content.decode()


def test_a_provisional_window_is_shown_as_such_to_staff_the_unit_and_the_deputy(staff, time_machine):
    assignment = _provisional_assignment(staff, time_machine)
    staff_client = client_for(staff)  # logged in on the day the clock shows
    mark = 'class="badge badge-provisional"'
    assert mark in staff_client.get(reverse("workbench:detail", args=[assignment.proposal_id])).content.decode()
    unit = client_for(f.handler_of(assignment.unit))
    assert mark in unit.get(reverse("unitportal:inbox") + "?tab=pending").content.decode()
    assert mark in unit.get(reverse("unitportal:assignment", args=[assignment.pk])).content.decode()
    deputy = client_for(assignment.proposal.lead_deputy.user)
    assert mark in deputy.get(reverse("deputy:detail", args=[assignment.proposal_id])).content.decode()
