from django import template

from notifications.services import unread_count

register = template.Library()


@register.simple_tag
def unread_notification_count(user) -> int:
    """The number of unread notifications of ``user`` (one indexed COUNT)."""
    return unread_count(user)
