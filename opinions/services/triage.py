"""Triage (中端处置): answer, refer to a unit, turn into a suggestion, keep, decline, merge."""

from __future__ import annotations

import datetime as dt

from accounts.roles import deputy_of
from deputies.services import session_for_new_item
from notifications.models import Kind
from notifications.recipients import unit_users
from notifications.services import notify
from opinions.access import can_triage
from opinions.models import Opinion, OpinionRules, OpinionState, Referral, TriageStep
from opinions.services._common import check_day, check_reason, fed_back, first_response, step, take
from proposals.errors import DomainError
from proposals.models import Proposal
from proposals.services import proposal_create
from proposals.services._base import claim, service
from units.models import Unit

S = OpinionState
D = TriageStep.Decision
UNTRIAGED = (S.NEW,)


@service
def opinion_answer(*, opinion: Opinion, by, answer: str, reason: str, on: dt.date | None = None) -> Opinion:
    """直接答复: answered on the spot; the answer is what the citizen reads."""
    take(opinion=opinion, by=by, allowed=UNTRIAGED, action="答复")
    answer = (answer or "").strip()
    if not answer:
        raise DomainError("请填写答复内容")
    on = check_day(on=on, opinion=opinion)
    step(opinion=opinion, by=by, decision=D.ANSWER, reason=check_reason(reason), answer=answer, on=on)
    opinion.state = S.ANSWERED
    fields = ["state", "version", *first_response(opinion, on), *fed_back(opinion, on)]
    opinion.save(update_fields=fields)
    return opinion


def _close(*, opinion: Opinion, by, reason: str, on, state: str, decision: str, action: str) -> Opinion:
    take(opinion=opinion, by=by, allowed=UNTRIAGED, action=action)
    on = check_day(on=on, opinion=opinion)
    step(opinion=opinion, by=by, decision=decision, reason=check_reason(reason), on=on)
    opinion.state = state
    opinion.save(update_fields=["state", "version", *first_response(opinion, on)])
    return opinion


@service
def opinion_keep(*, opinion: Opinion, by, reason: str, on: dt.date | None = None) -> Opinion:
    """留存参考."""
    return _close(opinion=opinion, by=by, reason=reason, on=on, state=S.KEPT, decision=D.KEEP, action="留存")


@service
def opinion_decline(*, opinion: Opinion, by, reason: str, on: dt.date | None = None) -> Opinion:
    """不予受理 (the reason is shown to the citizen)."""
    return _close(opinion=opinion, by=by, reason=reason, on=on, state=S.DECLINED, decision=D.DECLINE, action="不予受理")


@service
def opinion_refer(
    *,
    opinion: Opinion,
    by,
    unit: Unit,
    reason: str,
    request: str = "",
    due_on: dt.date | None = None,
    on: dt.date | None = None,
) -> Referral:
    """转交办理: a lightweight referral to ``unit`` with a due date; the unit answers in its portal."""
    take(opinion=opinion, by=by, allowed=UNTRIAGED, action="转交")
    if not unit.active:
        raise DomainError(f"{unit.name}已停用，不能转交")
    on = check_day(on=on, opinion=opinion)
    due_on = due_on or on + dt.timedelta(days=OpinionRules.current().referral_days)
    if due_on <= on:
        raise DomainError("答复期限须晚于转交日期")
    reason = check_reason(reason)
    referral = Referral.objects.create(
        opinion=opinion, unit=unit, referred_on=on, due_on=due_on, request=(request or "").strip()
    )
    step(opinion=opinion, by=by, decision=D.REFER, reason=reason, on=on, answer=f"转交{unit.name}办理")
    opinion.state = S.REFERRED
    opinion.save(update_fields=["state", "version", *first_response(opinion, on)])
    from opinions import links

    notify(
        recipients=unit_users([unit.pk]),
        kind=Kind.ASSIGNED,
        title=f"民意转办：请于{due_on:%Y年%m月%d日}前答复",
        body=f"{opinion.station or opinion.deputy}转来群众意见（{opinion.field}）：{opinion.short}",
        link=links.unit_referral(referral.pk),
    )
    return referral


@service
def opinions_merge(*, head: Opinion, others: list[Opinion], by, reason: str, on: dt.date | None = None) -> Opinion:
    """Merge similar opinions under ``head``: they follow its triage and feedback from now on."""
    others = [o for o in {o.pk: o for o in others}.values() if o.pk != head.pk]
    if not others:
        raise DomainError("请选择要合并的其他意见")
    reason = check_reason(reason)
    if not can_triage(by, head):
        raise DomainError("您无权处置该意见")
    if head.state not in UNTRIAGED:
        raise DomainError("只能合并到尚未处置的意见")
    claim(head)
    on = check_day(on=on, opinion=head)
    for other in others:
        take(opinion=other, by=by, allowed=UNTRIAGED, action="合并")
        on_other = max(on, other.received_on)
        step(opinion=other, by=by, decision=D.MERGE, reason=reason, on=on_other, answer="与同类意见合并处理")
        other.state, other.merged_into = S.MERGED, head
        other.save(update_fields=["state", "merged_into", "version"])
        # Opinions merged earlier under ``other`` now follow ``head``.
        Opinion.objects.filter(merged_into=other).update(merged_into=head)
    head.save(update_fields=["version"])
    return head


@service
def opinions_to_suggestion(
    *,
    opinions: list[Opinion],
    by,
    title: str,
    content: str,
    field: str,
    reason: str,
    on: dt.date | None = None,
) -> Proposal:
    """转为建议: the deputy starts a draft suggestion from one or several opinions, linked both ways."""
    deputy = deputy_of(by)
    if deputy is None:
        raise DomainError("只有代表本人可以将意见转为建议")
    opinions = list({o.pk: o for o in opinions}.values())
    if not opinions:
        raise DomainError("请选择要转为建议的意见")
    reason = check_reason(reason)
    days = [check_day(on=on, opinion=o) for o in opinions]
    on = max(days)
    proposal = proposal_create(
        by=by,
        session=session_for_new_item(on=on),
        kind="suggestion",
        title=title,
        content=content,
        field=field,
        lead_deputy=deputy,
    )
    for opinion in opinions:
        take(opinion=opinion, by=by, allowed=(S.NEW, S.KEPT), action="转为建议")
        step(
            opinion=opinion,
            by=by,
            decision=D.SUGGEST,
            reason=reason,
            on=on,
            answer=f"{deputy.name}代表据此提出建议《{proposal.title}》",
        )
        opinion.state, opinion.suggestion = S.SUGGESTED, proposal
        opinion.save(update_fields=["state", "suggestion", "version", *first_response(opinion, on)])
    return proposal
