"""The workbench is for office staff only: deputies, unit handlers and leaders get 403, strangers the login page."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories as f

from .conftest import client_for

pytestmark = pytest.mark.django_db

PAGES = [
    ("workbench:list", False),
    ("workbench:export", False),
    ("workbench:export_list", False),
    ("workbench:key_list", False),
    ("workbench:create", False),
    ("workbench:detail", True),
    ("workbench:assign", True),
    ("workbench:adjustments", False),
    ("workbench:extensions", False),
    ("workbench:ledger_upload", False),
    ("workbench:ledger_template", False),
    ("workbench:search_deputies", False),
    ("workbench:search_units", False),
    ("workbench:search_proposals", False),
]

ACTIONS = [
    "workbench:register",
    "workbench:reject",
    "workbench:merge",
    "workbench:motion_decide",
    "workbench:assign",
    "workbench:close",
    "workbench:supervise",
    "workbench:key_supervision",
]


@pytest.fixture
def item(staff):
    return f.registered(staff=staff)


def _url(name, needs_item, item):
    return reverse(name, args=[item.pk]) if needs_item else reverse(name)


@pytest.mark.parametrize(("name", "needs_item"), PAGES)
def test_staff_open_every_workbench_page(staff_client, item, name, needs_item):
    assert staff_client.get(_url(name, needs_item, item)).status_code == 200


@pytest.mark.parametrize(("name", "needs_item"), PAGES)
@pytest.mark.parametrize("who", ["deputy", "unit", "leader"])
def test_deputies_units_and_leaders_are_refused_every_page(outsiders, item, name, needs_item, who):
    response = client_for(outsiders[who]).get(_url(name, needs_item, item))
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "needs_item"), PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(db, item, name, needs_item):
    response = Client().get(_url(name, needs_item, item))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ACTIONS)
@pytest.mark.parametrize("who", ["deputy", "unit", "leader"])
def test_outsiders_cannot_post_any_action(outsiders, item, name, who):
    before = (item.state, item.version)
    response = client_for(outsiders[who]).post(reverse(name, args=[item.pk]), {"version": item.version})
    assert response.status_code == 403
    item.refresh_from_db()
    assert (item.state, item.version) == before


def test_the_lead_deputy_of_an_item_is_refused_its_workbench_page_too(item):
    response = client_for(item.lead_deputy.user).get(reverse("workbench:detail", args=[item.pk]))
    assert response.status_code == 403


def test_staff_get_404_for_an_item_that_does_not_exist(staff_client):
    assert staff_client.get(reverse("workbench:detail", args=[999999])).status_code == 404


def test_the_staff_navigation_links_to_the_workbench_pages(staff_client):
    page = staff_client.get(reverse("workbench:list")).content.decode()
    for name in ("workbench:create", "workbench:key_list", "workbench:adjustments", "workbench:ledger_upload"):
        assert f'href="{reverse(name)}"' in page
