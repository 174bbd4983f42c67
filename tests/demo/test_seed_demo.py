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
        # One reply still waits for the office's review; every other one was approved (one after a return).
        self.assertEqual(replies.filter(review_status="pending").count(), 1)
        self.assertFalse(replies.exclude(review_status__in=["approved", "pending"]).exists())
        self.assertEqual(ReplyReview.objects.filter(decision="approve").count(), replies.count() - 1)
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


class SeededPromises(TestCase):
    """The demo shows the whole of the review, the follow-up of promises, every signer's rating and the
    public pages."""

    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(DEMO_DAY):
            call_command("seed_demo", stdout=io.StringIO())

    def test_a_reply_was_returned_with_its_reason_revised_and_approved(self):
        from proposals.models import ReplyReview

        returned = ReplyReview.objects.get(decision="return")
        assert returned.reason.startswith("答复内容原则笼统")
        reply = returned.reply
        assert reply.review_status == "approved" and reply.done_items.startswith("根据代表工作机构审查意见")
        assert ReplyReview.objects.filter(reply=reply, decision="approve", decided_on__gt=returned.decided_on)

    def test_one_reply_awaits_review_and_its_item_is_still_in_handling(self):
        from proposals.models import Reply

        waiting = Reply.objects.get(review_status="pending")
        assert waiting.proposal.state == ProposalState.HANDLING

    def test_one_category_was_corrected_with_who_and_why(self):
        from proposals.models import ReplyReview

        correction = ReplyReview.objects.get(decision="correct")
        assert (correction.from_category, correction.to_category, correction.reply.category) == ("C", "B", "B")
        assert correction.decided_by.username == "staff" and correction.reason

    def test_promises_are_reported_done_or_not_and_some_are_overdue(self):
        from proposals.models import PlannedAction

        due = PlannedAction.objects.filter(reply__review_status="approved", due_on__lte=TODAY)
        assert due.filter(status="done").exists() and due.filter(status="not_done").exists()
        assert due.filter(status="open", due_on__lt=TODAY).exists(), "an overdue follow-up"
        assert PlannedAction.objects.filter(due_on__gt=TODAY, status="open").exists(), "promises still to come"
        assert not PlannedAction.objects.filter(reported_on__gt=TODAY).exists()

    def test_a_deputy_received_a_completed_follow_up_report(self):
        from notifications.models import Notification
        from proposals.models import PlannedAction

        reported = [
            pk
            for pk in PlannedAction.objects.values_list("proposal_id", flat=True).distinct()
            if not PlannedAction.objects.filter(proposal_id=pk, status="open").exists()
        ]
        assert reported
        assert Notification.objects.filter(title__contains="落实情况报告").exists()

    def test_co_signers_rated_and_the_office_entered_ratings_for_a_lead_and_a_co_signer(self):
        from proposals.models import CoSignerEvaluation, Evaluation

        assert CoSignerEvaluation.objects.filter(assisted_channel="").count() >= 5
        assert CoSignerEvaluation.objects.exclude(assisted_channel="").count() == 1
        assisted = Evaluation.objects.exclude(assisted_channel="").get()
        assert assisted.entered_by.username == "staff" and assisted.assisted_reason

    def test_several_publications_are_live_on_the_public_pages_and_one_was_withdrawn(self):
        from publicsite.models import Publication

        live = Publication.objects.filter(withdrawn_at__isnull=True, publish_on__lte=TODAY)
        assert live.count() >= 5
        withdrawn = Publication.objects.get(withdrawn_at__isnull=False)
        assert withdrawn.withdraw_reason and withdrawn.withdrawn_at.date() <= TODAY
        from django.core.cache import cache

        cache.clear()
        response = self.client.get("/public/")
        assert response.status_code == 200
        page = response.content.decode()
        assert live.order_by("-publish_on", "-id").first().proposal.title in page
        assert withdrawn.proposal.title not in page
        assert self.client.get(f"/public/items/{withdrawn.slug}/").status_code == 404

    def test_deputies_chose_at_submission_whether_to_publish(self):
        assert Proposal.objects.filter(disclosure="agree").exists()
        refused = Proposal.objects.filter(disclosure="refuse")
        assert refused.exists() and not refused.filter(non_disclosure_reason="").exists()
