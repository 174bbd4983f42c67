"""The 优秀建议 panel on the staff item page: nominate, or see the nomination's status."""

from django import template

from duties.forms import NominationForm
from proposals.models.proposal import EXCLUDED_STATES

register = template.Library()


@register.inclusion_tag("duties/_excellent_panel.html", takes_context=True)
def excellent_panel(context, proposal):
    nomination = getattr(proposal, "excellent", None)  # read with the item by ``proposal_for_user``
    return {
        "csrf_token": context.get("csrf_token"),
        "p": proposal,
        "nomination": nomination,
        "can_nominate": nomination is None and proposal.state not in EXCLUDED_STATES and proposal.submitted_on,
        "form": NominationForm(),
    }


@register.simple_tag
def unit_score_formula() -> str:
    """The 承办单位考核 formula with the office's current weights, in words (for the year-end report)."""
    from duties.models import UnitAssessmentRule

    rule = UnitAssessmentRule.objects.order_by("pk").first() or UnitAssessmentRule()

    def n(value) -> str:
        return f"{value.normalize():f}"

    return (
        f"得分 = 100 ×（按期签收率×{n(rule.sign_on_time_weight)} + 按期答复率×{n(rule.on_time_weight)} + "
        f"见面率×{n(rule.face_to_face_weight)} + 满意率×{n(rule.satisfaction_weight)}）÷ 权重合计 − "
        f"答复被退回件数×{n(rule.returned_reply_penalty)} − 落实事项逾期项数×{n(rule.overdue_followup_penalty)}；"
        "无分母的比率连同其权重不计，得分不低于0；主办件不足5件的单位不排名，得分相同者名次相同。"
    )
