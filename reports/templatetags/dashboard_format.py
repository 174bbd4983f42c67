"""Template filters that write the report's figures the way the dashboard shows them."""

from django import template

from reports.charts import NULL_TEXT, format_rate

register = template.Library()


@register.filter
def rate(value) -> str:
    """A rate (0..1) as a percentage, "—" when it is null (nothing to divide by)."""
    return format_rate(value)


@register.filter
def rate_width(value) -> str:
    """A rate as a CSS width percentage for a progress bar ("0" when null)."""
    if value is None:
        return "0"
    return f"{min(max(float(value), 0.0), 1.0) * 100:.2f}"


@register.filter
def rate_step(value) -> int:
    """A rate as a whole percentage 0–100, for the progress bar's ``bar-w-N`` class (0 when null)."""
    if value is None:
        return 0
    return round(min(max(float(value), 0.0), 1.0) * 100)


@register.filter
def count(value) -> str:
    """A count, "—" when missing."""
    return NULL_TEXT if value is None else str(value)
