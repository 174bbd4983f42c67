"""The unit's inbox: 待签收 / 办理中 / 临期 / 超期 / 已答复, with counts and keyset pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.decorators import unit_required
from units import selectors
from units.views._common import current_unit


@unit_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    unit = current_unit(request)
    today = timezone.localdate()
    near = selectors.near_days()
    counts = selectors.inbox_counts(unit=unit, today=today, near=near)
    tab = request.GET.get("tab")
    if tab not in selectors.TABS:
        tab = "pending" if counts["pending"] else "handling"
    cursor = selectors.Cursor.decode(request.GET.get("after"))
    page = selectors.inbox_page(unit=unit, tab=tab, today=today, near=near, cursor=cursor)
    return render(
        request,
        "units/inbox.html",
        {
            "unit": unit,
            "tab": tab,
            "tabs": [(key, label, counts[key]) for key, label in selectors.TABS.items()],
            "page": page,
            "today": today,
            "near_days": near,
            "count_cap": selectors.COUNT_CAP,
        },
    )
