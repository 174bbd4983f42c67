import datetime as dt

import pytest

from notifications.models import Notification
from opinions import services
from opinions.models import ReferralReminder
from opinions.reminders import referral_reminders_scan
from opinions.tasks import referral_reminders
from tests.opinions.support import opinion

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(world):
    o = opinion(world)
    return services.opinion_refer(
        opinion=o,
        by=world.staff_user,
        unit=world.unit,
        reason="属住建职责",
        due_on=o.received_on + dt.timedelta(days=30),
    )


def _unit_notes(world):
    return Notification.objects.filter(recipient=world.unit.handlers.get().user, title__contains="民意转办件")


def test_a_referral_is_reminded_before_its_due_date_once_even_when_the_scan_runs_twice(world, referral):
    due = referral.due_on
    assert referral_reminders_scan(today=due - dt.timedelta(days=16)) == 0
    assert referral_reminders_scan(today=due - dt.timedelta(days=15)) == 1
    assert referral_reminders_scan(today=due - dt.timedelta(days=15)) == 0
    assert referral_reminders_scan(today=due - dt.timedelta(days=14)) == 0  # still the same step
    assert referral_reminders_scan(today=due - dt.timedelta(days=3)) == 1
    assert referral_reminders_scan(today=due) == 1
    assert list(ReferralReminder.objects.order_by("id").values_list("step", flat=True)) == ["first", "second", "final"]
    notes = _unit_notes(world)
    assert notes.count() == 3 and "临期提醒" in notes.order_by("id").first().title
    # Only the referral's own unit is reminded.
    assert not Notification.objects.filter(recipient=world.other_unit.handlers.get().user).exists()


def test_an_overdue_referral_is_urged_every_few_days_and_an_answered_one_is_left_alone(world, referral):
    due = referral.due_on
    assert referral_reminders_scan(today=due + dt.timedelta(days=1)) == 1
    assert referral_reminders_scan(today=due + dt.timedelta(days=2)) == 0
    assert referral_reminders_scan(today=due + dt.timedelta(days=4)) == 1
    steps = list(ReferralReminder.objects.order_by("id").values_list("step", flat=True))
    assert steps == ["overdue", "urge-1"]
    assert _unit_notes(world).filter(title__startswith="催办").exists()
    services.referral_answer(referral=referral, by=world.unit.handlers.get().user, answer="已修复，请群众监督。")
    assert referral_reminders_scan(today=due + dt.timedelta(days=7)) == 0


def test_the_periodic_task_runs_the_scan_for_a_given_day(world, referral):
    assert referral_reminders.run(on=(referral.due_on - dt.timedelta(days=15)).isoformat()) == 1
    assert referral_reminders.run(on=(referral.due_on - dt.timedelta(days=15)).isoformat()) == 0
