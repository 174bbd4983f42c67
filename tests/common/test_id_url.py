"""Links from lists built from the id match ``reverse`` exactly, under any script prefix."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import engines
from django.urls import NoReverseMatch, reverse, set_script_prefix

from common.urls import id_url


@pytest.mark.parametrize("name", ["unitportal:assignment", "deputy:detail", "deputy:rate", "workbench:detail"])
@pytest.mark.parametrize("pk", [1, 47, 2**40])
def test_a_link_from_the_id_is_what_reverse_gives(name, pk):
    assert id_url(name, pk) == reverse(name, args=[pk])


def test_a_link_follows_the_script_prefix_of_a_site_mounted_under_a_path():
    try:
        set_script_prefix("/npc/")
        assert id_url("deputy:detail", 5) == reverse("deputy:detail", args=[5]) == "/npc/deputy/items/5/"
    finally:
        set_script_prefix("/")


def test_the_filter_writes_the_link_in_any_template():
    rendered = engines["django"].from_string("{{ pk|id_url:'unitportal:assignment' }}").render({"pk": 9})
    assert rendered == reverse("unitportal:assignment", args=[9])


def test_a_page_that_does_not_take_one_id_is_refused():
    with pytest.raises((ImproperlyConfigured, NoReverseMatch)):
        id_url("workbench:list", 1)
