"""The public pages' cache: every page is kept for a few minutes under the current generation's key, and a
withdrawal starts a new generation, so a withdrawn item leaves every cached page at once.

The rate limit is checked before the cache: a visitor over the limit gets the 429 page even for an
address that is cached.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_page
from django_ratelimit.decorators import ratelimit

CACHE_SECONDS = 300
GENERATION_KEY = "publicsite:generation"


def _rate(group, request) -> str:
    return settings.PUBLIC_PAGES_RATE


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def forget_pages() -> None:
    """After the current transaction commits: drop every cached public page (a new generation)."""

    def bump() -> None:
        generation()
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # evicted in between: any new value is a new generation
            cache.set(GENERATION_KEY, 1, timeout=None)

    transaction.on_commit(bump)


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Rate-limited per address (one allowance for all the public pages), then cached under the current
    generation."""

    cached: dict[int, Callable[..., HttpResponse]] = {}

    @wraps(view)
    @ratelimit(group="publicsite.pages", key="ip", rate=_rate, method="GET", block=False)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if getattr(request, "limited", False):
            return render(request, "publicsite/limited.html", status=429)
        gen = generation()
        if gen not in cached:
            cached.clear()
            cached[gen] = cache_page(CACHE_SECONDS, key_prefix=f"public.{gen}")(view)
        return cached[gen](request, *args, **kwargs)

    return wrapped
