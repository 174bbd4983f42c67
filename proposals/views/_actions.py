"""One pattern for every action posted from the item's page.

Parse the form → set the version the user saw → call one service → redirect with a message.
A refused action re-renders the page with the user's entries and the service's Chinese message.
An action that creates a record (``once_label``) carries a one-time token: sent again, it shows the item
with a message instead of creating the record twice.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from common import once
from proposals.errors import DomainError
from proposals.models import Proposal
from proposals.selectors import proposal_for_user

from .detail import render_detail


def act(
    request: HttpRequest,
    pk: int,
    *,
    form_class,
    panel: str,
    run: Callable[[Proposal, dict], object],
    success: str | Callable[[object], str],
    form_kwargs: Callable[[Proposal], dict] | None = None,
    versioned: bool = True,
    once_label: str = "",
) -> HttpResponse:
    proposal = proposal_for_user(request.user, pk)
    if once_label and (done := once.replay(request)):
        return done
    form = form_class(request.POST, **(form_kwargs(proposal) if form_kwargs else {}))
    if form.is_valid():
        if versioned:
            proposal.version = form.cleaned_data["version"]
        try:
            if once_label:
                url = reverse("workbench:detail", args=[pk])
                result = once.create_once(
                    request, lambda: run(proposal, form.cleaned_data), url=lambda _: url, label=once_label
                )
            else:
                result = run(proposal, form.cleaned_data)
        except once.Replayed:
            return once.replay(request)
        except DomainError as error:
            messages.error(request, error.message)
            proposal = proposal_for_user(request.user, pk)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect("workbench:detail", pk=pk)
    return render_detail(request, proposal, panel=panel, **{f"{panel}_form": form})
