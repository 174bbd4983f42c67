import pytest
from django.urls import reverse

from duties import points, services
from duties.models import NominationStatus
from proposals.errors import ConflictError, DomainError
from tests import factories as f
from tests.duties.support import item

pytestmark = pytest.mark.django_db


def test_staff_nominate_leaders_decide_and_the_selected_item_brings_its_lead_the_bonus(client):
    staff, leader = f.staff_user(), f.leader_user()
    lead = f.deputy(name="甲")
    proposal = item(lead=lead)
    client.force_login(staff)
    client.post(reverse("duties:excellent_nominate", args=[proposal.pk]), {"reason": "办理成效显著"})
    nomination = proposal.excellent
    assert nomination.status == NominationStatus.NOMINATED

    client.force_login(leader)
    response = client.post(
        reverse("duties:excellent_decide", args=[nomination.pk]), {"decision": "select", "version": 0, "note": "同意"}
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SELECTED and nomination.decided_by == leader

    record = points.duty_record(deputy_id=lead.pk, year=2026)
    assert {line.rule.kind: line.count for line in record.lines if line.count} == {"lead": 1, "excellent": 1}
    assert record.total == 3 + 10

    listing = client.get(reverse("duties:excellent_xlsx"), {"year": 2026})
    assert listing.status_code == 200 and listing.content.startswith(b"PK")


def test_a_stale_decision_and_a_second_nomination_are_refused():
    staff = f.staff_user()
    proposal = item(lead=f.deputy())
    nomination = services.excellent_nominate(by=staff, proposal=proposal, reason="理由")
    stale = type(nomination).objects.get(pk=nomination.pk)
    services.excellent_decide(by=staff, nomination=nomination, selected=True)
    with pytest.raises(ConflictError):
        services.excellent_decide(by=staff, nomination=stale, selected=False)
    with pytest.raises(DomainError, match="已被推荐"):
        services.excellent_nominate(by=staff, proposal=proposal, reason="再次")


def test_deputies_and_units_cannot_nominate_or_decide(client):
    proposal = item(lead=f.deputy())
    nomination = services.excellent_nominate(by=f.staff_user(), proposal=proposal, reason="理由")
    for user in (proposal.lead_deputy.user, f.handler_of(f.unit())):
        client.force_login(user)
        assert client.post(reverse("duties:excellent_nominate", args=[proposal.pk]), {"reason": "x"}).status_code == 403
        assert (
            client.post(
                reverse("duties:excellent_decide", args=[nomination.pk]), {"decision": "select", "version": 0}
            ).status_code
            == 403
        )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED
