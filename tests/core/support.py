"""Helpers of the foundation tests: re-reading an item's rows from the database, building items at each stage."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest
from django_fsm_log.models import StateLog

from proposals import services
from proposals.choices import Role
from proposals.errors import DomainError
from proposals.models import (
    AdjustmentRequest,
    Assignment,
    Contact,
    CoOpinion,
    Evaluation,
    ExtensionRequest,
    MeetingRequest,
    ProgressNote,
    Proposal,
    Reply,
    SupervisionAction,
)
from tests import factories as f

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    """An aware moment of ``day`` in Beijing, for ``clock.move_to``."""
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI)


COUNTED = (
    Proposal,
    Assignment,
    Reply,
    CoOpinion,
    Evaluation,
    AdjustmentRequest,
    ExtensionRequest,
    Contact,
    ProgressNote,
    MeetingRequest,
    SupervisionAction,
    StateLog,
)


def db_state(*proposals: Proposal) -> dict:
    """Everything a refused action must leave untouched, read back from the database."""
    pks = [p.pk for p in proposals]
    return {
        "proposals": list(Proposal.objects.filter(pk__in=pks).order_by("pk").values()),
        "assignments": list(Assignment.objects.filter(proposal_id__in=pks).order_by("pk").values()),
        "adjustments": list(AdjustmentRequest.objects.filter(assignment__proposal_id__in=pks).order_by("pk").values()),
        "extensions": list(ExtensionRequest.objects.filter(assignment__proposal_id__in=pks).order_by("pk").values()),
        "supervision": list(SupervisionAction.objects.filter(proposal_id__in=pks).order_by("pk").values()),
        "counts": {model.__name__: model.objects.count() for model in COUNTED},
    }


@contextmanager
def refused(*proposals: Proposal, match: str | None = None, error: type[DomainError] = DomainError):
    """Expect a ``DomainError`` and prove the database is exactly as it was before."""
    before = db_state(*proposals)
    with pytest.raises(error, match=match) as info:
        yield info
    assert db_state(*proposals) == before


def fresh(obj):
    """A new copy of ``obj`` read from the database (the caller's copy stays as it was)."""
    return type(obj).objects.get(pk=obj.pk)


def assignment_of(proposal: Proposal, unit) -> Assignment:
    return Assignment.objects.exclude(state="withdrawn").get(proposal=proposal, unit=unit)


def answering(proposal: Proposal) -> list[Assignment]:
    return list(
        Assignment.objects.filter(proposal=proposal, role__in=[Role.LEAD, Role.SPLIT])
        .exclude(state="withdrawn")
        .order_by("pk")
    )


def sign_all(proposal: Proposal) -> Proposal:
    for assignment in Assignment.objects.filter(proposal=proposal, state="pending_sign").order_by("pk"):
        services.assignment_sign(assignment=assignment, by=f.handler_of(assignment.unit))
    proposal.refresh_from_db()
    return proposal


def handling(*, mode: str = "single", units=None, co=None, **kw) -> Proposal:
    """An item assigned today whose units have all signed."""
    return sign_all(f.assigned(mode=mode, units=units, co=co, **kw))


def reply(assignment: Assignment, *, category: str = "A", on: dt.date | None = None) -> Reply:
    assignment.refresh_from_db()
    return services.reply_submit(
        assignment=assignment,
        by=f.handler_of(assignment.unit),
        category=category,
        **f.reply_rules(category),
        body="经研究，答复如下。",
        doc_number="市建函〔2026〕12号",
        signer="王局长",
        replied_on=on,
    )


def replied(*, mode: str = "single", units=None, co=None, **kw) -> Proposal:
    """An item every answering unit has replied to (co-units have sent their opinions)."""
    proposal = handling(mode=mode, units=units, co=co, **kw)
    for assignment in Assignment.objects.filter(proposal=proposal, role=Role.CO):
        services.opinion_send(assignment=assignment, by=f.handler_of(assignment.unit), body="同意主办单位意见")
    for assignment in answering(proposal):
        reply(assignment)
    proposal.refresh_from_db()
    return proposal


def evaluate(proposal: Proposal, *, result: str, attitude: str = "satisfied", reason: str = "") -> Evaluation:
    if "unsatisfied" in (result, attitude) and not reason:
        reason = "问题没有解决"
    return services.evaluation_submit(
        proposal=proposal,
        by=proposal.lead_deputy.user,
        deputy=proposal.lead_deputy,
        attitude=attitude,
        result=result,
        reason=reason,
    )


def rehandling(**kw) -> Proposal:
    proposal = replied(**kw)
    evaluate(proposal, result="unsatisfied")
    proposal.refresh_from_db()
    return proposal


def closed(**kw) -> Proposal:
    proposal = replied(**kw)
    evaluate(proposal, result="satisfied")
    proposal.refresh_from_db()
    return proposal


def submitted(**kw) -> Proposal:
    proposal = f.proposal(**kw)
    # A deputy's motion needs its co-signers first; office staff enter a paper motion as it is.
    by = f.staff_user() if proposal.kind == "motion" else proposal.lead_deputy.user
    services.proposal_submit(proposal=proposal, by=by)
    return proposal


def transitions(proposal: Proposal) -> list[str]:
    from proposals.selectors import audit_trail

    return [row.transition for row in audit_trail(proposal)]
