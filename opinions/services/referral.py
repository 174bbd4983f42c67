"""The unit's side of a referral: its answer, which goes back to the citizen."""

from __future__ import annotations

import datetime as dt

from accounts.roles import unit_of
from notifications.models import Kind
from notifications.services import notify
from opinions.models import Referral, ReferralState, StationStaff, TriageStep
from opinions.services._common import fed_back, step
from proposals.errors import DomainError
from proposals.services._base import claim, service, today


def _answer_recipients(referral: Referral) -> list:
    opinion = referral.opinion
    users = []
    if opinion.station_id:
        users += [s.user for s in StationStaff.objects.filter(station_id=opinion.station_id).select_related("user")]
    if opinion.deputy_id and opinion.deputy.user_id:
        users.append(opinion.deputy.user)
    return users


@service
def referral_answer(*, referral: Referral, by, answer: str, on: dt.date | None = None) -> Referral:
    """The unit answers the referral; the citizen reads the answer on the query page."""
    unit = unit_of(by)
    if unit is None or unit.pk != referral.unit_id:
        raise DomainError("您无权答复该转办件")
    if referral.state != ReferralState.OPEN:
        raise DomainError("该转办件已答复")
    answer = (answer or "").strip()
    if len(answer) < 5:
        raise DomainError("请填写答复内容（至少5个字）")
    on = on or today()
    if on > today() or on < referral.referred_on:
        raise DomainError("答复日期须在转交日期和今天之间")
    claim(referral)
    referral.state, referral.answer, referral.answered_on, referral.answered_by = (
        ReferralState.ANSWERED,
        answer,
        on,
        by,
    )
    referral.save(update_fields=["state", "answer", "answered_on", "answered_by", "version"])
    opinion = referral.opinion
    claim(opinion)
    step(
        opinion=opinion,
        by=by,
        decision=TriageStep.Decision.UNIT_REPLY,
        reason="承办单位答复",
        answer=answer,
        on=on,
        label=unit.name,
    )
    opinion.save(update_fields=["version", *fed_back(opinion, on)])
    from opinions import links

    notify(
        recipients=_answer_recipients(referral),
        kind=Kind.REPLY,
        title=f"{unit.name}已答复转办的群众意见",
        body=f"意见：{opinion.short}\n答复：{answer[:200]}",
        link=links.opinion(opinion.pk),
    )
    return referral
