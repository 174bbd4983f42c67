"""Small helpers shared by the workbench views."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django import forms
from django.utils import timezone

from proposals.errors import DomainError
from proposals.models.proposal import OPEN_HANDLING_STATES
from proposals.selectors_filters import NEAR_DUE_DAYS

_TOKENS_KEY = "workbench_form_tokens"
_MAX_TOKENS = 50


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
    """A one-time token for forms whose double submission would create two records."""
    token = secrets.token_urlsafe(16)
    tokens = request.session.get(_TOKENS_KEY, [])[-(_MAX_TOKENS - 1) :]
    tokens.append(token)
    request.session[_TOKENS_KEY] = tokens
    return token


def use_form_token(request, token: str) -> bool:
    tokens = request.session.get(_TOKENS_KEY, [])
    if not token or token not in tokens:
        return False
    tokens.remove(token)
    request.session[_TOKENS_KEY] = tokens
    return True
