from django import template

register = template.Library()

SITE_NAME = "议案建议办理平台"


@register.filter
def page_title(text: str) -> str:
    """ "交办 0047" → "交办 0047 · 议案建议办理平台"; an empty title is just the site's name."""
    text = " ".join(str(text).split())
    return f"{text} · {SITE_NAME}" if text else SITE_NAME
