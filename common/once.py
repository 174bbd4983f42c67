"""One-time tokens for create forms: a form sent again shows what it already created.

The page renders ``{% form_token %}`` (a fresh random token). The view calls ``replay(request)``
first: if that token already created something, it redirects there with a message. Otherwise the
view creates inside ``transaction.atomic()`` and calls ``remember(request, url=…)`` in the same
transaction; if two copies of the form race, the unique token makes the second one roll back and
``replay`` then finds the first.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from common.models import FormSubmission

FIELD = "form_token"
T = TypeVar("T")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _token(request: HttpRequest) -> str:
    token = request.POST.get(FIELD, "").strip()
    return token if 16 <= len(token) <= 64 else ""


def replay(request: HttpRequest) -> HttpResponse | None:
    """The page of what this form already created, if it was sent before; else None."""
    token = _token(request)
    if not token:
        return None
    done = FormSubmission.objects.filter(token=token, user=request.user).first()
    if done is None:
        return None
    what = f"“{done.label}”" if done.label else "此项"
    messages.info(request, f"{what}已经创建，这次重复提交没有再创建一次")
    return redirect(done.url)


class Replayed(Exception):
    """The same form was sent twice at once; the other copy created the item."""


def record(*, token: str, user, url: str, label: str = "") -> bool:
    """Record in the current transaction that ``token`` was spent and led to ``url``; False if it already was."""
    try:
        with transaction.atomic():
            FormSubmission.objects.create(token=token, user=user, url=url[:300], label=label[:200])
    except IntegrityError:
        return False
    return True


def remember(request: HttpRequest, *, url: str, label: str = "") -> None:
    """Record in the current transaction that this form's token created ``url``."""
    token = _token(request)
    if token and not record(token=token, user=request.user, url=url, label=label):
        raise Replayed()


def create_once(request: HttpRequest, create: Callable[[], T], *, url: Callable[[T], str], label: str = "") -> T:
    """Run ``create()`` and record, in the same transaction, that this form's token created ``url(result)``.

    Raises ``Replayed`` when a copy of the form sent at the same moment created it first (the view then
    answers with ``replay``). Call ``replay`` before validating the form, so a resent form never creates.
    """
    with transaction.atomic():
        result = create()
        remember(request, url=url(result), label=label)
    return result
