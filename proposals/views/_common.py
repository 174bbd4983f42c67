"""Small helpers shared by the workbench views."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.utils import timezone

from proposals.errors import DomainError
from proposals.models.proposal import OPEN_HANDLING_STATES
from proposals.selectors_filters import NEAR_DUE_DAYS

_TOKEN_SALT = "workbench.form-token"


@dataclass(frozen=True)
class DueInfo:
    """An item's or assignment's clock, as the pages show it."""

    due: dt.date | None
    days_left: int | None
    status: str  # "overdue" | "near" | "ok" | "" (not running)

    @property
    def overdue_days(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def clock(due: dt.date | None, *, running: bool, today: dt.date, near_days: int = NEAR_DUE_DAYS) -> DueInfo:
    if due is None:
        return DueInfo(due=None, days_left=None, status="")
    days = (due - today).days
    if not running:
        return DueInfo(due=due, days_left=days, status="")
    if days < 0:
        return DueInfo(due=due, days_left=days, status="overdue")
    if days <= near_days:
        return DueInfo(due=due, days_left=days, status="near")
    return DueInfo(due=due, days_left=days, status="ok")


def proposal_clock(proposal, *, today: dt.date) -> DueInfo:
    return clock(proposal.effective_due, running=proposal.state in OPEN_HANDLING_STATES, today=today)


def form_error(form: forms.Form, error: DomainError) -> None:
    """Show a refused action on the form, keeping what the user typed."""
    form.add_error(None, error.message)


def today() -> dt.date:
    return timezone.localdate()


def new_form_token(request) -> str:
    """A one-time token for forms whose double submission would create two records.

    The token is signed for the signed-in user and kept nowhere until it is used, so showing a page
    that carries the form writes nothing.
    """
    return signing.Signer(salt=_TOKEN_SALT).sign(f"{request.user.pk}:{secrets.token_urlsafe(16)}")


def use_form_token(request, token: str, *, url: str, label: str = "") -> bool:
    """Spend ``token`` in the current transaction: False if it is forged, someone else's or already spent.

    ``url`` is the page the spent form led to (the record of the token says where it went).
    """
    try:
        user_pk, nonce = signing.Signer(salt=_TOKEN_SALT).unsign(token or "").split(":", 1)
    except (signing.BadSignature, ValueError):
        return False
    if user_pk != str(request.user.pk):
        return False
    from common.once import record

    return record(token=nonce, user=request.user, url=url, label=label)
