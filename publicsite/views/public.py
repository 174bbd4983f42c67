"""The public pages (no login): search published items, and one item with its reply and promises done.

Anonymous traffic: each address is rate-limited, each page is cached for a few minutes (the same address
gives the same page; a withdrawal drops them all, see ``publicsite.caching``), and items are reached only by
their random slug, never by id.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from publicsite import selectors
from publicsite.caching import public_page
from publicsite.forms import PublicSearchForm


@require_GET
@public_page
def search(request: HttpRequest) -> HttpResponse:
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
@public_page
def item(request: HttpRequest, slug: str) -> HttpResponse:
    publication = selectors.publication_by_slug(slug=slug, today=timezone.localdate())
    return render(request, "publicsite/item.html", {"publication": publication, "p": publication.proposal})
