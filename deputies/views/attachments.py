"""The attachments of a deputy's item: downloaded by its deputies, removed from a draft by its lead."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import deputy_required
from deputies.views._common import current_deputy, require_lead
from proposals import services
from proposals.attachment_access import attachment_download, attachment_of
from proposals.errors import DomainError
from proposals.selectors import proposal_for_user


@deputy_required
@require_GET
def attachment_file(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """For the lead deputy and the accepted co-signers (a co-signer once the item is submitted)."""
    proposal = proposal_for_user(request.user, pk)
    return attachment_download(attachment_of(proposal.pk, attachment_pk))


@deputy_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    proposal = proposal_for_user(request.user, pk)
    require_lead(proposal, current_deputy(request), "删除附件")
    attachment = attachment_of(proposal.pk, attachment_pk)
    try:
        services.attachment_remove(attachment=attachment, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("deputy:detail", pk=proposal.pk)
    messages.success(request, f"已删除附件“{attachment.file_name}”")
    return redirect("deputy:edit", pk=proposal.pk)
