from __future__ import annotations

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

MAX_ID = 2**31 - 1


def bounded_int(value, *, low: int = 1, high: int = MAX_ID) -> int | None:
    """A request value as a bounded positive integer, or None when it is missing or not one."""
    if value is None:
        return None
    text = str(value).strip()
    if not text.isdigit() or len(text) > 10:
        return None
    number = int(text)
    return number if low <= number <= high else None


def year_param(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    return bounded_int(request.GET.get("year") or request.POST.get("year"), low=2000, high=this_year + 1) or this_year


def download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
