"""Helpers of the workbench tests: reading back what a refused action must leave untouched."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django_fsm_log.models import StateLog

from proposals.models import AdjustmentRequest, Assignment, ExtensionRequest, Proposal, SupervisionAction


def snapshot() -> dict:
    """Every row an action of the workbench could write."""
    return {
        "proposals": list(Proposal.objects.order_by("pk").values()),
        "assignments": list(Assignment.objects.order_by("pk").values()),
        "adjustments": list(AdjustmentRequest.objects.order_by("pk").values()),
        "extensions": list(ExtensionRequest.objects.order_by("pk").values()),
        "supervision": list(SupervisionAction.objects.order_by("pk").values()),
        "audit": StateLog.objects.count(),
    }


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]
