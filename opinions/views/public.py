"""The citizens' pages (no login): a station's or a deputy's page and QR code, the opinion form, the query page.

The form is rate-limited per address and carries a challenge (``opinions.challenge``). The query page
shows one opinion to whoever holds its query code and nothing for a wrong or guessed one; lookups
are rate-limited too. Nothing here shows a phone number, or anything of another citizen.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from deputies.models import Deputy
from opinions import access, challenge, qr, selectors, services
from opinions.forms import PublicOpinionForm, QueryForm, RateForm
from opinions.models import Station
from proposals.errors import DomainError

NOT_FOUND = "未查到与该查询码对应的意见，请核对后重新输入"


def _submit_rate(group, request) -> str:
    return getattr(settings, "OPINIONS_SUBMIT_RATE", "5/h")


def _query_rate(group, request) -> str:
    return getattr(settings, "OPINIONS_QUERY_RATE", "30/h")


def _station(pk: int) -> Station:
    return get_object_or_404(Station.objects.prefetch_related("deputies"), pk=pk, active=True)


def _deputy(pk: int) -> Deputy:
    return get_object_or_404(Deputy.objects.select_related("delegation"), pk=pk, active=True)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Every active station, by area: where to send an opinion, and the query page."""
    stations = Station.objects.filter(active=True).order_by("area", "name")
    return render(request, "opinions/public/index.html", {"stations": stations})


@require_GET
def station_page(request: HttpRequest, pk: int) -> HttpResponse:
    station = _station(pk)
    return render(
        request,
        "opinions/public/station.html",
        {
            "station": station,
            "deputies": [d for d in station.deputies.all() if d.active],
            "form_url": qr.public_url(reverse("opinions_public:station_submit", args=[station.pk])),
        },
    )


@require_GET
def deputy_page(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = _deputy(pk)
    return render(
        request,
        "opinions/public/deputy.html",
        {
            "deputy": deputy,
            "stations": list(deputy.stations.filter(active=True)),
            "form_url": qr.public_url(reverse("opinions_public:deputy_submit", args=[deputy.pk])),
        },
    )


@require_GET
def station_qr(request: HttpRequest, pk: int) -> HttpResponse:
    station = _station(pk)
    url = qr.public_url(reverse("opinions_public:station_submit", args=[station.pk]))
    return HttpResponse(qr.svg(url, title=f"{station.name} 意见征集"), content_type="image/svg+xml")


@require_GET
def deputy_qr(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = _deputy(pk)
    url = qr.public_url(reverse("opinions_public:deputy_submit", args=[deputy.pk]))
    return HttpResponse(qr.svg(url, title=f"{deputy.name}代表码"), content_type="image/svg+xml")


def _form(request: HttpRequest, *, station: Station | None, deputy: Deputy | None) -> HttpResponse:
    target = {"station": station, "deputy": deputy}
    if request.method == "POST":
        if getattr(request, "limited", False):
            return render(request, "opinions/public/limited.html", target, status=429)
        form = PublicOpinionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            problem = challenge.check(token=data["token"], answer=data["answer"], honeypot=data["website"])
            if problem:
                form.add_error("answer", problem)
            else:
                try:
                    opinion = services.opinion_submit_public(
                        content=data["content"],
                        citizen_phone=data["citizen_phone"],
                        citizen_name=data["citizen_name"],
                        field=data["field"],
                        area=data["area"],
                        station=station,
                        deputy=deputy,
                    )
                except DomainError as exc:
                    form.add_error(None, exc.message)
                else:
                    return render(request, "opinions/public/submitted.html", {"opinion": opinion, **target})
        question, token = challenge.issue()
        form.data = form.data.copy()
        form.data["token"], form.data["answer"] = token, ""
    else:
        question, token = challenge.issue()
        form = PublicOpinionForm(initial={"token": token})
    return render(request, "opinions/public/form.html", {"form": form, "question": question, **target})


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=_submit_rate, method="POST", block=False)
def station_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _form(request, station=_station(pk), deputy=None)


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=_submit_rate, method="POST", block=False)
def deputy_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _form(request, station=None, deputy=_deputy(pk))


def _result(request: HttpRequest, opinion, *, rate_form=None, status: int = 200) -> HttpResponse:
    view = selectors.citizen_view(opinion)
    rate_form = rate_form or RateForm(initial={"code": opinion.query_code})
    return render(request, "opinions/public/result.html", {**view, "rate_form": rate_form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=_query_rate, method="POST", block=False)
def query(request: HttpRequest) -> HttpResponse:
    """查询: the code is posted, never put in the address, so it stays out of logs and browser history."""
    if request.method == "POST":
        if getattr(request, "limited", False):
            return render(request, "opinions/public/limited.html", {"query": True}, status=429)
        form = QueryForm(request.POST)
        if form.is_valid():
            opinion = access.opinion_by_code(form.cleaned_data["code"])
            if opinion is not None:
                return _result(request, opinion)
            form.add_error("code", NOT_FOUND)
        return render(request, "opinions/public/query.html", {"form": form})
    return render(request, "opinions/public/query.html", {"form": QueryForm()})


@never_cache
@require_POST
@ratelimit(key="ip", rate=_query_rate, method="POST", block=False)
def rate(request: HttpRequest) -> HttpResponse:
    if getattr(request, "limited", False):
        return render(request, "opinions/public/limited.html", {"query": True}, status=429)
    form = RateForm(request.POST)
    opinion = access.opinion_by_code(request.POST.get("code", ""))
    if opinion is None:
        raise Http404(NOT_FOUND)
    if form.is_valid():
        try:
            services.opinion_rate(
                opinion=opinion, result=form.cleaned_data["result"], comment=form.cleaned_data["comment"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            opinion.refresh_from_db()
            return _result(request, opinion)
    return _result(request, opinion, rate_form=form, status=400)
