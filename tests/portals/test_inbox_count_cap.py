"""The 已答复 tab counts the unit's answered items up to a cap, so the count costs the same for any history."""

import pytest
from django.urls import reverse
from django.utils import timezone

from proposals.models import Assignment
from tests.portals.conftest import make_item
from units import selectors

pytestmark = pytest.mark.django_db


def test_more_answered_items_than_the_cap_show_as_the_cap_and_a_plus(client, monkeypatch):
    first, second, third = make_item(), make_item(), make_item()
    unit = first.lead_unit
    for item in (first, second, third):
        Assignment.objects.filter(pk=item.lead.pk).update(state="replied", replied_on=timezone.localdate(), unit=unit)
    client.force_login(first.lead_handler)
    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    page = client.get(reverse("unitportal:inbox") + "?tab=replied").content.decode()
    assert ">2+</span>" in page
    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    page = client.get(reverse("unitportal:inbox") + "?tab=replied").content.decode()
    assert ">3</span>" in page and "3+" not in page
