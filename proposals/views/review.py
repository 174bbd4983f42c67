"""Intake review of a submitted item: 立案, 不予立案, 并案, and the 主席团's decision on a motion."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from proposals import services
from proposals.forms import MergeForm, MotionDecisionForm, RegisterForm, RejectForm

from ._actions import act

DECISION_MESSAGES = {
    "to_agenda": "已决定列入大会议程",
    "not_to_agenda": "已决定不列入大会议程",
    "convert": "议案已转为建议，可以交办",
}


@staff_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    return act(
        request,
        pk,
        form_class=RegisterForm,
        panel="register",
        run=lambda p, d: services.proposal_register(
            proposal=p, by=request.user, number=d["number"], comment=d["comment"]
        ),
        success=lambda p: f"已立案，编号 {p.number}",
    )


@staff_required
@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    return act(
        request,
        pk,
        form_class=RejectForm,
        panel="reject",
        run=lambda p, d: services.proposal_reject(proposal=p, by=request.user, reason=d["reason"]),
        success="已作不予立案处理，理由将告知代表",
    )


@staff_required
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    return act(
        request,
        pk,
        form_class=MergeForm,
        form_kwargs=lambda p: {"proposal": p},
        panel="merge",
        run=lambda p, d: services.proposal_merge(proposal=p, into=d["into"], by=request.user, comment=d["comment"]),
        success=lambda p: f"已并入 {p.merged_into}",
    )


@staff_required
@require_POST
def motion_decide(request: HttpRequest, pk: int) -> HttpResponse:
    return act(
        request,
        pk,
        form_class=MotionDecisionForm,
        panel="motion",
        run=lambda p, d: (
            services.motion_decide(proposal=p, by=request.user, decision=d["decision"], comment=d["comment"]),
            d["decision"],
        ),
        success=lambda result: DECISION_MESSAGES[result[1]],
    )
