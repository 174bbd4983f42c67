"""The opinions workspace: the list, entering an opinion, an opinion's page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from accounts.roles import committee_of, deputy_of, station_of
from common import once
from opinions import access, selectors, services
from opinions.forms import (
    FIELD_CHOICES,
    AnswerForm,
    MergeForm,
    ReasonForm,
    ReferForm,
    ReleaseForm,
)
from opinions.forms import OpinionForm as IntakeForm
from opinions.models import OpinionState
from opinions.services.feedback import suggestion_answered
from opinions.views._common import intake_required, my_stations, opinions_required, receptions_of, station_deputies
from proposals.errors import DomainError


@opinions_required
@require_GET
def opinion_list(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", "new")
    if tab not in selectors.LIST_TABS:
        tab = "new"
    field = request.GET.get("field", "")
    visible = access.visible_opinions(request.user)
    page = selectors.opinion_list(
        visible, tab=tab, cursor=selectors.Cursor.decode(request.GET.get("after")), field=field
    )
    return render(
        request,
        "opinions/list.html",
        {
            "tab": tab,
            "tabs": selectors.LIST_TABS.items(),
            "page": page,
            "field": field,
            "fields": [c for c in FIELD_CHOICES if c[0]],
            "stations": my_stations(request.user),
            "can_enter": access.can_enter(request.user),
            "is_deputy": deputy_of(request.user) is not None,
            "deputy": deputy_of(request.user),
            "committee": committee_of(request.user),
        },
    )


@intake_required
def opinion_new(request: HttpRequest) -> HttpResponse:
    station = station_of(request.user)
    deputies = station_deputies(request.user) if station is not None else None
    receptions = receptions_of(request.user)
    if request.method == "POST" and (done := once.replay(request)):
        return done
    form = IntakeForm(request.POST or None, deputies=deputies, receptions=receptions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reception = data.get("reception")
        try:
            opinion = once.create_once(
                request,
                lambda: services.opinion_record(
                    by=request.user,
                    content=data["content"],
                    citizen_name=data["citizen_name"],
                    citizen_phone=data["citizen_phone"],
                    field=data["field"],
                    area=data["area"],
                    source=data["source"],
                    station=station or (reception.station if reception else None),
                    deputy=data.get("deputy"),
                    reception=reception,
                    received_on=data["received_on"],
                ),
                url=lambda opinion: reverse("opinions:detail", args=[opinion.pk]),
                label="这条群众意见",
            )
        except once.Replayed:
            return once.replay(request)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已登记。请将查询码 {opinion.code_display} 告知群众，用于查询办理情况")
            return redirect("opinions:detail", pk=opinion.pk)
    return render(request, "opinions/opinion_form.html", {"form": form, "station": station})


@opinions_required
@require_GET
def opinion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = access.opinion_for_user(request.user, pk)
    can = access.can_triage(request.user, opinion)
    versioned = {"version": opinion.version}
    context = {
        "opinion": opinion,
        "can_triage": can and opinion.state == OpinionState.NEW,
        "can_suggest": can and deputy_of(request.user) is not None and opinion.state in ("new", "kept"),
        "can_release": can
        and opinion.state == OpinionState.SUGGESTED
        and not opinion.released_on
        and suggestion_answered(opinion),
        "sees_phone": access.sees_phone(request.user),
        "committee": committee_of(request.user),
        "answer_form": AnswerForm(initial=versioned, prefix="answer"),
        "refer_form": ReferForm(initial=versioned, prefix="refer"),
        "keep_form": ReasonForm(initial=versioned, prefix="keep"),
        "decline_form": ReasonForm(initial=versioned, prefix="decline"),
        "merge_form": MergeForm(initial=versioned, prefix="merge"),
        "release_form": ReleaseForm(initial=versioned, prefix="release"),
        **selectors.opinion_page(opinion),
    }
    return render(request, "opinions/detail.html", context)
