"""An item's page for its deputies: the timeline, the replies, the rating and the meeting request."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import deputy_required
from common import once
from deputies.forms import ActionForm, CoSignerEvaluationForm, EvaluationForm, MeetingForm, SubmitForm
from deputies.selectors import (
    current_round_replies,
    invitations_of,
    letter_reply_for_user,
    replies_of_record,
    reply_for_user,
)
from deputies.views._common import current_deputy, require_lead
from files.downloads import protected_download
from proposals import letters, services
from proposals.choices import Rating
from proposals.errors import DomainError
from proposals.models import Proposal
from proposals.models.proposal import OPEN_HANDLING_STATES, ProposalState
from proposals.selectors import proposal_detail_related, proposal_for_user
from proposals.services.cosigning import ANSWERABLE_STATES, required_co_signers

MEETING_STATES = (*OPEN_HANDLING_STATES, ProposalState.REPLIED)


def item_context(request: HttpRequest, proposal: Proposal, **extra) -> dict:
    deputy = current_deputy(request)
    related = proposal_detail_related(proposal)
    related["replies"] = replies_of_record(related["replies"])
    is_lead = proposal.lead_deputy_id == deputy.pk
    mine = [e for e in proposal.co_signer_evaluations.all() if e.deputy_id == deputy.pk and e.round == proposal.round]
    is_co_signer = not is_lead and any(d.pk == deputy.pk for d in related["co_signers"])
    context = {
        "proposal": proposal,
        "related": related,
        "my_co_rating": mine[0] if mine else None,
        "can_co_rate": is_co_signer and not mine and proposal.state in (ProposalState.REPLIED, ProposalState.CLOSED),
        "co_rate_form": CoSignerEvaluationForm(),
        "deputy": deputy,
        "is_lead": is_lead,
        "can_rate": is_lead and proposal.state == ProposalState.REPLIED,
        "can_meet": proposal.state in MEETING_STATES,
        "can_edit": is_lead and proposal.state == ProposalState.DRAFT,
        "can_withdraw": is_lead and proposal.state in (ProposalState.DRAFT, ProposalState.SUBMITTED),
        "action_form": ActionForm(initial={"version": proposal.version}),
        "submit_form": SubmitForm(initial={"version": proposal.version, "disclosure": proposal.disclosure or None}),
        "meeting_form": MeetingForm(),
        "meeting_requests": [m for m in proposal.meeting_requests.all() if m.deputy_id == deputy.pk],
        # Who was invited and how they answered, while the item can still gain co-signers.
        "invitations": invitations_of(proposal) if is_lead and proposal.state in ANSWERABLE_STATES else [],
        "co_signers_needed": required_co_signers(proposal) if is_lead and proposal.state == ProposalState.DRAFT else 0,
        "attachments": related["attachments"],
        "today": timezone.localdate(),
    }
    context.update(extra)
    return context


@deputy_required
@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for_user(request.user, pk)
    return render(request, "deputies/proposal_detail.html", item_context(request, proposal))


@deputy_required
def proposal_rate(request: HttpRequest, pk: int) -> HttpResponse:
    """Rate 办理态度 and 办理结果 of the round just replied; 不满意 needs a reason and starts round n+1."""
    deputy = current_deputy(request)
    proposal = proposal_for_user(request.user, pk)
    require_lead(proposal, deputy, "评价")
    if proposal.state != ProposalState.REPLIED:
        messages.info(request, "此件当前不在待评价状态")
        return redirect("deputy:detail", pk=proposal.pk)
    if request.method == "POST":
        form = EvaluationForm(request.POST)
        if form.is_valid():
            form.apply_version(proposal)
            data = form.cleaned_data
            try:
                evaluation = services.evaluation_submit(
                    proposal=proposal,
                    by=request.user,
                    deputy=deputy,
                    attitude=data["attitude"],
                    result=data["result"],
                    reason=data["reason"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                if evaluation.result == Rating.UNSATISFIED:
                    messages.success(
                        request,
                        f"评价已提交。承办单位将重新办理，期限至{proposal.rehandle_due:%Y年%m月%d日}",
                    )
                else:
                    messages.success(request, "评价已提交，此件已办结。感谢您的评价！")
                return redirect("deputy:detail", pk=proposal.pk)
    else:
        form = EvaluationForm(initial={"version": proposal.version})
    related = proposal_detail_related(proposal)
    return render(
        request,
        "deputies/proposal_rate.html",
        {
            "proposal": proposal,
            "form": form,
            "replies": current_round_replies(proposal=proposal, replies=related["replies"]),
            "ratings": Rating.choices,
            "unsatisfied": Rating.UNSATISFIED,
        },
    )


@deputy_required
@require_POST
def meeting_request(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = current_deputy(request)
    proposal = proposal_for_user(request.user, pk)
    if done := once.replay(request):
        return done
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            once.create_once(
                request,
                lambda: services.meeting_request(
                    proposal=proposal, by=request.user, deputy=deputy, message=form.cleaned_data["message"]
                ),
                url=lambda meeting: reverse("deputy:detail", args=[proposal.pk]) + "#meeting",
                label="见面沟通请求",
            )
        except once.Replayed:
            return once.replay(request)
        except DomainError as exc:
            if proposal.state not in MEETING_STATES:  # the form is no longer on the page: say it at the top
                messages.error(request, exc.message)
                return redirect("deputy:detail", pk=proposal.pk)
            form.add_error(None, exc.message)
        else:
            messages.success(request, "见面沟通请求已发送，承办单位将与您联系")
            return redirect("deputy:detail", pk=proposal.pk)
    context = item_context(request, proposal, meeting_form=form, meeting_open=True)
    return render(request, "deputies/proposal_detail.html", context)


@deputy_required
@require_GET
def reply_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A reply letter's file, for the item's own deputies only (never a public media URL)."""
    reply = reply_for_user(request.user, pk)
    return protected_download(reply.file, filename=reply.download_name, missing="该答复没有上传文件")


@deputy_required
@require_GET
def reply_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The reply of record as a 答复函 PDF."""
    return letters.reply_letter_response(letter_reply_for_user(request.user, pk))


@deputy_required
@require_POST
def co_signer_rate(request: HttpRequest, pk: int) -> HttpResponse:
    """A co-signer rates the reply online; the lead deputy's rating stays the rating of record."""
    deputy = current_deputy(request)
    proposal = proposal_for_user(request.user, pk)
    form = CoSignerEvaluationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.co_signer_evaluation_submit(
                proposal=proposal,
                by=request.user,
                deputy=deputy,
                attitude=data["attitude"],
                result=data["result"],
                reason=data["reason"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "您的评价已提交，代表工作机构可以看到。感谢您的评价！")
            return redirect("deputy:detail", pk=proposal.pk)
    return render(request, "deputies/proposal_detail.html", item_context(request, proposal, co_rate_form=form))
