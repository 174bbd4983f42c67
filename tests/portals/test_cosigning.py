"""附议: a deputy's co-signers are invited and must accept before the office's deadline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from notifications.models import Notification
from notifications.services import todo_count
from proposals import services
from proposals.errors import DomainError
from proposals.models import CoSignInvitation, HandlingRules, Proposal
from tests import factories as f
from tests.portals.conftest import at


def _draft(lead, co_signers, *, kind="suggestion", by=None) -> Proposal:
    return services.proposal_create(
        by=by or lead.user,
        session=f.session(),
        kind=kind,
        title="关于建设城市绿道的建议" if kind == "suggestion" else "关于制定城市绿道条例的议案",
        content="具体内容。",
        lead_deputy=lead,
        co_signers=co_signers,
    )


def _answer(invitation, *, accept=True, by=None):
    return services.cosign_answer(invitation=invitation, by=by or invitation.deputy.user, accept=accept)


def test_an_invited_co_signer_is_pending_not_listed_and_is_notified(db, clock):
    lead, co = f.deputy(), f.deputy()
    draft = _draft(lead, [co])
    invitation = draft.cosign_invitations.get()
    assert (invitation.state, invitation.status_label) == ("pending", "待确认")
    assert invitation.expires_at == at(dt.date(2026, 3, 9)), "7 days, the office's default"
    assert list(draft.co_signers.all()) == []
    notice = Notification.objects.get(recipient=co.user)
    assert "附议邀请" in notice.title and notice.link == reverse("deputy:invitation", args=[invitation.pk])


def test_accepting_puts_the_deputy_on_the_item_and_tells_the_lead(db, clock):
    lead, co = f.deputy(), f.deputy()
    draft = _draft(lead, [co])
    invitation = draft.cosign_invitations.get()
    assert todo_count(co.user) == 1
    _answer(invitation)
    assert list(draft.co_signers.all()) == [co]
    assert todo_count(co.user) == 0, "the invitation notice is resolved by answering it"
    assert Notification.objects.filter(recipient=lead.user, title__contains="同意附议").exists()


def test_declining_keeps_the_deputy_off_the_item_and_the_lead_sees_it(client, db, clock):
    lead, co = f.deputy(name="陈明"), f.deputy(name="刘芳")
    draft = _draft(lead, [co])
    _answer(draft.cosign_invitations.get(), accept=False)
    assert list(draft.co_signers.all()) == []
    client.force_login(lead.user)
    page = client.get(reverse("deputy:detail", args=[draft.pk])).content.decode()
    assert "刘芳" in page and "已谢绝" in page


def test_only_the_invited_deputy_may_answer(client, db, clock):
    lead, co, stranger = f.deputy(), f.deputy(), f.deputy()
    invitation = _draft(lead, [co]).cosign_invitations.get()
    with pytest.raises(DomainError, match="受邀代表本人"):
        _answer(invitation, by=stranger.user)
    client.force_login(stranger.user)
    assert (
        client.post(reverse("deputy:invitation_answer", args=[invitation.pk]), {"answer": "accept"}).status_code == 404
    )
    invitation.refresh_from_db()
    assert invitation.state == "pending"


def test_an_expired_invitation_can_no_longer_be_accepted(client, db, clock):
    lead, co = f.deputy(), f.deputy()
    draft = _draft(lead, [co])
    invitation = draft.cosign_invitations.get()
    clock.move_to(at(dt.date(2026, 3, 10)))
    with pytest.raises(DomainError, match="过期"):
        _answer(invitation)
    client.force_login(co.user)
    response = client.post(reverse("deputy:invitation_answer", args=[invitation.pk]), {"answer": "accept"}, follow=True)
    assert "过期" in response.content.decode()
    assert list(draft.co_signers.all()) == []
    assert CoSignInvitation.objects.get(pk=invitation.pk).status_label == "已过期"


def test_the_deadline_is_the_offices_rule(db, clock):
    rules = HandlingRules.current()
    rules.cosign_days = 3
    rules.save(update_fields=["cosign_days"])
    invitation = _draft(f.deputy(), [f.deputy()]).cosign_invitations.get()
    assert invitation.expires_at == at(dt.date(2026, 3, 5))


def test_a_motion_cannot_be_submitted_without_enough_accepted_co_signers(db, clock):
    rules = HandlingRules.current()
    rules.motion_min_signers = 4
    rules.save(update_fields=["motion_min_signers"])
    lead = f.deputy()
    co = [f.deputy() for _ in range(3)]
    motion = _draft(lead, co, kind="motion")
    invitations = list(motion.cosign_invitations.order_by("pk"))
    _answer(invitations[0])
    _answer(invitations[1], accept=False)
    with pytest.raises(DomainError, match=r"4名以上代表联名.*已确认附议1名、待确认1名，还需2名"):
        services.proposal_submit(proposal=motion, by=lead.user)
    assert Proposal.objects.get(pk=motion.pk).state == "draft"
    _answer(invitations[2])
    with pytest.raises(DomainError, match="还需1名"):
        services.proposal_submit(proposal=motion, by=lead.user)
    services.proposal_update_draft(
        proposal=motion,
        by=lead.user,
        title=motion.title,
        content="",
        field="",
        kind="motion",
        co_signers=[*co, extra := f.deputy()],
    )
    _answer(CoSignInvitation.objects.get(proposal=motion, deputy=extra))
    services.proposal_submit(proposal=motion, by=lead.user)
    assert Proposal.objects.get(pk=motion.pk).state == "submitted"


def test_a_suggestion_needs_no_co_signers_unless_the_office_says_so(db, clock):
    lead = f.deputy()
    services.proposal_submit(proposal=_draft(lead, []), by=lead.user)
    rules = HandlingRules.current()
    rules.suggestion_min_cosigners = 1
    rules.save(update_fields=["suggestion_min_cosigners"])
    with pytest.raises(DomainError, match="建议须有1名附议代表"):
        services.proposal_submit(proposal=_draft(lead, [f.deputy()]), by=lead.user)


def test_co_signers_entered_by_staff_count_as_accepted(db, clock):
    staff = f.staff_user()
    lead = f.deputy()
    co = [f.deputy() for _ in range(9)]
    motion = _draft(lead, co, kind="motion", by=staff)
    assert set(motion.co_signers.all()) == set(co)
    assert not motion.cosign_invitations.exists()
    services.proposal_submit(proposal=motion, by=lead.user)
    assert Proposal.objects.get(pk=motion.pk).state == "submitted"


def test_removing_a_co_signer_from_the_draft_withdraws_the_invitation(db, clock):
    lead, kept, dropped = f.deputy(), f.deputy(), f.deputy()
    draft = _draft(lead, [kept, dropped])
    _answer(CoSignInvitation.objects.get(proposal=draft, deputy=dropped))
    services.proposal_update_draft(
        proposal=draft, by=lead.user, title=draft.title, content="", field="", kind="suggestion", co_signers=[kept]
    )
    assert CoSignInvitation.objects.get(proposal=draft, deputy=dropped).state == "withdrawn"
    assert list(draft.co_signers.all()) == []


def test_saving_the_draft_again_reinvites_an_expired_invitation_with_a_new_deadline(db, clock):
    lead, co = f.deputy(), f.deputy()
    draft = _draft(lead, [co])
    clock.move_to(at(dt.date(2026, 3, 20)))
    services.proposal_update_draft(
        proposal=draft, by=lead.user, title=draft.title, content="", field="", kind="suggestion", co_signers=[co]
    )
    invitation = draft.cosign_invitations.get()
    assert (invitation.state, invitation.expires_at) == ("pending", at(dt.date(2026, 3, 27)))
    _answer(invitation)
    assert list(draft.co_signers.all()) == [co]


def test_an_item_already_registered_can_no_longer_be_co_signed(db, clock):
    lead, co = f.deputy(), f.deputy()
    draft = _draft(lead, [co])
    services.proposal_submit(proposal=draft, by=lead.user)
    services.proposal_register(proposal=draft, by=f.staff_user())
    with pytest.raises(DomainError, match="不能再附议"):
        _answer(draft.cosign_invitations.get())


def test_the_invited_deputy_answers_in_the_portal(client, db, clock):
    lead, co = f.deputy(name="陈明"), f.deputy(name="刘芳")
    draft = _draft(lead, [co])
    invitation = draft.cosign_invitations.get()
    client.force_login(co.user)
    home = client.get(reverse("deputy:home")).content.decode()
    assert "附议邀请待您确认" in home and draft.title in home
    page = client.get(reverse("deputy:invitation", args=[invitation.pk])).content.decode()
    assert "同意附议" in page and "具体内容" in page
    response = client.post(reverse("deputy:invitation_answer", args=[invitation.pk]), {"answer": "accept"}, follow=True)
    assert "您已同意附议" in response.content.decode()
    assert list(draft.co_signers.all()) == [co]
    client.force_login(lead.user)
    page = client.get(reverse("deputy:detail", args=[draft.pk])).content.decode()
    assert "已同意附议" in page


def test_the_lead_submitting_a_motion_too_early_keeps_the_draft_and_is_told_why(client, db, clock):
    from deputies.models import Session

    lead, co = f.deputy(), f.deputy()
    client.force_login(lead.user)
    client.get(reverse("deputy:create"))
    response = client.post(
        reverse("deputy:create"),
        {
            "kind": "motion",
            "session": Session.objects.get(name="2026年闭会期间").pk,
            "title": "关于制定城市绿道条例的议案",
            "content": "具体内容。",
            "co_signers": [co.pk],
            "submit": "1",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "暂不能提交" in page and "10名以上代表联名" in page
    motion = Proposal.objects.get()
    assert motion.state == "draft" and motion.cosign_invitations.get().deputy == co
