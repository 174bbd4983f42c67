"""评估: the deputy's rating, re-handling after 不满意, and closing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from proposals import deadlines, events
from proposals.choices import AssistChannel, Rating
from proposals.errors import DomainError
from proposals.models import CoSignerEvaluation, Evaluation, HandlingRules, Proposal
from proposals.models.assignment import AssignmentState as A
from proposals.models.proposal import ProposalState as S
from proposals.services._base import audit, claim, fire, service, today


def _check_ratings(attitude: str, result: str, reason: str) -> None:
    if attitude not in Rating.values or result not in Rating.values:
        raise DomainError("请对办理态度和办理结果分别作出评价")
    if Rating.UNSATISFIED in (attitude, result) and not reason:
        raise DomainError("评价为不满意时，请写明意见和理由")


@service
def evaluation_submit(
    *,
    proposal: Proposal,
    by,
    deputy,
    attitude: str,
    result: str,
    reason: str = "",
    on: dt.date | None = None,
    assisted_channel: str = "",
    assisted_reason: str = "",
) -> Evaluation:
    """The lead deputy rates the handling attitude and the result of this round (the rating of record).

    满意 / 基本满意 closes the item; 不满意 (of the result) starts a new round with a new deadline.
    For a deputy who cannot go online the office enters the rating (代为录入), saying how it was taken
    (``assisted_channel``: 书面 / 电话 / 当面) and why; the rating is marked and counted as such.
    """
    if deputy.pk != proposal.lead_deputy_id:
        raise DomainError("只有领衔代表可以评价办理情况")
    reason = reason.strip()
    assisted_reason = assisted_reason.strip()
    assisted = bool(assisted_channel)
    if assisted:
        _check_assisted(by=by, channel=assisted_channel, reason=assisted_reason)
    _check_ratings(attitude, result, reason)
    on = on or today()
    if on > today():
        raise DomainError("评价日期不能晚于今天")
    claim(proposal)
    evaluated_round = proposal.round
    comment = reason
    if assisted:
        comment = f"代为录入（{AssistChannel(assisted_channel).label}）：{assisted_reason}" + (
            f"；{reason}" if reason else ""
        )
    new_state = fire(proposal.evaluate, by=by, system=assisted, comment=comment, action="评价", result=result, on=on)
    events.done(events.action_key("evaluate", proposal.pk))
    evaluation = Evaluation.objects.create(
        proposal=proposal,
        round=evaluated_round,
        deputy=deputy,
        attitude=attitude,
        result=result,
        reason=reason,
        evaluated_on=on,
        assisted_channel=assisted_channel,
        assisted_reason=assisted_reason,
        entered_by=by if assisted else None,
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


def accepted_co_signers(proposal: Proposal):
    """The co-signers who may rate the reply online: every co-signer accepted on the item."""
    return proposal.co_signers.all()


def _check_assisted(*, by, channel: str, reason: str) -> None:
    from accounts.roles import is_office_staff

    if not is_office_staff(by):
        raise DomainError("只有代表工作机构工作人员可以代为录入评价")
    if channel not in AssistChannel.values:
        raise DomainError("请选择代为录入的方式（书面、电话或当面）")
    if not reason:
        raise DomainError("代为录入评价须写明原因")


@service
def co_signer_evaluation_submit(
    *,
    proposal: Proposal,
    by,
    deputy,
    attitude: str,
    result: str,
    reason: str = "",
    on: dt.date | None = None,
    assisted_channel: str = "",
    assisted_reason: str = "",
) -> CoSignerEvaluation:
    """A co-signer's own rating of the reply of the round just answered. It is shown to the office and counted
    apart; the lead deputy's rating stays the rating of record and moves the item.

    For a co-signer who cannot go online the office enters the rating (代为录入), saying how it was taken
    (``assisted_channel``: 书面 / 电话 / 当面) and why; it is marked as such and counted with the co-signers'
    ratings, never with the lead deputy's."""
    from accounts.roles import deputy_of

    assisted_reason = assisted_reason.strip()
    assisted = bool(assisted_channel)
    if assisted:
        _check_assisted(by=by, channel=assisted_channel, reason=assisted_reason)
    else:
        acting = deputy_of(by)
        if acting is None or acting.pk != deputy.pk:
            raise DomainError("您无权以该代表名义评价")
    if not accepted_co_signers(proposal).filter(pk=deputy.pk).exists():
        raise DomainError("只有本件的附议代表可以在此评价")
    if proposal.state not in (S.REPLIED, S.CLOSED):
        raise DomainError("此件尚未答复，暂不能评价")
    reason = reason.strip()
    _check_ratings(attitude, result, reason)
    on = on or today()
    if on > today():
        raise DomainError("评价日期不能晚于今天")
    created = CoSignerEvaluation.objects.filter(proposal=proposal, round=proposal.round, deputy=deputy).exists()
    if created:
        raise DomainError(f"{deputy.name}代表已对本轮答复作出评价" if assisted else "您已对本轮答复作出评价")
    evaluation = CoSignerEvaluation.objects.create(
        proposal=proposal,
        round=proposal.round,
        deputy=deputy,
        attitude=attitude,
        result=result,
        reason=reason,
        evaluated_on=on,
        assisted_channel=assisted_channel,
        assisted_reason=assisted_reason,
        entered_by=by if assisted else None,
    )
    if assisted:
        audit(
            proposal,
            transition="co_signer_assisted_rate",
            by=by,
            comment=(
                f"代为录入附议代表{deputy.name}的评价（{AssistChannel(assisted_channel).label}）：{assisted_reason}；"
                f"办理态度{evaluation.get_attitude_display()}，办理结果{evaluation.get_result_display()}"
            ),
        )
    return evaluation


def co_signers_yet_to_rate(proposal: Proposal):
    """The item's co-signers without a rating of its current round (whom the office may enter one for)."""
    rated = CoSignerEvaluation.objects.filter(proposal=proposal, round=proposal.round).values("deputy_id")
    return accepted_co_signers(proposal).exclude(pk__in=rated).order_by("name", "pk")


@service
def proposal_close(
    *, proposal: Proposal, by, comment: str = "", unevaluated: bool = False, on: dt.date | None = None
) -> Proposal:
    """Staff close a replied item (e.g. a B/C item whose follow-up continues outside the platform)."""
    claim(proposal)
    fire(proposal.close, by=by, comment=comment, action="办结", on=on or today(), unevaluated=unevaluated)
    proposal.evaluation_due = None
    proposal.save(update_fields=["state", "version", "closed_on", "closed_unevaluated", "evaluation_due", "updated_at"])
    events.done(events.action_key("evaluate", proposal.pk))
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
            events.done(events.action_key("evaluate", proposal.pk))
            events.emit(events.CLOSED, proposal=proposal)
            closed += 1
    return closed
