"""Shared steps of the triage services: who acts, the checked dates, the step row, merged opinions following."""

from __future__ import annotations

import datetime as dt

from accounts.roles import deputy_of, station_of
from opinions.access import can_triage
from opinions.figure_snapshots import figures_changed
from opinions.models import Opinion, TriageStep
from proposals.errors import DomainError
from proposals.services._base import claim, today


def actor_label(by) -> str:
    """How the citizen sees who acted: the station's name, or the deputy's."""
    station = station_of(by)
    if station is not None:
        return station.name
    deputy = deputy_of(by)
    if deputy is not None:
        return f"{deputy.name}代表"
    return "代表工作机构"


def check_day(*, on: dt.date | None, opinion: Opinion) -> dt.date:
    on = on or today()
    if on > today():
        raise DomainError("处置日期不能晚于今天")
    if on < opinion.received_on:
        raise DomainError("处置日期不能早于收到意见的日期")
    return on


def check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写处置理由")
    return reason


def take(*, opinion: Opinion, by, allowed: tuple[str, ...], action: str) -> None:
    """Check the actor and the state, then claim the opinion (optimistic lock)."""
    if not can_triage(by, opinion):
        raise DomainError(f"您无权{action}该意见")
    if opinion.state not in allowed:
        raise DomainError(f"该意见当前为「{opinion.get_state_display()}」，不能{action}")
    claim(opinion)


def step(*, opinion: Opinion, by, decision: str, reason: str, on: dt.date, answer: str = "", label: str = ""):
    """The step the citizen sees; every step changes what the figures count."""
    figures_changed()
    return TriageStep.objects.create(
        opinion=opinion,
        decision=decision,
        reason=reason,
        answer=answer,
        decided_on=on,
        by=by,
        by_label=label or actor_label(by),
    )


def first_response(opinion: Opinion, on: dt.date) -> list[str]:
    """Record the first response on ``opinion`` and the opinions merged under it; the fields to save."""
    if opinion.first_response_on is not None:
        return []
    opinion.first_response_on = on
    Opinion.objects.filter(merged_into=opinion, first_response_on__isnull=True).update(first_response_on=on)
    return ["first_response_on"]


def fed_back(opinion: Opinion, on: dt.date) -> list[str]:
    """Record that the citizen has an answer (and so have those whose opinions were merged under it)."""
    Opinion.objects.filter(merged_into=opinion, fed_back_on__isnull=True).update(fed_back_on=on)
    if opinion.fed_back_on is not None:
        return []
    opinion.fed_back_on = on
    return ["fed_back_on"]
