"""The daily jobs run as Celery tasks: closing lapsed evaluations, the digest, the calendar check."""

import datetime as dt

import pytest

from notifications.models import Kind, Notification
from proposals import services
from proposals import tasks as proposal_tasks
from tests import factories as f
from tests.background.support import at, item_due

pytestmark = pytest.mark.django_db


def test_replied_items_whose_evaluation_window_lapsed_are_closed_and_the_deputy_told(time_machine):
    time_machine.move_to(at(dt.date(2026, 6, 1), 10))
    assignment = item_due(due=dt.date(2026, 8, 1))
    services.reply_submit(
        assignment=assignment, by=f.handler_of(assignment.unit), category="B", **f.reply_rules("B"), body="列入计划"
    )
    p = assignment.proposal
    p.refresh_from_db()
    assert p.evaluation_due == dt.date(2026, 7, 1)

    assert proposal_tasks.close_lapsed_evaluations.apply(kwargs={"on": "2026-07-01"}).get() == 0
    assert proposal_tasks.close_lapsed_evaluations.apply(kwargs={"on": "2026-07-02"}).get() == 1
    assert proposal_tasks.close_lapsed_evaluations.apply(kwargs={"on": "2026-07-02"}).get() == 0
    p.refresh_from_db()
    assert (p.state, p.closed_unevaluated) == ("closed", True)
    note = Notification.objects.get(recipient=p.lead_deputy.user, kind=Kind.CLOSED)
    assert "未表态" in note.body


def test_the_digest_task_uses_today_in_beijing_and_skips_a_sunday(time_machine):
    staff = f.staff_user()
    time_machine.move_to(at(dt.date(2026, 6, 1), 10))
    item_due(due=dt.date(2026, 6, 1), staff=staff)
    time_machine.move_to(dt.datetime(2026, 6, 14, 0, 30, tzinfo=dt.UTC))  # Sunday 08:30 in Beijing
    assert proposal_tasks.staff_overdue_digest.apply().get() == 0
    time_machine.move_to(dt.datetime(2026, 6, 15, 0, 30, tzinfo=dt.UTC))  # Monday 08:30 in Beijing
    assert proposal_tasks.staff_overdue_digest.apply().get() == 1
    assert Notification.objects.filter(recipient=staff, kind=Kind.DIGEST).count() == 1


def test_the_calendar_check_task_reports_which_coming_years_are_provisional():
    staff = f.staff_user()
    assert proposal_tasks.calendar_check.apply(kwargs={"on": "2025-12-01"}).get() == []
    assert proposal_tasks.calendar_check.apply(kwargs={"on": "2026-12-01"}).get() == [2027]
    assert Notification.objects.filter(recipient=staff, kind=Kind.SYSTEM).count() == 1
