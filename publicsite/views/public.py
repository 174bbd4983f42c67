"""The public pages (no login): search published items, and one item with its reply and promises done.

Anonymous traffic: each page is cached for a few minutes (the same address gives the same page), each
address is rate-limited, and items are reached only by their random slug, never by id.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit

from publicsite import selectors
from publicsite.forms import PublicSearchForm

CACHE_SECONDS = 300


def _rate(group, request) -> str:
    return settings.PUBLIC_PAGES_RATE


def _limited(request: HttpRequest) -> HttpResponse | None:
    if getattr(request, "limited", False):
        return render(request, "publicsite/limited.html", status=429)
    return None


@require_GET
@ratelimit(key="ip", rate=_rate, method="GET", block=False)
@cache_page(CACHE_SECONDS, key_prefix="public")
def search(request: HttpRequest) -> HttpResponse:
    if (limited := _limited(request)) is not None:
        return limited
    form = PublicSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    try:
        page = max(1, min(int(request.GET.get("page", "1")), 500))
    except ValueError:
        page = 1
    result = selectors.search(
        today=timezone.localdate(),
        year=data.get("year"),
        session=data.get("session"),
        unit=data.get("unit"),
        field=data.get("field", ""),
        text=data.get("q", ""),
        page=page,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "publicsite/search.html", {"form": form, "result": result, "query": query.urlencode()})


@require_GET
@ratelimit(key="ip", rate=_rate, method="GET", block=False)
@cache_page(CACHE_SECONDS, key_prefix="public")
def item(request: HttpRequest, slug: str) -> HttpResponse:
    if (limited := _limited(request)) is not None:
        return limited
    publication = selectors.publication_by_slug(slug=slug, today=timezone.localdate())
    return render(request, "publicsite/item.html", {"publication": publication, "p": publication.proposal})
