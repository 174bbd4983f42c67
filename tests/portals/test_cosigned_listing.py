"""A co-signer's items are read from the co-signers' link table, whose sort keys the database keeps: they
always give the same items, in the same order, as reading the items themselves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from deputies import selectors
from deputies.models import Session
from proposals.models import Proposal
from tests import factories as f

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the link table's sort keys are PostgreSQL's"),
]


def _from_items(deputy) -> list[tuple]:
    rows = selectors._cosigned(deputy).order_by(*selectors.ITEM_ORDER)
    return list(rows.values_list("pk", "session__year", "submitted_on"))


def _from_links(deputy) -> list[tuple]:
    rows = selectors._listed_cosigned(deputy).order_by("-list_year", "-list_submitted", "-proposal_id")
    return list(rows.values_list("proposal_id", "list_year", "list_submitted"))


def test_the_link_table_follows_every_change_of_its_items_and_their_sessions():
    partner, other = f.deputy(), f.deputy()
    older = Session.objects.create(name="市十七届人大三次会议", year=2025)
    items = [
        f.proposal(title=f"关于第{n}件事项的建议", submitted_on=dt.date(2026, 3, n + 1), session_obj=s)
        for n, s in enumerate([f.session(), older, f.session(), older])
    ]
    for p in items:
        p.co_signers.add(partner)
    assert _from_links(partner) == _from_items(partner) == [], "drafts are the lead's alone"

    Proposal.objects.filter(pk__in=[p.pk for p in items]).update(state="submitted")
    assert _from_links(partner) == _from_items(partner) and len(_from_items(partner)) == 4

    Proposal.objects.filter(pk=items[0].pk).update(submitted_on=None)
    Proposal.objects.filter(pk=items[1].pk).update(session=f.session())
    Proposal.objects.filter(pk=items[2].pk).update(lead_deputy=partner)
    assert _from_links(partner) == _from_items(partner) and len(_from_items(partner)) == 3

    Session.objects.filter(pk=older.pk).update(year=2027)
    assert _from_links(partner) == _from_items(partner)
    assert _from_items(partner)[0][1] == 2027, "the renamed year now comes first"

    items[3].co_signers.add(other)
    assert _from_links(other) == _from_items(other) == [(items[3].pk, 2027, dt.date(2026, 3, 4))]
    Proposal.objects.filter(pk=items[3].pk).update(state="draft")
    assert _from_links(other) == _from_items(other) == []


def test_the_deputy_home_pages_co_signed_items_from_the_link_table_in_the_items_order():
    partner = f.deputy()
    items = [f.proposal(title=f"关于第{n}件事项的建议", submitted_on=dt.date(2026, 1, 1 + n % 5)) for n in range(9)]
    for p in items:
        p.co_signers.add(partner)
    Proposal.objects.update(state="submitted")
    seen, cursor = [], None
    while True:
        page, _ = selectors.deputy_page(deputy=partner, scope="cosigned", cursor=cursor, size=4)
        seen += [p.pk for p in page.rows]
        if not page.next_cursor:
            break
        cursor = selectors.ItemCursor.decode(page.next_cursor)
    assert seen == [pk for pk, _, _ in _from_items(partner)]
    assert selectors.deputy_item_counts(deputy=partner)["cosigned"] == 9
