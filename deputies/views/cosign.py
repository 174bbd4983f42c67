"""附议邀请 in the deputy portal: reading an invitation and accepting or declining it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import deputy_required
from common.forms import StyledForm
from proposals import services
from proposals.errors import DomainError
from proposals.services.cosigning import ANSWERABLE_STATES, invitation_for_deputy


class AnswerForm(StyledForm):
    answer = forms.ChoiceField(label="答复", choices=[("accept", "同意附议"), ("decline", "谢绝附议")])
    note = forms.CharField(label="说明（可选）", max_length=200, required=False)


@deputy_required
@require_GET
def invitation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = invitation_for_deputy(user=request.user, pk=pk)
    proposal = invitation.proposal
    return render(
        request,
        "deputies/invitation.html",
        {
            "invitation": invitation,
            "proposal": proposal,
            "can_answer": invitation.is_open and proposal.state in ANSWERABLE_STATES,
            "form": AnswerForm(),
        },
    )


@deputy_required
@require_POST
def invitation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = invitation_for_deputy(user=request.user, pk=pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择同意附议或谢绝附议")
        return redirect("deputy:invitation", pk=invitation.pk)
    accept = form.cleaned_data["answer"] == "accept"
    try:
        services.cosign_answer(invitation=invitation, by=request.user, accept=accept, note=form.cleaned_data["note"])
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("deputy:invitation", pk=invitation.pk)
    if accept:
        messages.success(request, f"您已同意附议《{invitation.proposal.title}》，提交后可在“我附议的”中查看办理情况")
    else:
        messages.success(request, f"您已谢绝附议《{invitation.proposal.title}》，已告知领衔代表")
    return redirect("deputy:home")
