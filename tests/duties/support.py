"""A small office for the duty-record tests, built through the services as users would."""

from __future__ import annotations

from proposals import services
from proposals.models import Assignment
from tests import factories as f
from tests.core.support import answering, evaluate, reply, sign_all


def item(*, lead, co_signers=(), title="关于加快老旧小区加装电梯的建议", session=None):
    proposal = services.proposal_create(
        by=lead.user,
        session=session or f.session(),
        kind="suggestion",
        title=title,
        content="具体内容。",
        field="城乡建设",
        lead_deputy=lead,
        co_signers=list(co_signers),
    )
    for invitation in proposal.cosign_invitations.select_related("deputy__user"):  # the co-signers accept
        services.cosign_answer(invitation=invitation, by=invitation.deputy.user, accept=True)
    services.proposal_submit(proposal=proposal, by=lead.user)
    proposal.refresh_from_db()
    return proposal


def register_and_assign(proposal, *, staff, unit):
    services.proposal_register(proposal=proposal, by=staff)
    services.proposal_assign(proposal=proposal, by=staff, mode="single", lead_units=[unit], co_units=[])
    return sign_all(proposal)


def answer(proposal, *, category="A"):
    for assignment in answering(proposal):
        reply(assignment, category=category)
    proposal.refresh_from_db()
    return proposal


def rate(proposal, result="satisfied"):
    evaluate(proposal, result=result)
    proposal.refresh_from_db()
    return proposal


def lead_assignment(proposal) -> Assignment:
    return Assignment.objects.get(proposal=proposal, role__in=["lead", "split"])
