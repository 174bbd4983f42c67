"""跟踪落实: each promise of an approved reply is reminded, listed in the monthly report, reported by the
unit, and when all are reported the deputy receives the 落实情况报告."""

import datetime as dt

import pytest
from django.urls import reverse

from notifications.models import Kind, Notification, ReminderLog
from proposals import reminders, services
from proposals.models import PlannedAction
from reports.statistics import monthly_report
from tests import factories as f
from tests.background.support import at, item_due

pytestmark = [pytest.mark.django_db, pytest.mark.reply_review]

D = dt.date(2026, 6, 15)  # a Monday


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(at(D, 10))
    return time_machine


def _promised(*, plans, approve=True):
    """An item answered B on D with ``plans`` [(text, due)], the office's review approving it."""
    staff = f.staff_user()
    assignment = item_due(due=D + dt.timedelta(days=20), staff=staff)
    reply = services.reply_submit(
        assignment=assignment, by=f.handler_of(assignment.unit), category="B", body="已列入计划。", planned=plans
    )
    if approve:
        services.reply_approve(reply=reply, by=staff)
    return assignment.proposal, reply


def test_promises_of_a_pending_reply_are_not_followed_up_yet():
    _promised(plans=[("完成立项", D + dt.timedelta(days=1))], approve=False)
    assert reminders.reminders_scan(today=D)["followup"] == 0
    assert monthly_report(year=2026, month=6)["followups"] == []


def test_the_unit_is_reminded_before_and_after_each_promise_once():
    _proposal, reply = _promised(
        plans=[("完成立项", D + dt.timedelta(days=15)), ("开工建设", D + dt.timedelta(days=60))]
    )
    first, second = PlannedAction.objects.filter(reply=reply).order_by("position")
    assert reminders.reminders_scan(today=D)["followup"] == 1
    assert reminders.reminders_scan(today=D)["followup"] == 0  # a second run sends nothing twice
    later = D + dt.timedelta(days=16)
    assert reminders.reminders_scan(today=later)["followup"] == 1
    steps = set(ReminderLog.objects.filter(planned_action=first).values_list("step", flat=True))
    assert steps == {"first", "overdue"}
    assert not ReminderLog.objects.filter(planned_action=second).exists()
    note = Notification.objects.filter(kind=Kind.OVERDUE, title__contains="落实时限").get()
    assert "计划落实事项：完成立项" in note.body and note.link == reverse("unitportal:followups")


def test_a_reported_promise_is_no_longer_reminded():
    _proposal, reply = _promised(plans=[("完成立项", D + dt.timedelta(days=2))])
    action = PlannedAction.objects.get(reply=reply)
    services.followup_report(action=action, by=f.handler_of(action.unit), done=True, note="已完成立项批复")
    assert reminders.reminders_scan(today=D + dt.timedelta(days=5))["followup"] == 0


def test_the_monthly_report_lists_promises_due_and_not_reported_by_the_months_end(clock):
    proposal, reply = _promised(
        plans=[
            ("完成立项", D + dt.timedelta(days=5)),
            ("开工建设", D + dt.timedelta(days=10)),
            ("竣工", dt.date(2026, 9, 1)),
        ]
    )
    first, second, _third = PlannedAction.objects.filter(reply=reply).order_by("position")
    clock.move_to(at(dt.date(2026, 7, 2)))
    services.followup_report(action=second, by=f.handler_of(second.unit), done=False, note="资金未到位")
    june = monthly_report(year=2026, month=6)["followups"]
    assert [(r["action"], r["due"], r["days_overdue"]) for r in june] == [
        ("完成立项", "2026-06-20", 10),
        ("开工建设", "2026-06-25", 5),  # reported only in July: still open at the end of June
    ]
    july = monthly_report(year=2026, month=7)["followups"]
    assert [r["action"] for r in july] == ["完成立项"]
    assert july[0]["unit"] == first.unit.name and july[0]["title"] == proposal.title


def test_when_every_promise_is_reported_the_deputy_gets_the_report():
    proposal, reply = _promised(plans=[("完成立项", D + dt.timedelta(days=5)), ("开工建设", D + dt.timedelta(days=9))])
    first, second = PlannedAction.objects.filter(reply=reply).order_by("position")
    handler = f.handler_of(first.unit)
    services.followup_report(action=first, by=handler, done=True, note="已取得立项批复")
    assert not Notification.objects.filter(kind=Kind.FOLLOWUP).exists()
    services.followup_report(action=second, by=handler, done=False, note="受汛期影响顺延至10月")
    report = Notification.objects.get(kind=Kind.FOLLOWUP)
    assert report.recipient == proposal.lead_deputy.user
    assert report.title.startswith("落实情况报告")
    assert "完成立项" in report.body and "已落实。已取得立项批复" in report.body
    assert "开工建设" in report.body and "未落实。受汛期影响顺延至10月" in report.body


def test_a_promise_is_reported_once_by_its_own_unit_with_a_note():
    from proposals.errors import DomainError

    _proposal, reply = _promised(plans=[("完成立项", D + dt.timedelta(days=5))])
    action = PlannedAction.objects.get(reply=reply)
    with pytest.raises(DomainError, match="请填写落实情况说明"):
        services.followup_report(action=action, by=f.handler_of(action.unit), done=True, note=" ")
    with pytest.raises(DomainError, match="只有承诺落实的承办单位"):
        services.followup_report(action=action, by=f.handler_of(f.unit()), done=True, note="已完成")
    services.followup_report(action=action, by=f.handler_of(action.unit), done=True, note="已完成")
    with pytest.raises(DomainError, match="已经报告过"):
        services.followup_report(action=action, by=f.handler_of(action.unit), done=False, note="再报")


def test_after_the_rating_open_promises_stay_under_follow_up_for_the_unit(client):
    proposal, reply = _promised(plans=[("完成立项", D + dt.timedelta(days=5))])
    proposal.refresh_from_db()
    services.evaluation_submit(
        proposal=proposal,
        by=proposal.lead_deputy.user,
        deputy=proposal.lead_deputy,
        attitude="satisfied",
        result="basic",
    )
    proposal.refresh_from_db()
    assert proposal.state == "closed"
    action = PlannedAction.objects.get(reply=reply)
    client.force_login(f.handler_of(action.unit))
    page = client.get(reverse("unitportal:followups")).content.decode()
    assert proposal.title in page and "完成立项" in page
    response = client.post(
        reverse("unitportal:followup_report", args=[action.pk]),
        {f"f{action.pk}-outcome": "done", f"f{action.pk}-note": "已取得批复"},
        follow=True,
    )
    assert "落实情况已报告" in response.content.decode()
    assert proposal.title not in client.get(reverse("unitportal:followups")).content.decode()
    client.force_login(f.staff_user())
    assert client.get(reverse("workbench:followups")).status_code == 200
