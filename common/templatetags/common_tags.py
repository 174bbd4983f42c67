from django import template

register = template.Library()

SITE_NAME = "议案建议办理平台"


@register.filter
def page_title(text: str, site: str = SITE_NAME) -> str:
    """ "交办 0047" → "交办 0047 · 议案建议办理平台"; an empty title is just the site's name."""
    text = " ".join(str(text).split())
    return f"{text} · {site}" if text else site


@register.simple_tag
def form_token():
    """The hidden one-time token of a create form (see ``common.once``)."""
    from django.utils.html import format_html

    from common.once import FIELD, new_token

    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
