"""The office withdraws an item from the public pages, with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from proposals.errors import DomainError
from publicsite import services
from publicsite.forms import WithdrawForm
from publicsite.models import Publication


@staff_required
@require_POST
def withdraw(request, pk: int):
    publication = get_object_or_404(Publication, pk=pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, "撤回公开须写明理由")
    else:
        try:
            services.publication_withdraw(publication=publication, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已撤回公开，公开页面不再显示此件")
    return redirect("workbench:detail", pk=publication.proposal_id)
