"""The office sets or clears a suggestion's supervising committee from the item's page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from opinions import services
from opinions.forms import SuggestionCommitteeForm
from proposals.errors import DomainError
from proposals.selectors import proposal_for_user


@staff_required
@require_POST
def suggestion_committee(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for_user(request.user, pk)
    form = SuggestionCommitteeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("workbench:detail", pk=proposal.pk)
    committee = form.cleaned_data["committee"]
    try:
        services.suggestion_committee_set(
            proposal=proposal, by=request.user, committee=committee, note=form.cleaned_data["note"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已确定由{committee.name}督办" if committee else "已取消委员会督办")
    return redirect("workbench:detail", pk=proposal.pk)
