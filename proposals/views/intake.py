"""Registering a paper item by hand: created, submitted and registered (立案) in one step."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.decorators import staff_required
from common import once
from proposals import services
from proposals.errors import DomainError
from proposals.forms import ProposalEntryForm
from proposals.models import Proposal

from ._common import form_error


@transaction.atomic
def _enter(*, by, data: dict) -> Proposal:
    """All three steps or none: a number clash at 立案 leaves no stray draft behind."""
    proposal = services.proposal_create(
        by=by,
        session=data["session"],
        kind=data["kind"],
        title=data["title"],
        content=data["content"],
        field=data["field"],
        lead_deputy=data["lead_deputy"],
        co_signers=list(data["co_signers"]),
        submitted_on=data["submitted_on"],
        number=data["number"] or None,
    )
    services.attachments_add(proposal=proposal, by=by, files=data["attachments"])
    services.proposal_submit(
        proposal=proposal,
        by=by,
        comment="工作人员登记录入",
        disclosure=data.get("disclosure") or None,
        non_disclosure_reason=data.get("non_disclosure_reason", ""),
    )
    return services.proposal_register(proposal=proposal, by=by, number=data["number"] or None, comment="登记立案")


@staff_required
def proposal_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and (done := once.replay(request)):
        return done
    form = ProposalEntryForm(request.POST, request.FILES) if request.method == "POST" else ProposalEntryForm()
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                proposal = _enter(by=request.user, data=form.cleaned_data)
                label = f"{proposal.number} {proposal.title}"
                once.remember(request, url=reverse("workbench:detail", args=[proposal.pk]), label=label)
        except once.Replayed:
            return once.replay(request)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, f"已登记立案：{proposal.number} {proposal.title}")
            if request.POST.get("then") == "assign" and proposal.is_suggestion_track:
                return redirect("workbench:assign", pk=proposal.pk)
            if request.POST.get("then") == "another":
                return redirect("workbench:create")
            return redirect("workbench:detail", pk=proposal.pk)
    return render(request, "proposals/entry.html", {"form": form})
