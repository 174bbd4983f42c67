"""The deputy home pages through the deputy's items newest first, by keyset."""

import re

import pytest
from django.urls import reverse

from proposals.models import Proposal
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_deputy_home_pages_newest_first_and_the_next_page_continues_where_the_first_ended(client):
    deputy = f.deputy()
    items = [f.proposal(lead=deputy, title=f"关于第{i:02d}号事项的建议") for i in range(25)]
    client.force_login(deputy.user)
    first = client.get(reverse("deputy:home")).content.decode()
    assert items[24].title in first and items[5].title in first and items[4].title not in first
    after = re.search(r'href="\?scope=all&after=([\w-]+)"', first).group(1)
    second = client.get(reverse("deputy:home") + f"?scope=all&after={after}").content.decode()
    assert [t for t in (i.title for i in items) if t in second] == [i.title for i in items[:5]]
    assert "回到第一页" in second and "下一页" not in second


def test_a_co_signer_does_not_see_the_leads_unsent_draft_but_sees_it_once_submitted(client):
    lead, partner = f.deputy(), f.deputy()
    draft = f.proposal(lead=lead, title="关于尚未提交的事项的建议")
    draft.co_signers.add(partner)
    client.force_login(partner.user)
    page = client.get(reverse("deputy:home") + "?scope=cosigned").content.decode()
    assert draft.title not in page and '我附议的 <span class="badge text-bg-light">0</span>' in page
    Proposal.objects.filter(pk=draft.pk).update(state="submitted")
    page = client.get(reverse("deputy:home") + "?scope=cosigned").content.decode()
    assert draft.title in page


def test_a_malformed_cursor_shows_the_first_page(client):
    deputy = f.deputy()
    item = f.proposal(lead=deputy)
    client.force_login(deputy.user)
    for raw in ("abc", "9" * 40, "-3", "2026-x-" + "9" * 30, "2026-20261399-5"):
        page = client.get(reverse("deputy:home") + f"?after={raw}").content.decode()
        assert item.title in page
