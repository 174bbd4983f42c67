"""The 优秀建议 panel on the staff item page: nominate, or see the nomination's status."""

from django import template

from duties.forms import NominationForm
from duties.models import ExcellentNomination
from proposals.models.proposal import EXCLUDED_STATES

register = template.Library()


@register.inclusion_tag("duties/_excellent_panel.html", takes_context=True)
def excellent_panel(context, proposal):
    nomination = ExcellentNomination.objects.filter(proposal=proposal).select_related("decided_by").first()
    return {
        "csrf_token": context.get("csrf_token"),
        "p": proposal,
        "nomination": nomination,
        "can_nominate": nomination is None and proposal.state not in EXCLUDED_STATES and proposal.submitted_on,
        "form": NominationForm(),
    }
