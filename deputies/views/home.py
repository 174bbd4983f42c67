"""The deputy's home page: the items they lead or co-signed, and what awaits their rating."""

from __future__ import annotations

from django.core.paginator import Paginator
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
    page = Paginator(selectors.deputy_items(deputy=deputy, scope=scope), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_days_left(page.object_list, today=today)
    to_rate = []
    if scope != "to_rate" and counts["to_rate"]:
        to_rate = selectors.with_days_left(
            selectors.deputy_items(deputy=deputy, scope="to_rate")[:TO_RATE_PREVIEW], today=today
        )
    tabs = [(key, label, counts[key]) for key, label in selectors.SCOPES.items()]
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
            "today": today,
        },
    )
