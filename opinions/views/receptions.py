"""Receptions (接待选民): the list of a station's activities and recording one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from accounts.decorators import station_staff_required
from accounts.roles import is_office_staff, station_of
from common import once
from opinions import selectors, services
from opinions.forms import ReceptionForm
from opinions.views._common import my_stations, opinions_required, station_deputies
from proposals.errors import DomainError


@opinions_required
@require_GET
def reception_list(request: HttpRequest) -> HttpResponse:
    stations = None if is_office_staff(request.user) else [s.pk for s in my_stations(request.user)]
    page = selectors.receptions_for(station_ids=stations, cursor=selectors.Cursor.decode(request.GET.get("after")))
    return render(
        request,
        "opinions/receptions.html",
        {"page": page, "can_enter": station_of(request.user) is not None},
    )


@station_staff_required
def reception_new(request: HttpRequest) -> HttpResponse:
    station = station_of(request.user)
    if request.method == "POST" and (done := once.replay(request)):
        return done
    form = ReceptionForm(request.POST or None, deputies=station_deputies(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            once.create_once(
                request,
                lambda: services.reception_record(
                    by=request.user,
                    station=station,
                    held_on=data["held_on"],
                    deputies=list(data["deputies"]),
                    visitors=data["visitors"],
                    topic=data["topic"],
                ),
                url=lambda reception: reverse("opinions:receptions"),
                label=f"{data['held_on']:%Y年%m月%d日}的接待活动",
            )
        except once.Replayed:
            return once.replay(request)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已登记接待活动，可在登记意见时选择本次接待")
            return redirect("opinions:receptions")
    return render(request, "opinions/reception_form.html", {"form": form, "station": station})
