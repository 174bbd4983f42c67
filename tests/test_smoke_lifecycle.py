import pytest

from proposals import services
from proposals.models import Assignment
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_an_item_goes_from_draft_to_closed_through_a_second_round():
    staff = f.staff_user()
    lead_unit, co_unit = f.unit(), f.unit()
    p = f.assigned(staff=staff, mode="lead_co", units=[lead_unit], co=[co_unit])
    assert p.state == "assigned"
    lead = Assignment.objects.get(proposal=p, unit=lead_unit)
    co = Assignment.objects.get(proposal=p, unit=co_unit)
    services.assignment_sign(assignment=lead, by=f.handler_of(lead_unit))
    services.assignment_sign(assignment=co, by=f.handler_of(co_unit))
    p.refresh_from_db()
    assert p.state == "handling"
    services.opinion_send(assignment=co, by=f.handler_of(co_unit), body="同意主办单位意见")
    services.reply_submit(
        assignment=lead, by=f.handler_of(lead_unit), category="B", **f.reply_rules("B"), body="正在推进"
    )
    p.refresh_from_db()
    assert p.state == "replied"
    services.evaluation_submit(
        proposal=p,
        by=p.lead_deputy.user,
        deputy=p.lead_deputy,
        attitude="satisfied",
        result="unsatisfied",
        reason="进度太慢",
    )
    p.refresh_from_db()
    assert (p.state, p.round) == ("rehandling", 2)
    lead.refresh_from_db()
    services.reply_submit(assignment=lead, by=f.handler_of(lead_unit), category="A", body="已解决")
    p.refresh_from_db()
    assert p.state == "replied"
    services.evaluation_submit(
        proposal=p, by=p.lead_deputy.user, deputy=p.lead_deputy, attitude="satisfied", result="satisfied"
    )
    p.refresh_from_db()
    assert p.state == "closed"
