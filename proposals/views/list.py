"""The list of all items, its two Excel exports (the list as shown, and the 台账) and the 重点督办 list."""

from __future__ import annotations

import io
from urllib.parse import quote

from django.contrib import messages
from django.core.cache import cache
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from accounts.decorators import staff_required
from ledger.services import ledger_export
from proposals.choices import Role
from proposals.forms import ListFilterForm
from proposals.list_export import ExportHeading, list_export
from proposals.models import Proposal, SupervisionAction
from proposals.selectors_filters import ListFilters, filtered_proposals, with_list_related

from ._common import proposal_clock, today
from ._paging import bounded_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_MAX_ROWS = 100_000


def _filters(request: HttpRequest) -> tuple[ListFilterForm, ListFilters]:
    form = ListFilterForm(request.GET or None)
    filters = form.to_filters() if form.is_bound else ListFilters()
    return form, filters


def _decorate(rows: list[Proposal]) -> list[Proposal]:
    """Attach what a list row shows: the clock and the units by role."""
    on = today()
    for p in rows:
        p.clock = proposal_clock(p, today=on)
        live = getattr(p, "live_assignments", [])
        p.answering_units = [a.unit for a in live if a.role != Role.CO]
        p.co_units = [a.unit for a in live if a.role == Role.CO]
    return rows


def _known_fields() -> list[str]:
    """The fields (领域) in use, for the filter's suggestions; cached, the list is short and slow-moving."""

    def load():
        qs = Proposal.objects.exclude(field="").order_by("field").values_list("field", flat=True).distinct()
        return list(qs[:300])

    return cache.get_or_set("workbench:known-fields", load, 600)


@staff_required
@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    qs = with_list_related(filtered_proposals(filters, today=today()))
    page = bounded_page(qs, request.GET.get("page"))
    _decorate(page.rows)
    active = sum(
        bool(v)
        for v in (
            filters.session_id,
            filters.kind,
            filters.state,
            filters.unit_id,
            filters.field,
            filters.delegation_id,
            filters.key_supervision,
            filters.near_due,
            filters.overdue,
            filters.unsatisfied,
            filters.q,
        )
    )
    return render(
        request,
        "proposals/list.html",
        {
            "form": form,
            "page": page,
            "sort": filters.sort,
            "active_filters": active,
            "known_fields": _known_fields(),
            "export_limit": EXPORT_MAX_ROWS,
        },
    )


def _refused(request: HttpRequest, form: ListFilterForm, qs) -> HttpResponse | None:
    """Back to the list with a message when the filters are wrong or the file would be too long."""
    url = reverse("workbench:list")
    if form.is_bound and form.errors:
        messages.error(request, "筛选条件有误，未导出。请修正筛选条件后再导出")
        return redirect(f"{url}?{request.GET.urlencode()}")
    if qs.order_by()[: EXPORT_MAX_ROWS + 1].count() > EXPORT_MAX_ROWS:
        messages.error(request, f"导出结果超过{EXPORT_MAX_ROWS:,}条，请缩小筛选范围后再导出")
        return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)
    return None


def _xlsx(content: bytes, *, ascii_name: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return response


@staff_required
@require_GET
def proposal_list_export(request: HttpRequest) -> HttpResponse:
    """The list exactly as shown (same filters, rows and order), its columns and a heading naming the filters."""
    form, filters = _filters(request)
    on = today()
    qs = filtered_proposals(filters, today=on)
    refused = _refused(request, form, qs)
    if refused:
        return refused
    buffer = io.BytesIO()
    heading = ExportHeading(filters=form.described(), sort=form.sort_described(), made_on=on)
    list_export(proposals=qs, heading=heading, output=buffer)
    return _xlsx(buffer.getvalue(), ascii_name="list.xlsx", filename=f"议案建议列表_{on:%Y%m%d}.xlsx")


@staff_required
@require_GET
def proposal_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as a 台账 workbook in the contract's columns."""
    form, filters = _filters(request)
    qs = filtered_proposals(filters, today=today())
    refused = _refused(request, form, qs)
    if refused:
        return refused
    buffer = io.BytesIO()
    ledger_export(proposals=qs, output=buffer)
    return _xlsx(buffer.getvalue(), ascii_name="ledger.xlsx", filename=f"议案建议台账_{today():%Y%m%d}.xlsx")


@staff_required
@require_GET
def key_supervision_list(request: HttpRequest) -> HttpResponse:
    """重点督办件: who chose them, who supervises, their clock and the supervision steps so far."""
    actions = (
        SupervisionAction.objects.filter(proposal=OuterRef("pk"))
        .order_by()
        .values("proposal")
        .annotate(c=Count("id"))
        .values("c")
    )
    qs = with_list_related(
        filtered_proposals(ListFilters(key_supervision=True, sort="due"), today=today())
        .select_related("key_supervision_by")
        .annotate(actions_count=Subquery(actions, output_field=IntegerField()))
    )
    page = bounded_page(qs, request.GET.get("page"))
    _decorate(page.rows)
    return render(request, "proposals/key_list.html", {"page": page})
