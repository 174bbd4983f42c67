"""Who may open which portal page: grants and denials."""

import pytest
from django.urls import reverse

from proposals import services
from proposals.models import Evaluation
from tests import factories as f
from tests.portals.conftest import make_item

pytestmark = pytest.mark.django_db


def deputy_pages(item):
    pk = item.proposal.pk
    return [
        reverse("deputy:home"),
        reverse("deputy:create"),
        reverse("deputy:detail", args=[pk]),
        reverse("deputy:deputy_search") + "?q=代表",
    ]


def unit_pages(item):
    return [
        reverse("unitportal:inbox"),
        reverse("unitportal:assignment", args=[item.lead.pk]),
        reverse("unitportal:unit_search") + "?q=局",
    ]


def test_anonymous_visitors_are_sent_to_the_login_page(client, item):
    for url in deputy_pages(item) + unit_pages(item):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url


def test_staff_and_leaders_get_403_on_both_portals(client, item):
    for user in (f.staff_user(), f.leader_user()):
        client.force_login(user)
        for url in deputy_pages(item) + unit_pages(item):
            assert client.get(url).status_code == 403, url


def test_a_deputy_cannot_open_the_unit_portal_and_a_unit_cannot_open_the_deputy_portal(client, item):
    client.force_login(item.deputy.user)
    for url in unit_pages(item):
        assert client.get(url).status_code == 403, url
    client.force_login(item.lead_handler)
    for url in deputy_pages(item):
        assert client.get(url).status_code == 403, url


def test_the_lead_deputy_and_a_co_signer_can_read_the_item(client, item):
    for user in (item.deputy.user, item.cosigner.user):
        client.force_login(user)
        response = client.get(reverse("deputy:detail", args=[item.proposal.pk]))
        assert response.status_code == 200
        assert item.proposal.title in response.content.decode()


def test_deputy_a_cannot_open_deputy_b_item_by_url(client, item):
    other = make_item(title="关于增设社区养老服务站的建议")
    client.force_login(item.deputy.user)
    pk = other.proposal.pk
    assert client.get(reverse("deputy:detail", args=[pk])).status_code == 404
    assert client.get(reverse("deputy:rate", args=[pk])).status_code == 404
    assert client.get(reverse("deputy:edit", args=[pk])).status_code == 404
    assert client.post(reverse("deputy:withdraw", args=[pk]), {"version": 0}).status_code == 404
    assert client.post(reverse("deputy:meeting", args=[pk]), {"message": "想见面"}).status_code == 404
    home = client.get(reverse("deputy:home")).content.decode()
    assert other.proposal.title not in home
    assert item.proposal.title in home


def test_a_co_signer_can_see_the_reply_but_cannot_give_the_rating_of_record(client, replied_item):
    item = replied_item
    client.force_login(item.cosigner.user)
    page = client.get(reverse("deputy:detail", args=[item.proposal.pk])).content.decode()
    assert "已列入今年计划" in page
    assert reverse("deputy:rate", args=[item.proposal.pk]) not in page
    assert "本件的评价结果以领衔代表" in page  # a co-signer rates apart (co_rate), not the rating of record
    response = client.post(
        reverse("deputy:rate", args=[item.proposal.pk]),
        {"version": item.proposal.version, "attitude": "satisfied", "result": "satisfied"},
    )
    assert response.status_code == 403
    item.proposal.refresh_from_db()
    assert item.proposal.state == "replied"
    assert not Evaluation.objects.filter(proposal=item.proposal).exists()


def test_a_unit_cannot_see_or_act_on_another_units_assignment(client, item):
    other = make_item(title="关于增设社区养老服务站的建议")
    client.force_login(item.lead_handler)
    pk = other.lead.pk
    assert client.get(reverse("unitportal:assignment", args=[pk])).status_code == 404
    assert client.post(reverse("unitportal:sign", args=[pk]), {"version": other.lead.version}).status_code == 404
    assert (
        client.post(reverse("unitportal:contact", args=[pk]), {"method": "phone", "contacted_on": "2026-03-02"})
    ).status_code == 404
    other.lead.refresh_from_db()
    assert other.lead.state == "pending_sign"
    inbox = client.get(reverse("unitportal:inbox") + "?tab=pending").content.decode()
    assert other.proposal.title not in inbox
    assert item.proposal.title in inbox


def test_the_co_unit_of_an_item_cannot_open_the_lead_units_assignment(client, item):
    client.force_login(item.co_handler)
    assert client.get(reverse("unitportal:assignment", args=[item.lead.pk])).status_code == 404
    assert client.get(reverse("unitportal:assignment", args=[item.co.pk])).status_code == 200


def test_a_unit_cannot_see_or_act_on_an_item_it_handed_back(client, item):
    services.adjustment_request(assignment=item.co, by=item.co_handler, reason="不属于本单位职责")
    request = item.co.adjustment_requests.get()
    services.adjustment_approve(request=request, by=item.staff, note="同意")
    client.force_login(item.co_handler)
    assert client.get(reverse("unitportal:assignment", args=[item.co.pk])).status_code == 404
    assert client.post(reverse("unitportal:sign", args=[item.co.pk]), {"version": 99}).status_code == 404
    for tab in ("pending", "handling", "near", "overdue", "replied"):
        assert item.proposal.title not in client.get(reverse("unitportal:inbox") + f"?tab={tab}").content.decode()
