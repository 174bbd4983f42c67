"""The deputy's tabs count the deputy's items up to a cap, so the counts cost the same for any history."""

import pytest
from django.urls import reverse

from deputies import selectors
from tests import factories

pytestmark = pytest.mark.django_db


def test_more_led_items_than_the_cap_show_as_the_cap_and_a_plus(client, monkeypatch):
    lead = factories.deputy(name="王代表")
    for n in range(3):
        factories.registered(lead=lead, title=f"关于第{n}件事的建议")
    client.force_login(lead.user)
    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    page = client.get(reverse("deputy:home")).content.decode()
    assert page.count(">2+</span>") == 2  # 全部 and 我领衔的
    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    page = client.get(reverse("deputy:home")).content.decode()
    assert page.count(">3</span>") == 2 and "3+" not in page
