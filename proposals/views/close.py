"""办结 of a replied item."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from proposals import services
from proposals.forms import CloseForm
from proposals.forms.review import AssistedCoSignerEvaluationForm, AssistedEvaluationForm
from proposals.services.evaluation import co_signers_yet_to_rate

from ._actions import act


@staff_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return act(
        request,
        pk,
        form_class=CloseForm,
        panel="close",
        run=lambda p, d: services.proposal_close(
            proposal=p, by=request.user, comment=d["comment"], unevaluated=d["unevaluated"]
        ),
        success="已办结",
    )


@staff_required
@require_POST
def assisted_rate(request: HttpRequest, pk: int) -> HttpResponse:
    """代为录入: the office enters the lead deputy's rating taken in writing, by phone or in person."""
    return act(
        request,
        pk,
        form_class=AssistedEvaluationForm,
        panel="assist",
        once_label="代为录入的评价",
        run=lambda p, d: services.evaluation_submit(
            proposal=p,
            by=request.user,
            deputy=p.lead_deputy,
            attitude=d["attitude"],
            result=d["result"],
            reason=d["reason"],
            assisted_channel=d["channel"],
            assisted_reason=d["assisted_reason"],
        ),
        success=lambda e: (
            "已代为录入代表的评价" + ("，承办单位将重新办理" if e.result == "unsatisfied" else "，此件已办结")
        ),
    )


@staff_required
@require_POST
def co_signer_assisted_rate(request: HttpRequest, pk: int) -> HttpResponse:
    """代为录入 for a co-signer: counted with the co-signers' ratings, not as the item's rating of record."""
    return act(
        request,
        pk,
        form_class=AssistedCoSignerEvaluationForm,
        panel="co_assist",
        once_label="代为录入的附议代表评价",
        form_kwargs=lambda p: {"co_signers": list(co_signers_yet_to_rate(p))},
        versioned=False,
        run=lambda p, d: services.co_signer_evaluation_submit(
            proposal=p,
            by=request.user,
            deputy=d["deputy"],
            attitude=d["attitude"],
            result=d["result"],
            reason=d["reason"],
            assisted_channel=d["channel"],
            assisted_reason=d["assisted_reason"],
        ),
        success=lambda e: f"已代为录入附议代表{e.deputy.name}的评价",
    )
