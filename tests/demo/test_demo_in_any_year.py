"""The demo office is built around the real date in any year, and the daily work goes on over it."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django.test import TestCase

from proposals import reminders, services
from proposals.models import Assignment, AssignmentState, Proposal, ProposalState
from reports.models import ReportArchive
from reports.services import archive_build, monthly_auto
from units.models import Unit

SHANGHAI = ZoneInfo("Asia/Shanghai")


class DemoOnADay:
    """The checks, run by a test case per day below."""

    day: dt.date

    @classmethod
    def moment(cls) -> dt.datetime:
        return dt.datetime.combine(cls.day, dt.time(10), tzinfo=SHANGHAI)

    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(cls.moment(), tick=False):
            call_command("seed_demo", stdout=io.StringIO())

    def setUp(self):
        traveller = time_machine.travel(self.moment(), tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def _assign_a_registered_item(self) -> Assignment:
        from django.contrib.auth.models import User

        item = Proposal.objects.filter(state=ProposalState.REGISTERED, assignments__isnull=True).first()
        unit = Unit.objects.get(handlers__user__username="unit")
        services.proposal_assign(proposal=item, by=User.objects.get(username="staff"), mode="single", lead_units=[unit])
        return Assignment.objects.get(proposal=item)

    def test_the_newest_item_is_from_the_last_weeks_and_the_sessions_are_this_year_and_last(self):
        newest = max(p.submitted_on or p.created_at.astimezone(SHANGHAI).date() for p in Proposal.objects.all())
        assert self.day - dt.timedelta(days=21) <= newest <= self.day
        years = set(Proposal.objects.values_list("session__year", flat=True))
        assert years == {self.day.year - 1, self.day.year}

    def test_it_has_overdue_near_due_and_re_handled_items_around_today(self):
        open_ = Assignment.objects.filter(state=AssignmentState.HANDLING, role="lead")
        assert open_.filter(due_on__lt=self.day).exists()
        assert open_.filter(due_on__range=(self.day, self.day + dt.timedelta(days=15))).exists()
        assert Proposal.objects.filter(state=ProposalState.REHANDLING).exists()
        assert Assignment.objects.filter(
            state=AssignmentState.PENDING_SIGN, assigned_on__gte=self.day - dt.timedelta(days=10)
        )

    def test_an_item_is_assigned_today_signed_and_can_be_handed_back_within_its_window(self):
        assignment = self._assign_a_registered_item()
        assert assignment.assigned_on == self.day
        assert self.day < assignment.sign_due < assignment.adjust_until <= self.day + dt.timedelta(days=31)
        services.assignment_sign(assignment=assignment, by=assignment.unit.handlers.first().user)
        assignment.refresh_from_db()
        services.adjustment_request(
            assignment=assignment, by=assignment.unit.handlers.first().user, reason="不属本单位职责"
        )
        assignment.refresh_from_db()
        assert assignment.state == AssignmentState.ADJUSTMENT_REQUESTED

    def test_the_reminders_the_digest_and_the_monthly_report_run(self):
        sent = reminders.reminders_scan(today=self.day)
        assert set(sent) == {"sign", "co_opinion", "reply", "rehandle", "evaluation", "followup"}
        assert reminders.is_workday(self.day) is not None
        reminders.staff_digest(today=self.day)
        requested = monthly_auto(today=self.day)
        xlsx = next(r.archive for r in requested if r.archive.format == ReportArchive.Format.XLSX)
        archive_build(archive_id=xlsx.pk)
        xlsx.refresh_from_db()
        assert xlsx.status == ReportArchive.Status.READY


class DemoInJanuary2027(DemoOnADay, TestCase):
    day = dt.date(2027, 1, 20)


class DemoBeforeNationalDay2027(DemoOnADay, TestCase):
    day = dt.date(2027, 9, 28)

    def test_a_window_from_today_skips_the_national_day_holidays(self):
        assignment = self._assign_a_registered_item()
        # 29–30 September, then 国庆 1–3 October and its 补假 on 4–5 October (provisional).
        assert (assignment.sign_due, assignment.sign_due_provisional) == (dt.date(2027, 10, 6), True)
        assert assignment.adjust_until == dt.date(2027, 10, 15)


class DemoInJune2031(DemoOnADay, TestCase):
    day = dt.date(2031, 6, 2)
