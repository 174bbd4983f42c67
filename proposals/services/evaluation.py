"""评估: the deputy's rating, re-handling after 不满意, and closing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from proposals import deadlines, events
from proposals.choices import Rating
from proposals.errors import DomainError
from proposals.models import Evaluation, HandlingRules, Proposal
from proposals.models.assignment import AssignmentState as A
from proposals.models.proposal import ProposalState as S
from proposals.services._base import claim, fire, service, today


@service
def evaluation_submit(
    *, proposal: Proposal, by, deputy, attitude: str, result: str, reason: str = "", on: dt.date | None = None
) -> Evaluation:
    """The lead deputy rates the handling attitude and the result of this round.

    满意 / 基本满意 closes the item; 不满意 (of the result) starts a new round with a new deadline.
    """
    if deputy.pk != proposal.lead_deputy_id:
        raise DomainError("只有领衔代表可以评价办理情况")
    if attitude not in Rating.values or result not in Rating.values:
        raise DomainError("请对办理态度和办理结果分别作出评价")
    reason = reason.strip()
    if Rating.UNSATISFIED in (attitude, result) and not reason:
        raise DomainError("评价为不满意时，请写明意见和理由")
    on = on or today()
    claim(proposal)
    evaluated_round = proposal.round
    new_state = fire(proposal.evaluate, by=by, comment=reason, action="评价", result=result, on=on)
    evaluation = Evaluation.objects.create(
        proposal=proposal,
        round=evaluated_round,
        deputy=deputy,
        attitude=attitude,
        result=result,
        reason=reason,
        evaluated_on=on,
    )
    fields = [
        "state",
        "version",
        "round",
        "closed_on",
        "closed_unevaluated",
        "evaluation_due",
        "rehandle_due",
        "updated_at",
    ]
    proposal.evaluation_due = None
    if new_state == S.REHANDLING:
        rules = HandlingRules.current()
        due = deadlines.rehandle_due(evaluated_on=on, rules=rules)
        proposal.rehandle_due = due
        for assignment in proposal.assignments.filter(state=A.REPLIED):
            if assignment.answers:
                claim(assignment)
                fire(assignment.rehandle, by=by, system=True, comment="代表不满意，重新办理", due=due)
                assignment.save(update_fields=["state", "version", "round", "due_on", "replied_on"])
        proposal.save(update_fields=fields)
        events.emit(events.REHANDLING_STARTED, proposal=proposal, evaluation=evaluation)
    else:
        proposal.save(update_fields=fields)
        events.emit(events.CLOSED, proposal=proposal)
    return evaluation


@service
def proposal_close(
    *, proposal: Proposal, by, comment: str = "", unevaluated: bool = False, on: dt.date | None = None
) -> Proposal:
    """Staff close a replied item (e.g. a B/C item whose follow-up continues outside the platform)."""
    claim(proposal)
    fire(proposal.close, by=by, comment=comment, action="办结", on=on or today(), unevaluated=unevaluated)
    proposal.evaluation_due = None
    proposal.save(update_fields=["state", "version", "closed_on", "closed_unevaluated", "evaluation_due", "updated_at"])
    events.emit(events.CLOSED, proposal=proposal)
    return proposal


def proposals_close_lapsed(*, on: dt.date | None = None) -> int:
    """Close every replied item whose evaluation window has lapsed (marked 未表态). Safe to run twice."""
    on = on or today()
    closed = 0
    ids = list(Proposal.objects.filter(state=S.REPLIED, evaluation_due__lt=on).values_list("pk", flat=True)[:1000])
    for pk in ids:
        with transaction.atomic():
            proposal = Proposal.objects.select_for_update(skip_locked=True).filter(pk=pk, state=S.REPLIED).first()
            if proposal is None:
                continue
            claim(proposal)
            fire(
                proposal.close,
                by=None,
                system=True,
                comment="评价期限届满，代表未表态，自动办结",
                on=on,
                unevaluated=True,
            )
            proposal.evaluation_due = None
            proposal.save(
                update_fields=["state", "version", "closed_on", "closed_unevaluated", "evaluation_due", "updated_at"]
            )
            events.emit(events.CLOSED, proposal=proposal)
            closed += 1
    return closed
