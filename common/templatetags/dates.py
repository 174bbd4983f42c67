"""``|ymd``: a date as 2026-12-04, the way ``|date:"Y-m-d"`` writes it, without Django's format machinery.

Lists draw several dates on every row; the general ``date`` filter looks its format up through the active
language on each call, which costs several times more than writing the three numbers. Loaded for every
template (``TEMPLATES["OPTIONS"]["builtins"]``). Aware datetimes are shown in the site's time zone.
"""

from __future__ import annotations

import datetime as dt

from django import template

register = template.Library()


@register.filter(expects_localtime=True)
def ymd(value) -> str:
    """``YYYY-MM-DD`` of a date or a datetime (in local time); ``""`` for anything else, as ``date`` does."""
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return ""
