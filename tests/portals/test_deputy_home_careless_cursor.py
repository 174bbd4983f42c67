"""A hand-edited page cursor on the deputy home gives a page, never an error, whatever its values."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "after",
    ["", "garbage", "9999-x-4611686018427387000", "1-20260101-1", "2026-99999999-5", "2026-20260101-" + "9" * 40],
)
def test_a_careless_cursor_shows_a_page_of_the_deputys_own_items(client, after):
    lead = factories.deputy(name="王代表")
    factories.registered(lead=lead, title="关于本人的建议")
    other = factories.registered(title="关于别人的建议")
    client.force_login(lead.user)
    response = client.get(reverse("deputy:home"), {"after": after})
    assert response.status_code == 200
    assert other.title not in response.content.decode()
