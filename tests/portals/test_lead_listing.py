"""The year each item's row keeps for the deputy home's order follows its session, however either changes."""

import pytest
from django.db import connection

from proposals.models import LeadListing
from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the year is kept by PostgreSQL triggers"),
]


def _year(proposal) -> int | None:
    return LeadListing.objects.get(pk=proposal.pk).list_year


def test_a_new_item_carries_its_sessions_year_and_follows_a_move_to_another_session():
    item = factories.proposal(session_obj=factories.session(name="2025年会议", year=2025))
    assert _year(item) == 2025
    item.session = factories.session(name="2026年会议", year=2026)
    item.save(update_fields=["session"])
    assert _year(item) == 2026


def test_a_sessions_changed_year_reaches_its_items_and_a_written_year_is_corrected():
    session = factories.session(name="会议", year=2025)
    first, second = factories.proposal(session_obj=session), factories.proposal(session_obj=session)
    session.year = 2024
    session.save(update_fields=["year"])
    assert _year(first) == _year(second) == 2024
    LeadListing.objects.filter(pk=first.pk).update(list_year=1999)
    assert _year(first) == 2024
