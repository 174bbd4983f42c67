"""The one rule that derives a proposal's state and stored dates from its assignments."""

from __future__ import annotations

import datetime as dt

from proposals import deadlines
from proposals.choices import ReviewStatus
from proposals.models import Assignment, HandlingRules, Proposal, Reply
from proposals.models.assignment import AssignmentState as A
from proposals.models.proposal import ProposalState as S
from proposals.services._base import claim, fire


def proposal_sync_state(*, proposal: Proposal, by=None, on: dt.date, rules: HandlingRules | None = None) -> Proposal:
    """Move ``proposal`` to the state its live assignments imply and refresh its stored dates.

    - no answering (lead/split) assignment left while assigned/handling → back to registered;
    - every live assignment signed → handling;
    - every answering assignment replied in the current round, with that reply approved (答复审查; a reply
      is approved at once when the office does not review replies) → replied, dated when the last
      approved reply was submitted.
    Callers hold the proposal row (``select_for_update``) so this runs once per change.
    """
    live = list(proposal.assignments.exclude(state=A.WITHDRAWN))
    answering = [a for a in live if a.answers]
    fields: set[str] = set()

    if answering:
        reply_due = max(a.base_due for a in answering)
        extended = [a.extended_to for a in answering if a.extended_to]
        extended_to = max(extended) if extended else None
        if (proposal.reply_due, proposal.extended_to) != (reply_due, extended_to):
            proposal.reply_due, proposal.extended_to = reply_due, extended_to
            fields |= {"reply_due", "extended_to"}

    state = proposal.state
    if state in (S.ASSIGNED, S.HANDLING) and not answering:
        claim(proposal)
        fire(proposal.return_for_reassignment, by=by, system=True, comment="承办单位调整，待重新交办")
        fields |= {"state", "version"}
    elif (
        state in (S.ASSIGNED, S.HANDLING, S.REHANDLING)
        and answering
        and all(a.state == A.REPLIED and a.round == proposal.round for a in answering)
        and _all_approved(answering, round=proposal.round)
    ):
        replied_on = max(a.replied_on for a in answering)
        claim(proposal)
        fire(proposal.mark_replied, by=by, system=True, on=replied_on, comment="承办单位均已答复")
        rules = rules or HandlingRules.current()
        proposal.evaluation_due = deadlines.evaluation_due(replied_on=replied_on, rules=rules)
        fields |= {"state", "version", "first_replied_on", "latest_replied_on", "evaluation_due"}
    elif state == S.ASSIGNED and live and all(a.signed_at is not None for a in live):
        claim(proposal)
        fire(proposal.start_handling, by=by, system=True, comment="承办单位均已签收")
        fields |= {"state", "version"}

    if fields:
        proposal.save(update_fields=sorted(fields | {"updated_at"}))
    return proposal


def _all_approved(answering: list[Assignment], *, round: int) -> bool:
    approved = Reply.objects.filter(
        assignment__in=answering, round=round, review_status=ReviewStatus.APPROVED
    ).values_list("assignment_id", flat=True)
    return set(approved) >= {a.pk for a in answering}


def locked_proposal(proposal_id: int) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal_id)


def answering_assignments(proposal: Proposal) -> list[Assignment]:
    return [a for a in proposal.assignments.exclude(state=A.WITHDRAWN) if a.answers]
