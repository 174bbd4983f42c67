"""Writes of the deputies app."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from deputies.models import Session
from deputies.selectors import open_congress_session


def recess_session_name(year: int) -> str:
    """The name of a year's 闭会期间 pseudo-session, as the ledger contract writes it (``2025年闭会期间``)."""
    return f"{year}年闭会期间"


@transaction.atomic
def recess_session_get_or_create(*, year: int) -> Session:
    """The 闭会期间 pseudo-session of ``year``, created on first use."""
    name = recess_session_name(year)
    session = Session.objects.filter(name=name).first()
    if session is not None:
        return session
    try:
        with transaction.atomic():
            return Session.objects.create(name=name, year=year, kind=Session.Kind.RECESS)
    except IntegrityError:
        return Session.objects.get(name=name)


def session_for_new_item(*, on: dt.date) -> Session:
    """The session a deputy's new item belongs to by default: the congress session being held, else 闭会期间."""
    return open_congress_session(on=on) or recess_session_get_or_create(year=on.year)
