"""答复审查 for the office: the queue of replies waiting for review, and the three decisions on a reply."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import staff_required
from proposals import letters, services
from proposals.choices import ReviewStatus
from proposals.errors import DomainError
from proposals.forms.review import CategoryCorrectForm, ReplyApproveForm, ReplyReturnForm
from proposals.models import HandlingRules, Reply
from proposals.selectors import proposal_for_user

from ._paging import bounded_page
from .detail import render_detail


def _reply(request: HttpRequest, pk: int) -> Reply:
    reply = get_object_or_404(
        Reply.objects.select_related("unit", "assignment", "proposal__session", "proposal__lead_deputy"), pk=pk
    )
    proposal_for_user(request.user, reply.proposal_id)
    return reply


def pending_replies():
    return (
        Reply.objects.filter(review_status=ReviewStatus.PENDING)
        .select_related("unit", "proposal", "proposal__session", "proposal__lead_deputy")
        .prefetch_related("planned_actions")
        .order_by("replied_on", "id")
    )


@staff_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    page = bounded_page(pending_replies(), request.GET.get("page"))
    for reply in page.rows:
        reply.actions = list(reply.planned_actions.all())
        prefix = f"r{reply.pk}"
        reply.approve_form = ReplyApproveForm(prefix=prefix)
        reply.return_form = ReplyReturnForm(prefix=prefix)
        reply.category_form = CategoryCorrectForm(prefix=prefix, initial={"category": reply.category})
    return render(
        request,
        "proposals/queue_replies.html",
        {"page": page, "review_on": HandlingRules.current().reply_review},
    )


def _decide(
    request: HttpRequest, pk: int, *, form_class: type, run: Callable[[Reply, dict], object], success: str
) -> HttpResponse:
    reply = _reply(request, pk)
    form = form_class(request.POST, prefix=f"r{pk}")
    if form.is_valid():
        try:
            run(reply, form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, success)
            if request.POST.get("next") == "queue":
                return redirect("workbench:reply_review")
            return redirect("workbench:detail", pk=reply.proposal_id)
    proposal = proposal_for_user(request.user, reply.proposal_id)
    return render_detail(request, proposal, panel=f"review-{pk}", review_forms={pk: form})


@staff_required
@require_POST
def reply_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        form_class=ReplyApproveForm,
        run=lambda r, d: services.reply_approve(reply=r, by=request.user, comment=d["comment"]),
        success="答复审查通过，已送达代表",
    )


@staff_required
@require_POST
def reply_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        form_class=ReplyReturnForm,
        run=lambda r, d: services.reply_return(reply=r, by=request.user, reason=d["reason"]),
        success="答复已退回承办单位修改，办理期限不变",
    )


@staff_required
@require_POST
def reply_correct_category(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        form_class=CategoryCorrectForm,
        run=lambda r, d: services.reply_correct_category(
            reply=r, by=request.user, category=d["category"], reason=d["reason"]
        ),
        success="答复类别已更正，更正记录已存档",
    )


@staff_required
@require_GET
def reply_letter(request: HttpRequest, pk: int) -> HttpResponse:
    return letters.reply_letter_response(_reply(request, pk))
