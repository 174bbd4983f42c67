"""The deputy portal's small row parts (an item's state, a due date with the days left), written in Python:
the deputy home draws them for every row, where an include costs a template each time."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from common.due_style import due_style

register = template.Library()

STATE_STYLES = {
    "closed": "text-bg-success",
    "replied": "text-bg-warning",
    "rehandling": "text-bg-danger",
    "assigned": "text-bg-primary",
    "handling": "text-bg-primary",
    "registered": "text-bg-info",
    "on_agenda": "text-bg-info",
    "submitted": "text-bg-info",
    "rejected": "text-bg-dark",
}
DEFAULT_NEAR = 15


@register.simple_tag
def state_badge(p) -> SafeString:
    """The item's state, with its round while it is being handled again (重新办理)."""
    text = p.get_state_display()
    if p.state == "rehandling":
        text = f"{text}（第{p.round}轮）"
    style = STATE_STYLES.get(p.state, "text-bg-secondary")
    return format_html('<span class="badge badge-state {}">{}</span>', style, text)


@register.simple_tag
def due(day: dt.date | None, days: int | None, label: str, near: int | None = None) -> SafeString:
    """「答复期限 2026-03-01」 and how many days are left (还剩N天, 今天到期, 已超期N天); nothing without a date."""
    if not day:
        return SafeString("")
    shown = format_html('<span class="text-nowrap">{} {}</span>', label, day.strftime("%Y-%m-%d"))
    if not isinstance(days, int):
        return shown
    limit = near if isinstance(near, int) and near else DEFAULT_NEAR
    if days < 0:
        text = f"（已超期{-days}天）"
    elif days == 0:
        text = "（今天到期）"
    else:
        text = f"（还剩{days}天）"
    return shown + format_html('\n<span class="{} text-nowrap">{}</span>', due_style(days, limit), text)
