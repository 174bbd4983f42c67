"""Co-signing: inviting deputies to co-sign a draft, their answers, and the co-signer threshold.

A deputy who drafts an item invites co-signers; each invited deputy accepts or declines in their
portal before the deadline of the office's rules (``HandlingRules.cosign_days``). Only those who
accepted join ``Proposal.co_signers``. Co-signers recorded by office staff or a ledger import signed
on paper and are set directly. A deputy submitting an item that needs co-signers (议案: the office's
``motion_min_signers``, the lead included) needs that many accepted.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from deputies.models import Deputy
from proposals import events
from proposals.choices import Kind
from proposals.errors import ConflictError, DomainError
from proposals.models import CoSignInvitation, HandlingRules, Proposal
from proposals.models.cosigning import InvitationState as I
from proposals.models.proposal import ProposalState as S
from proposals.services._base import service

# An invited deputy may still answer while the item waits for the office's review.
ANSWERABLE_STATES = (S.DRAFT, S.SUBMITTED)


def invitations_sync(*, proposal: Proposal, by, chosen: list[Deputy]) -> None:
    """Make the draft's invitations match the deputies the lead chose (inside the caller's transaction).

    New choices and expired invitations are (re)invited with a fresh deadline; accepted and open
    invitations stay; a declined one stays declined; deputies no longer chosen are withdrawn and
    leave ``co_signers``.
    """
    now = timezone.now()
    expires = now + dt.timedelta(days=HandlingRules.current().cosign_days)
    wanted = {d.pk: d for d in chosen if d.pk != proposal.lead_deputy_id}
    existing = {i.deputy_id: i for i in proposal.cosign_invitations.all()}
    invited: list[CoSignInvitation] = []
    for pk, deputy in wanted.items():
        invitation = existing.get(pk)
        if invitation is None:
            invitation = CoSignInvitation.objects.create(
                proposal=proposal, deputy=deputy, invited_by=by, invited_at=now, expires_at=expires
            )
            invited.append(invitation)
        elif invitation.state == I.WITHDRAWN or invitation.is_expired:
            invitation.state, invitation.invited_at, invitation.expires_at = I.PENDING, now, expires
            invitation.decided_at, invitation.invited_by, invitation.note = None, by, ""
            invitation.save(update_fields=["state", "invited_at", "expires_at", "decided_at", "invited_by", "note"])
            invited.append(invitation)
    gone = [i for pk, i in existing.items() if pk not in wanted and i.state in (I.PENDING, I.ACCEPTED)]
    if gone:
        CoSignInvitation.objects.filter(pk__in=[i.pk for i in gone]).update(state=I.WITHDRAWN, decided_at=now)
        proposal.co_signers.remove(*[i.deputy_id for i in gone])
        events.done(*[events.action_key("cosign", i.pk) for i in gone])
    for invitation in invited:
        events.emit(events.COSIGN_INVITED, invitation=invitation, proposal=proposal)


def invitation_for_deputy(*, user, pk: int) -> CoSignInvitation:
    """The invitation ``pk`` addressed to the user's own deputy, else ``DomainError``-free 404."""
    from django.http import Http404

    invitation = (
        CoSignInvitation.objects.select_related("proposal", "proposal__lead_deputy", "proposal__session", "deputy")
        .filter(pk=pk, deputy__user=user)
        .first()
    )
    if invitation is None:
        raise Http404("未找到该附议邀请")
    return invitation


@service
def cosign_answer(*, invitation: CoSignInvitation, by, accept: bool, note: str = "") -> CoSignInvitation:
    """The invited deputy accepts (joins the item's co-signers) or declines, before the deadline."""
    if invitation.deputy.user_id != getattr(by, "pk", None):
        raise DomainError("只有受邀代表本人可以答复附议邀请")
    if invitation.state != I.PENDING:
        raise DomainError(f"此邀请{invitation.get_state_display()}，不能再答复")
    now = timezone.now()
    if invitation.expires_at <= now:
        raise DomainError(f"附议邀请已于{timezone.localtime(invitation.expires_at):%Y年%m月%d日 %H:%M}过期")
    proposal = Proposal.objects.select_for_update().get(pk=invitation.proposal_id)
    if proposal.state not in ANSWERABLE_STATES:
        raise DomainError(f"此件当前状态为「{proposal.get_state_display()}」，不能再附议")
    state = I.ACCEPTED if accept else I.DECLINED
    updated = CoSignInvitation.objects.filter(pk=invitation.pk, state=I.PENDING).update(
        state=state, decided_at=now, note=note.strip()[:200]
    )
    if updated != 1:
        raise ConflictError()
    invitation.state, invitation.decided_at, invitation.note = state, now, note.strip()[:200]
    if accept:
        proposal.co_signers.add(invitation.deputy_id)
    events.done(events.action_key("cosign", invitation.pk))
    events.emit(events.COSIGN_ANSWERED, invitation=invitation, proposal=proposal)
    return invitation


def cosign_notices_lapse(*, now: dt.datetime | None = None) -> int:
    """Invitations that can no longer be answered ask for nothing more: past their deadline, withdrawn, or
    on an item that has left intake. Their notices are resolved; returns how many invitations lapsed.

    Reads only the still-open co-sign notices (a partial index), so the cost follows what is open, not
    every invitation ever sent. Safe to run twice: a resolved notice is not read again.
    """
    from notifications.models import Notification

    now = now or timezone.now()
    prefix = events.action_key("cosign", 0).removesuffix("0")
    keys = (
        Notification.objects.filter(action_key__startswith=prefix, resolved_at__isnull=True)
        .values_list("action_key", flat=True)
        .distinct()
    )
    ids = {int(k[len(prefix) :]) for k in keys if k[len(prefix) :].isdigit()}
    if not ids:
        return 0
    answerable = set(
        CoSignInvitation.objects.filter(
            pk__in=ids, state=I.PENDING, expires_at__gt=now, proposal__state__in=ANSWERABLE_STATES
        ).values_list("pk", flat=True)
    )
    lapsed = sorted(ids - answerable)
    events.done(*[events.action_key("cosign", pk) for pk in lapsed])
    return len(lapsed)


def required_co_signers(proposal: Proposal, rules: HandlingRules | None = None) -> int:
    """How many accepted co-signers the item needs before its lead deputy can submit it."""
    rules = rules or HandlingRules.current()
    if proposal.kind == Kind.MOTION:
        return max(rules.motion_min_signers - 1, 0)
    return rules.suggestion_min_cosigners


def check_enough_co_signers(proposal: Proposal) -> None:
    rules = HandlingRules.current()
    needed = required_co_signers(proposal, rules)
    if not needed:
        return
    counts = proposal.cosign_invitations.aggregate(
        pending=Count("pk", filter=Q(state=I.PENDING, expires_at__gt=timezone.now()))
    )
    accepted = proposal.co_signers.count()
    if accepted >= needed:
        return
    what = (
        f"议案须由{rules.motion_min_signers}名以上代表联名提出（含领衔代表）"
        if proposal.kind == Kind.MOTION
        else f"建议须有{needed}名附议代表"
    )
    raise DomainError(
        f"{what}，目前已确认附议{accepted}名、待确认{counts['pending']}名，"
        f"还需{needed - accepted}名代表确认附议后才能提交"
    )
