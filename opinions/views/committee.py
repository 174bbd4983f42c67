"""The committee's pages: analysis across the opinions of its fields, its suggestions, its supervision."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import committee_required
from accounts.roles import committee_of
from opinions import access, figure_snapshots, figures, selectors, services, topics
from opinions.models import Opinion, SuggestionSupervision
from proposals.errors import DomainError
from proposals.models import Proposal
from proposals.models.proposal import EXCLUDED_STATES
from proposals.selectors import proposal_detail_related


def _period(request: HttpRequest) -> tuple[dt.date, dt.date, int | None]:
    today = timezone.localdate()
    year = request.GET.get("year", "")
    if year.isdigit() and 2000 <= int(year) <= today.year:
        y = int(year)
        return dt.date(y, 1, 1), min(dt.date(y, 12, 31), today), y
    return today - dt.timedelta(days=365), today, None


@committee_required
@require_GET
def committee_home(request: HttpRequest) -> HttpResponse:
    committee = committee_of(request.user)
    fields = access.committee_fields(committee)
    start, end, year = _period(request)
    qs = figures.period_opinions(start=start, end=end, fields=fields)
    analysis = figure_snapshots.committee_analysis(start=start, end=end, fields=fields)
    return render(
        request,
        "opinions/committee.html",
        {
            "committee": committee,
            "fields": fields,
            "start": start,
            "end": end,
            "year": year,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 5, -1)),
            **analysis,
            "built_at": timezone.localtime(analysis["built_at"]),
            "today": timezone.localdate(),
            "topics": topics.recurring_topics(qs),
            "supervised": list(
                Opinion.objects.filter(supervised_by=committee).select_related("station").order_by("-received_on")[:20]
            ),
            "supervised_suggestions": list(
                SuggestionSupervision.objects.filter(committee=committee).select_related("proposal")[:50]
            ),
        },
    )


def committee_suggestions_qs(committee):
    return (
        Proposal.objects.filter(field__in=access.committee_fields(committee))
        .exclude(state__in=EXCLUDED_STATES)
        .select_related("lead_deputy", "session", "committee_supervision__committee")
    )


@committee_required
@require_GET
def committee_suggestions(request: HttpRequest) -> HttpResponse:
    committee = committee_of(request.user)
    cursor = selectors.Cursor.decode(request.GET.get("after"))
    page = selectors.keyset(
        committee_suggestions_qs(committee).exclude(submitted_on__isnull=True), date_field="submitted_on", cursor=cursor
    )
    return render(request, "opinions/committee_suggestions.html", {"committee": committee, "page": page})


@committee_required
@require_GET
def committee_suggestion(request: HttpRequest, pk: int) -> HttpResponse:
    committee = committee_of(request.user)
    proposal = committee_suggestions_qs(committee).filter(pk=pk).first()
    if proposal is None:
        raise Http404("未找到该建议，或不属于本委员会的领域")
    return render(
        request,
        "opinions/committee_suggestion.html",
        {
            "committee": committee,
            "proposal": proposal,
            "related": proposal_detail_related(proposal),
            "supervision": getattr(proposal, "committee_supervision", None),
            "source_opinions": list(proposal.source_opinions.select_related("station").order_by("received_on")),
        },
    )


@committee_required
@require_POST
def supervise_suggestion(request: HttpRequest, pk: int) -> HttpResponse:
    committee = committee_of(request.user)
    proposal = committee_suggestions_qs(committee).filter(pk=pk).first()
    if proposal is None:
        messages.error(request, "未找到该建议，或不属于本委员会的领域")
        return redirect("opinions:committee_suggestions")
    supervise = request.POST.get("supervise") != "0"
    try:
        services.committee_supervise_suggestion(
            proposal=proposal, by=request.user, note=request.POST.get("note", ""), supervise=supervise
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已列入本委员会督办" if supervise else "已结束本委员会督办")
    return redirect("opinions:committee_suggestion", pk=proposal.pk)


@committee_required
@require_POST
def supervise_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = access.opinion_for_user(request.user, pk)
    supervise = request.POST.get("supervise") != "0"
    try:
        services.committee_supervise_opinion(opinion=opinion, by=request.user, supervise=supervise)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已列入本委员会督办" if supervise else "已结束本委员会督办")
    return redirect("opinions:detail", pk=opinion.pk)
