"""The deputy's home page: the items they lead or co-signed, and what awaits their rating."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.decorators import deputy_required
from deputies import selectors
from deputies.views._common import current_deputy

PAGE_SIZE = 20
TO_RATE_PREVIEW = 5


@deputy_required
def home(request: HttpRequest) -> HttpResponse:
    deputy = current_deputy(request)
    scope = request.GET.get("scope", "all")
    if scope not in selectors.SCOPES:
        scope = "all"
    counts = selectors.deputy_item_counts(deputy=deputy)
    today = timezone.localdate()
    cursor = selectors.ItemCursor.decode(request.GET.get("after"))
    wants_preview = scope != "to_rate" and counts["to_rate"]
    page, to_rate = selectors.deputy_page(
        deputy=deputy, scope=scope, cursor=cursor, size=PAGE_SIZE, preview=TO_RATE_PREVIEW if wants_preview else 0
    )
    page.rows = selectors.with_days_left(page.rows, today=today)
    to_rate = selectors.with_days_left(to_rate, today=today)
    tabs = [(key, label, counts[key]) for key, label in selectors.SCOPES.items()]
    invitations = selectors.open_invitations(deputy=deputy) if counts["invitations"] else []
    return render(
        request,
        "deputies/home.html",
        {
            "deputy": deputy,
            "scope": scope,
            "tabs": tabs,
            "counts": counts,
            "page": page,
            "to_rate": to_rate,
            "invitations": invitations,
            "today": today,
            "count_cap": selectors.COUNT_CAP,
        },
    )
