"""Helpers shared by the deputy portal's views."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from accounts.roles import deputy_of
from deputies.models import Deputy
from proposals.models import Proposal


def current_deputy(request: HttpRequest) -> Deputy:
    deputy = deputy_of(request.user)
    if deputy is None:  # guarded by deputy_required; checked again so a view can never act for nobody
        raise PermissionDenied("仅代表本人可以访问")
    return deputy


def require_lead(proposal: Proposal, deputy: Deputy, action: str) -> None:
    """Co-signers may read an item but only its lead deputy acts on it."""
    if proposal.lead_deputy_id != deputy.pk:
        raise PermissionDenied(f"附议代表可以查看此件，{action}须由领衔代表办理")
