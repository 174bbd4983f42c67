"""Helpers shared by the 民意池 views: who may open the workspace, the forms' version check."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils import timezone

from accounts.decorators import _role_required
from accounts.roles import committee_of, deputy_of, is_office_staff, station_of
from deputies.models import Deputy
from opinions.access import can_enter, deputy_station_ids
from opinions.models import Reception, Station


def works_with_opinions(user) -> bool:
    return (
        is_office_staff(user)
        or station_of(user) is not None
        or deputy_of(user) is not None
        or committee_of(user) is not None
    )


opinions_required = _role_required(works_with_opinions, "仅联络站工作人员、代表、专门委员会和工作人员可以访问")
intake_required = _role_required(can_enter, "仅联络站工作人员和代表可以登记")


def my_stations(user) -> list[Station]:
    station = station_of(user)
    if station is not None:
        return [station]
    deputy = deputy_of(user)
    if deputy is not None:
        return list(Station.objects.filter(pk__in=deputy_station_ids(deputy)))
    return []


def station_deputies(user):
    """The deputies a user may name on an opinion or a reception: their station's, or the deputy themself."""
    station = station_of(user)
    if station is not None:
        return station.deputies.filter(active=True).select_related("delegation")
    deputy = deputy_of(user)
    return Deputy.objects.filter(pk=deputy.pk) if deputy else Deputy.objects.none()


def receptions_of(user):
    """The last year's receptions at the user's stations (to attach an opinion to one)."""
    ids = [s.pk for s in my_stations(user)]
    since = timezone.localdate() - dt.timedelta(days=365)
    return Reception.objects.filter(station_id__in=ids, held_on__gte=since).select_related("station")


def back(request: HttpRequest, pk: int, *, error: str | None = None, ok: str | None = None):
    if error:
        messages.error(request, error)
    if ok:
        messages.success(request, ok)
    return redirect("opinions:detail", pk=pk)
