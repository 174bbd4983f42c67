"""The notices of 答复审查 and of co-sign invitations ask for an action and clear when it is done, by anyone,
or when it can no longer be done (an invitation past its deadline or on an item that left intake)."""

import datetime as dt

import pytest

from notifications.models import Kind, Notification
from notifications.services import todo_count
from proposals import services, tasks
from tests import factories as f
from tests.background.support import at, item

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(at(DAY, 10))
    return time_machine


def _pending_reply():
    unit = f.unit()
    p = item(on=DAY, unit=unit)
    assignment = p.assignments.get()
    services.assignment_sign(assignment=assignment, by=f.handler_of(unit))
    assignment.refresh_from_db()
    return services.reply_submit(assignment=assignment, by=f.handler_of(unit), category="A", body="已解决。")


def _review_notices():
    return Notification.objects.filter(kind=Kind.REVIEW, title__startswith="待审查答复")


@pytest.mark.reply_review
def test_the_review_notice_clears_for_every_staff_member_when_one_approves():
    staff, other_staff = f.staff_user(), f.staff_user()
    reply = _pending_reply()
    assert _review_notices().count() >= 2
    assert all(n.action_key == f"review:{reply.pk}" for n in _review_notices())
    assert todo_count(staff) == 1 and todo_count(other_staff) == 1
    services.reply_approve(reply=reply, by=other_staff)
    assert not _review_notices().filter(resolved_at__isnull=True).exists()
    assert todo_count(staff) == 0 and todo_count(other_staff) == 0


@pytest.mark.reply_review
def test_a_returned_reply_clears_the_review_and_asks_the_unit_to_revise_until_it_resubmits():
    staff = f.staff_user()
    reply = _pending_reply()
    handler = f.handler_of(reply.unit)
    services.reply_return(reply=reply, by=staff, reason="请写明具体措施和时限")
    assert todo_count(staff) == 0
    returned = Notification.objects.get(recipient=handler, title__startswith="答复退回修改")
    assert returned.action_key == f"work:{reply.assignment_id}" and returned.resolved_at is None
    assignment = reply.assignment
    assignment.refresh_from_db()
    again = services.reply_submit(assignment=assignment, by=handler, category="A", body="已解决，措施如下。")
    returned.refresh_from_db()
    assert returned.resolved_at is not None
    assert todo_count(staff) == 1, "the revised reply waits for review again"
    assert _review_notices().filter(resolved_at__isnull=True, action_key=f"review:{again.pk}").exists()


def _invited():
    lead, invited = f.deputy(), f.deputy()
    proposal = services.proposal_create(
        by=lead.user,
        session=f.session(),
        kind="suggestion",
        title="关于建设口袋公园的建议",
        content="内容。",
        lead_deputy=lead,
        co_signers=[invited],
    )
    return proposal, proposal.cosign_invitations.get(), invited


def _invitation_notice(deputy):
    return Notification.objects.get(recipient=deputy.user, kind=Kind.COSIGN)


@pytest.mark.parametrize("accept", [True, False])
def test_the_invitation_notice_clears_when_it_is_accepted_or_declined(accept):
    _, invitation, invited = _invited()
    notice = _invitation_notice(invited)
    assert notice.action_key == f"cosign:{invitation.pk}" and todo_count(invited.user) == 1
    services.cosign_answer(invitation=invitation, by=invited.user, accept=accept)
    notice.refresh_from_db()
    assert notice.resolved_at is not None and todo_count(invited.user) == 0


def test_the_invitation_notice_clears_once_the_invitation_has_expired(clock):
    _, invitation, invited = _invited()
    assert tasks.cosign_lapse() == 0, "an open invitation keeps asking"
    assert _invitation_notice(invited).resolved_at is None
    clock.move_to(invitation.expires_at + dt.timedelta(minutes=1))
    assert tasks.cosign_lapse() == 1
    assert _invitation_notice(invited).resolved_at is not None and todo_count(invited.user) == 0
    assert tasks.cosign_lapse() == 0, "a second run finds nothing left to do"


def test_the_invitation_notice_clears_once_the_item_has_left_intake():
    proposal, _, invited = _invited()
    staff = f.staff_user()
    services.proposal_submit(proposal=proposal, by=staff)
    services.proposal_register(proposal=proposal, by=staff)
    assert tasks.cosign_lapse() == 1
    assert _invitation_notice(invited).resolved_at is not None


def test_a_withdrawn_invitation_clears_its_notice():
    proposal, _, invited = _invited()
    services.proposal_update_draft(
        proposal=proposal,
        by=proposal.lead_deputy.user,
        title=proposal.title,
        content="内容。",
        field="",
        kind="suggestion",
        co_signers=[],
    )
    assert _invitation_notice(invited).resolved_at is not None
