"""履职档案 pages: a deputy's own record, everyone's for staff and leaders, the printed 履职报告, activities."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import deputy_required, leader_or_staff_required, staff_required
from accounts.roles import is_office_staff
from common import once
from deputies.models import Delegation
from deputies.views._common import current_deputy
from duties import builders, points, selectors, services
from duties.forms import ActivityForm
from duties.models import ACTIVITY_KINDS, Activity
from duties.views._common import bounded_int, download, year_param
from proposals.errors import DomainError


def _record_context(request: HttpRequest, deputy, year: int) -> dict:
    record = points.duty_record(deputy_id=deputy.pk, year=year, until=min(timezone.localdate(), dt.date(year, 12, 31)))
    return {
        "deputy": deputy,
        "year": year,
        "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
        "record": record,
        "lines": [line for line in record.lines if line.count],
        "entries": record.entries,
        "activities": Activity.objects.filter(deputy=deputy, held_on__year=year).order_by("-held_on", "-id"),
        "can_edit": is_office_staff(request.user),
    }


@deputy_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    deputy = current_deputy(request)
    context = _record_context(request, deputy, year_param(request))
    return render(request, "duties/record.html", {**context, "own": True})


@deputy_required
@require_GET
def mine_pdf(request: HttpRequest) -> HttpResponse:
    deputy = current_deputy(request)
    return _record_pdf(deputy, year_param(request))


@leader_or_staff_required
@require_GET
def deputy_list(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    delegation_id = bounded_int(request.GET.get("delegation"))
    query = request.GET.get("q", "").strip()[:50]
    after_name = request.GET.get("after_name", "")[:50]
    after_id = bounded_int(request.GET.get("after_id"))
    after = (after_name, after_id) if after_id else None
    rows, more = selectors.deputies_page(delegation_id=delegation_id, query=query, after=after)
    until = min(timezone.localdate(), dt.date(year, 12, 31))
    totals = points.scores(year=year, until=until, deputy_ids=[d.pk for d in rows])
    table = []
    for d in rows:
        counts = totals.get(d.pk, {}).get("counts", {})
        table.append(
            {
                "deputy": d,
                "counts": counts,
                "activities": sum(counts.get(kind, 0) for kind in ACTIVITY_KINDS),
                "total": totals.get(d.pk, {}).get("total", points.ZERO),
            }
        )
    return render(
        request,
        "duties/list.html",
        {
            "year": year,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
            "delegations": Delegation.objects.order_by("name"),
            "delegation_id": delegation_id,
            "query": query,
            "table": table,
            "more": more,
            "last": rows[-1] if rows else None,
            "first_page": after is None,
        },
    )


@leader_or_staff_required
@require_GET
def deputy_record(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = selectors.deputy_for_record(request.user, pk)
    context = _record_context(request, deputy, year_param(request))
    return render(request, "duties/record.html", {**context, "own": False, "activity_form": ActivityForm()})


@leader_or_staff_required
@require_GET
def deputy_record_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = selectors.deputy_for_record(request.user, pk)
    return _record_pdf(deputy, year_param(request))


def _record_pdf(deputy, year: int) -> HttpResponse:
    record = points.duty_record(deputy_id=deputy.pk, year=year, until=min(timezone.localdate(), dt.date(year, 12, 31)))
    data = builders.record_pdf(deputy=deputy, record=record)
    return download(data, f"{deputy.name}{year}年度履职报告.pdf", "application/pdf")


@staff_required
@require_POST
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = selectors.deputy_for_record(request.user, pk)
    year = year_param(request)
    if done := once.replay(request):
        return done
    form = ActivityForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            once.create_once(
                request,
                lambda: services.activity_create(
                    by=request.user,
                    deputy=deputy,
                    kind=data["kind"],
                    held_on=data["held_on"],
                    title=data["title"],
                    evidence=data["evidence"],
                ),
                url=lambda activity: f"{reverse('duties:deputy', args=[deputy.pk])}?year={data['held_on'].year}",
                label=data["title"],
            )
        except once.Replayed:
            return once.replay(request)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "履职活动已记录，积分已按规则计入")
            return redirect(f"{reverse('duties:deputy', args=[deputy.pk])}?year={data['held_on'].year}")
    context = _record_context(request, deputy, year)
    return render(request, "duties/record.html", {**context, "own": False, "activity_form": form}, status=400)


@staff_required
@require_POST
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    deputy_id, year = activity.deputy_id, activity.held_on.year
    services.activity_delete(by=request.user, activity=activity)
    messages.success(request, "已删除该履职活动")
    return redirect(f"{reverse('duties:deputy', args=[deputy_id])}?year={year}")
