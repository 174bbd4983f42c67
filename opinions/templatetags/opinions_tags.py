from django import template

register = template.Library()

CARD_LABELS = (
    ("received", "收到意见"),
    ("answered", "直接答复"),
    ("referred", "转交办理"),
    ("suggested", "转为建议"),
    ("fed_back", "已反馈群众"),
    ("median_days", "首次处置天数（中位数）"),
)


@register.simple_tag
def totals_cards(totals: dict) -> list[tuple[str, object]]:
    return [(label, totals.get(key)) for key, label in CARD_LABELS]


@register.filter
def bar_width(value, top) -> int:
    """A bar's width in percent steps of 5, for the CSS classes ``op-bar-w{n}`` (no inline styles)."""
    if not top:
        return 0
    return max(5, round(value * 20 / top) * 5) if value else 0


@register.simple_tag
def source_opinions(proposal) -> list:
    """The citizens' opinions a suggestion was drafted from (one query), for the suggestion's pages."""
    from opinions.models import Opinion

    return list(Opinion.objects.filter(suggestion=proposal).select_related("station").order_by("received_on", "id"))


@register.simple_tag
def supervising_committee(proposal):
    """The suggestion's 专门委员会督办 mark, or None (read with the item by ``proposal_for_user``)."""
    return getattr(proposal, "committee_supervision", None)


@register.simple_tag
def committee_form(proposal, mark):
    """The office's form for the suggestion's supervising committee, or None where it cannot carry one."""
    from opinions.forms import SuggestionCommitteeForm
    from proposals.models.proposal import EXCLUDED_STATES

    if not proposal.is_suggestion_track or proposal.state in EXCLUDED_STATES:
        return None
    initial = {"committee": mark.committee_id, "note": mark.note} if mark else {}
    return SuggestionCommitteeForm(initial=initial)
