"""Items at the stages the workbench acts on, built through the services."""

from __future__ import annotations

from proposals import services
from proposals.models import Assignment, Proposal
from tests import factories as f


def signed(p: Proposal) -> Proposal:
    for a in Assignment.objects.filter(proposal=p).select_related("unit"):
        services.assignment_sign(assignment=a, by=f.handler_of(a.unit))
    p.refresh_from_db()
    return p


def replied(*, staff, **kw) -> Proposal:
    p = signed(f.assigned(staff=staff, **kw))
    for a in Assignment.objects.filter(proposal=p).select_related("unit"):
        if a.answers:
            services.reply_submit(
                assignment=a,
                by=f.handler_of(a.unit),
                category="B",
                **f.reply_rules("B"),
                body="正在推进，已列入年度计划。",
            )
        else:
            services.opinion_send(assignment=a, by=f.handler_of(a.unit), body="同意主办单位意见")
    p.refresh_from_db()
    return p


def evaluated_unsatisfied(*, staff, **kw) -> Proposal:
    p = replied(staff=staff, **kw)
    services.evaluation_submit(
        proposal=p,
        by=p.lead_deputy.user,
        deputy=p.lead_deputy,
        attitude="satisfied",
        result="unsatisfied",
        reason="问题没有解决",
    )
    p.refresh_from_db()
    return p


def submitted(**kw) -> Proposal:
    p = f.proposal(**kw)
    services.proposal_submit(proposal=p, by=p.lead_deputy.user)
    p.refresh_from_db()
    return p


def adjustment_requested(*, staff, proposed_unit=None, **kw):
    p = f.assigned(staff=staff, **kw)
    a = Assignment.objects.select_related("unit").get(proposal=p)
    req = services.adjustment_request(
        assignment=a, by=f.handler_of(a.unit), reason="不属于本单位职责", proposed_unit=proposed_unit
    )
    return p, req


def extension_requested(*, staff, until, **kw):
    p = signed(f.assigned(staff=staff, **kw))
    a = Assignment.objects.select_related("unit").get(proposal=p)
    req = services.extension_request(assignment=a, by=f.handler_of(a.unit), until=until, reason="需要实地调研")
    return p, req
