"""The unit portal's small row parts (an assignment's state, the days to a deadline), written in Python:
the inbox draws them twice for each of its rows (table and phone list), where an include costs a template."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from common.due_style import due_style

register = template.Library()

STATE_STYLES = {
    "pending_sign": "text-bg-warning",
    "handling": "text-bg-primary",
    "replied": "text-bg-success",
    "opinion_sent": "text-bg-success",
    "withdrawn": "text-bg-secondary",
}


@register.simple_tag
def assignment_badge(a) -> SafeString:
    """The assignment's state, and its round when it is being handled again."""
    badge = format_html(
        '<span class="badge badge-state {}">{}</span>', STATE_STYLES.get(a.state, "text-bg-info"), a.get_state_display()
    )
    if a.round > 1:
        badge += format_html(' <span class="badge text-bg-danger">第{}轮 重新办理</span>', a.round)
    return badge


@register.simple_tag
def days_left(days: int, near: int | None, what: str = "") -> SafeString:
    """超期N天 / 今天到期 / 剩N天, coloured by how near the deadline is; ``what`` names it in the hover text."""
    style = due_style(days, near)
    if days < 0:
        text, title = f"超期{-days}天", f"{what}已过"
    elif days == 0:
        text, title = "今天到期", what
    else:
        text, title = f"剩{days}天", f"距{what}"
    if not what:
        return format_html('<span class="{} text-nowrap">{}</span>', style, text)
    return format_html('<span class="{} text-nowrap" title="{}">{}</span>', style, title, text)
