"""A deputy's unsent draft belongs to its deputy until it is submitted: the office, leaders, units and
co-signers cannot open it, act on it or find it; once submitted the office sees it as usual."""

from __future__ import annotations

import pytest
from django.urls import reverse

from proposals import services
from proposals.selectors import proposal_for_user, visible_proposals
from tests import factories as f

from .fixtures_input import _clock, _staff, _staff_client, client_for  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.fixture
def draft(db):
    p = f.proposal(title="关于尚未提交的草稿的建议")
    p.co_signers.add(f.deputy())
    return p


def test_staff_get_404_on_a_deputys_draft(staff_client, draft):
    assert staff_client.get(reverse("workbench:detail", args=[draft.pk])).status_code == 404


def test_a_superuser_in_the_workbench_gets_404_on_a_draft_too(draft):
    admin = f.user(is_superuser=True, is_staff=True)
    assert client_for(admin).get(reverse("workbench:detail", args=[draft.pk])).status_code == 404


def test_staff_cannot_act_on_a_draft(staff_client, draft):
    response = staff_client.post(reverse("workbench:register", args=[draft.pk]), {"version": draft.version})
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_a_draft_is_in_no_staff_list_search_or_export(staff_client, draft):
    assert "尚未提交的草稿" not in staff_client.get(reverse("workbench:list")).content.decode()
    listed = staff_client.get(reverse("workbench:list"), {"q": "尚未提交"}).content.decode()
    assert "尚未提交的草稿" not in listed
    found = staff_client.get(reverse("workbench:search_proposals"), {"q": "尚未提交"}).json()["results"]
    assert found == []
    export = staff_client.get(reverse("workbench:export"))
    assert "尚未提交的草稿".encode() not in export.content


def test_leaders_co_signers_and_units_cannot_open_a_draft(draft):
    for user in (f.leader_user(), draft.co_signers.get().user, f.handler_of(f.unit())):
        assert not visible_proposals(user).filter(pk=draft.pk).exists()
    cosigner = client_for(draft.co_signers.get().user)
    assert cosigner.get(reverse("deputy:detail", args=[draft.pk])).status_code == 404


def test_the_deputy_still_opens_and_edits_their_own_draft(draft):
    owner = client_for(draft.lead_deputy.user)
    assert owner.get(reverse("deputy:detail", args=[draft.pk])).status_code == 200
    assert owner.get(reverse("deputy:edit", args=[draft.pk])).status_code == 200


def test_a_staff_member_who_is_also_a_deputy_keeps_their_own_drafts(staff):
    from deputies.models import Deputy

    own = Deputy.objects.create(name="兼任代表", user=staff)
    mine = f.proposal(lead=own, title="我自己的草稿")
    assert proposal_for_user(staff, mine.pk) == mine


def test_once_submitted_the_office_opens_the_item(staff_client, draft):
    services.proposal_submit(proposal=draft, by=draft.lead_deputy.user)
    page = staff_client.get(reverse("workbench:detail", args=[draft.pk]))
    assert page.status_code == 200 and "尚未提交的草稿" in page.content.decode()
