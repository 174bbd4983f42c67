"""The 民意池 figures page: per station, deputy and field, and receptions against the office's minimum,
read from the snapshots ``opinions.figure_snapshots`` builds in the background."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.decorators import _role_required
from accounts.roles import committee_of
from opinions import access, figure_snapshots

figures_required = _role_required(access.may_read_figures, "仅工作人员、领导和专门委员会可以查看")


def _int(text: str | None, default: int, low: int, high: int) -> int:
    return int(text) if text and text.isdigit() and low <= int(text) <= high else default


@figures_required
@require_GET
def figures_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year = _int(request.GET.get("year"), today.year, 2000, today.year)
    quarter = _int(request.GET.get("quarter"), (today.month - 1) // 3 + 1 if year == today.year else 4, 1, 4)
    committee = committee_of(request.user)
    fields = access.committee_fields(committee) if committee is not None else None
    if fields is not None and not fields:
        raise PermissionDenied("本委员会尚未设置领域")
    shown = figure_snapshots.figures_page(year=year, quarter=quarter, fields=fields)
    return render(
        request,
        "opinions/figures.html",
        {
            "year": year,
            "quarter": quarter,
            "years": list(range(today.year, today.year - 5, -1)),
            "committee": committee,
            "today": today,
            **shown,
            "built_at": timezone.localtime(shown["built_at"]),
        },
    )
