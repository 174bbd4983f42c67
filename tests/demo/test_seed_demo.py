"""The demo office: built once per class through the services, then looked at from every side."""

import datetime as dt
import io
import shutil
import tempfile
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.urls import reverse

from accounts.views import HOME_BY_ROLE
from proposals.deadlines import add_months
from proposals.models import Assignment, AssignmentState, Proposal, ProposalState
from proposals.selectors import audit_trail
from units.selectors import inbox_counts, near_days

pytestmark = pytest.mark.reply_review

DEMO_DAY = dt.datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
TODAY = DEMO_DAY.date()
LOGINS = {"staff": "staff", "leader": "leader", "deputy": "deputy", "unit": "unit_handler"}


MEDIA = tempfile.mkdtemp(prefix="demo-media-")


@override_settings(MEDIA_ROOT=MEDIA)  # the seed writes its files here (the tests' own media folder comes later)
class SeededOffice(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = io.StringIO()
        with time_machine.travel(DEMO_DAY):
            call_command("seed_demo", stdout=cls.output)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def test_every_reply_carries_its_letter_as_a_real_pdf_named_by_its_document_number(self):
        from files.kinds import sniff
        from proposals.models import Reply

        replies = Reply.objects.select_related("proposal__lead_deputy__user")
        self.assertFalse(replies.filter(file="").exists())
        reply = replies.filter(doc_number__contains="〔").first()
        assert reply.file_name == f"{reply.doc_number}答复函.pdf"
        with self.settings(MEDIA_ROOT=MEDIA):
            with reply.file.open("rb") as handle:
                assert sniff(handle) == "pdf"
            self.client.force_login(reply.proposal.lead_deputy.user)
            response = self.client.get(reverse("deputy:reply_file", args=[reply.pk]))
            assert response.status_code == 200
            assert b"".join(response.streaming_content).startswith(b"%PDF-")
            assert quote(reply.file_name, safe="") in response["Content-Disposition"]

    def test_some_submissions_carry_an_attachment(self):
        from proposals.models import Attachment

        assert 10 <= Attachment.objects.count() <= Proposal.objects.count() // 2

    def test_every_reply_went_through_the_offices_review(self):
        from proposals.models import PlannedAction, Reply, ReplyReview

        replies = Reply.objects.all()
        self.assertTrue(replies.exists())
        self.assertFalse(replies.exclude(review_status="approved").exists())
        self.assertEqual(ReplyReview.objects.filter(decision="approve").count(), replies.count())
        self.assertFalse(replies.filter(category__in=["B", "C"], planned_actions__isnull=True).exists())
        self.assertFalse(replies.filter(category__in=["C", "D"], not_adopted_reason="").exists())
        self.assertTrue(PlannedAction.objects.exists())

    def test_it_creates_items_in_every_proposal_state(self):
        states = set(Proposal.objects.values_list("state", flat=True))
        assert states == set(ProposalState.values)

    def test_it_creates_assignments_in_every_assignment_state(self):
        states = set(Assignment.objects.values_list("state", flat=True))
        assert states == set(AssignmentState.values)

    def test_it_creates_about_a_hundred_and_twenty_items_in_two_sessions(self):
        assert 100 <= Proposal.objects.count() <= 140
        assert set(Proposal.objects.values_list("session__name", flat=True)) == {
            "市十七届人大五次会议",
            "2026年闭会期间",
        }

    def test_the_four_demo_logins_land_on_their_homes(self):
        for username, role in LOGINS.items():
            with self.subTest(username=username):
                login = self.client.post(reverse("accounts:login"), {"username": username, "password": "demo12345"})
                assert login.status_code == 302
                response = self.client.get("/")
                assert response.status_code == 302
                assert response["Location"] == reverse(HOME_BY_ROLE[role])
                assert self.client.get(response["Location"]).status_code == 200
                self.client.logout()

    def test_the_command_prints_the_logins_and_password_in_chinese(self):
        text = self.output.getvalue()
        assert "演示账号" in text
        assert "demo12345" in text
        for username in LOGINS:
            assert username in text

    def test_if_empty_leaves_an_existing_office_alone(self):
        before = (Proposal.objects.count(), Assignment.objects.count())
        out = io.StringIO()
        call_command("seed_demo", "--if-empty", stdout=out)
        assert (Proposal.objects.count(), Assignment.objects.count()) == before
        assert "跳过" in out.getvalue()

    def test_without_if_empty_it_refuses_to_seed_twice(self):
        before = Proposal.objects.count()
        with self.assertRaisesMessage(CommandError, "已有议案建议"):
            call_command("seed_demo", stdout=io.StringIO())
        assert Proposal.objects.count() == before

    def test_every_seeded_item_past_its_draft_has_an_audit_trail_dated_in_its_past(self):
        for proposal in Proposal.objects.exclude(state=ProposalState.DRAFT):
            trail = audit_trail(proposal)
            assert trail, proposal.title
            assert trail[0].transition == "submit"
            assert all(row.timestamp.astimezone(DEMO_DAY.tzinfo).date() <= TODAY for row in trail)

    def test_the_audit_trail_of_an_assigned_item_says_when_it_was_assigned(self):
        proposal = Proposal.objects.filter(state=ProposalState.CLOSED, assigned_on__isnull=False).first()
        assign_row = next(row for row in audit_trail(proposal) if row.transition == "assign")
        assert assign_row.timestamp.astimezone(DEMO_DAY.tzinfo).date() == proposal.assigned_on
        assert assign_row.by.username == "staff"

    def test_stored_due_dates_follow_the_rules(self):
        for assignment in Assignment.objects.filter(round=1, role="lead"):
            assert assignment.base_due == add_months(assignment.assigned_on, 3)
            assert assignment.due_on == (assignment.extended_to or assignment.base_due)

    def test_the_demo_unit_has_items_in_every_inbox_tab(self):
        unit = Assignment.objects.get(proposal__title="关于加快推进老旧小区加装电梯工作的建议").unit
        assert unit.name == "市住房和城乡建设局"
        counts = inbox_counts(unit=unit, today=TODAY, near=near_days())
        assert all(counts[tab] > 0 for tab in ("pending", "handling", "near", "overdue", "replied")), counts

    def test_some_items_are_overdue_after_being_assigned_about_four_months_ago(self):
        overdue = Assignment.objects.filter(state=AssignmentState.HANDLING, due_on__lt=TODAY, extended_to__isnull=True)
        assert overdue.filter(assigned_on__range=(TODAY - dt.timedelta(days=135), TODAY - dt.timedelta(days=110)))

    def test_the_demo_deputy_has_an_item_awaiting_rating_and_items_in_many_states(self):
        states = set(Proposal.objects.filter(lead_deputy__user__username="deputy").values_list("state", flat=True))
        assert ProposalState.REPLIED in states
        assert len(states) >= 5

    def test_the_demo_shows_requests_supervision_and_second_rounds(self):
        assert Proposal.objects.filter(key_supervision=True).exclude(key_supervisor="").exists()
        assert Proposal.objects.filter(round=2, state=ProposalState.REHANDLING).exists()
        assert Proposal.objects.filter(round=2, state=ProposalState.REPLIED).exists()
        assert Proposal.objects.filter(closed_unevaluated=True).exists()
        assert Proposal.objects.filter(kind="motion", motion_outcome="converted").exists()
        kinds = set(Proposal.objects.values_list("supervision_actions__kind", flat=True))
        assert {"urge", "notice", "rectification"} <= kinds
        assert Proposal.objects.filter(contacts__method="meeting").exists()
        assert Proposal.objects.filter(progress_notes__isnull=False).exists()
        assert Proposal.objects.filter(co_opinions__isnull=False).exists()
