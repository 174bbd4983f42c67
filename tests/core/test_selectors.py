"""Who sees what: ``visible_proposals``, ``proposal_for_user`` and ``assignment_for_user``."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from proposals import services
from proposals.selectors import assignment_for_user, proposal_detail_related, proposal_for_user, visible_proposals
from tests import factories as f
from tests.core import support as s

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def office(staff):
    """Three items: one led by ``deputy`` and co-signed by ``co_signer``, one only co-signed by ``deputy``,
    one of somebody else; ``unit`` handles the first, ``other_unit`` the third."""
    deputy, co_signer = f.deputy(), f.deputy()
    unit, other_unit = f.unit(), f.unit()
    led = f.assigned(staff=staff, units=[unit], lead=deputy, title="领衔的建议")
    led.co_signers.add(co_signer)
    cosigned = f.registered(staff=staff, title="附议的建议")
    cosigned.co_signers.add(deputy, co_signer)
    foreign = f.assigned(staff=staff, units=[other_unit], title="别人的建议")
    draft = f.proposal(title="别人的草稿")
    return {
        "deputy": deputy,
        "co_signer": co_signer,
        "unit": unit,
        "other_unit": other_unit,
        "led": led,
        "cosigned": cosigned,
        "foreign": foreign,
        "draft": draft,
    }


def titles(user):
    return sorted(p.title for p in visible_proposals(user))


ALL = sorted(["领衔的建议", "附议的建议", "别人的建议", "别人的草稿"])


def test_staff_and_leaders_see_every_item_but_the_deputies_unsent_drafts(office, staff, leader):
    assert titles(staff) == titles(leader) == sorted(t for t in ALL if t != "别人的草稿")


def test_a_deputy_sees_what_they_lead_or_co_signed_once_each(office):
    assert titles(office["deputy"].user) == ["附议的建议", "领衔的建议"]
    assert titles(office["co_signer"].user) == ["附议的建议", "领衔的建议"]
    assert titles(f.deputy().user) == []


def test_a_unit_sees_only_the_items_assigned_to_it(office):
    assert titles(f.handler_of(office["unit"])) == ["领衔的建议"]
    assert titles(f.handler_of(office["other_unit"])) == ["别人的建议"]
    assert titles(f.handler_of(f.unit())) == []


def test_a_unit_that_handed_an_item_back_no_longer_sees_it(office, staff):
    row = s.answering(office["led"])[0]
    request = services.adjustment_request(assignment=row, by=f.handler_of(row.unit), reason="职责不符")
    assert titles(f.handler_of(office["unit"])) == ["领衔的建议"]
    services.adjustment_approve(request=request, by=staff)
    assert titles(f.handler_of(office["unit"])) == []


@pytest.mark.parametrize("who", ["anonymous", "plain"])
def test_anonymous_and_role_less_users_see_nothing(office, who):
    user = AnonymousUser() if who == "anonymous" else f.user()
    assert titles(user) == []


def test_an_item_opens_for_those_who_may_see_it(office, staff, leader):
    led = office["led"]
    for user in (staff, leader, office["deputy"].user, office["co_signer"].user, f.handler_of(office["unit"])):
        assert proposal_for_user(user, led.pk) == led


@pytest.mark.parametrize("who", ["other_deputy", "other_unit", "anonymous", "plain"])
def test_an_item_is_not_found_for_everybody_else(office, who):
    user = {
        "other_deputy": lambda: f.deputy().user,
        "other_unit": lambda: f.handler_of(office["other_unit"]),
        "anonymous": AnonymousUser,
        "plain": f.user,
    }[who]()
    with pytest.raises(Http404):
        proposal_for_user(user, office["led"].pk)


def test_a_missing_item_is_not_found_either(staff):
    with pytest.raises(Http404):
        proposal_for_user(staff, 999_999)


def test_a_unit_opens_its_own_assignment_and_staff_open_any(office, staff):
    row = s.answering(office["led"])[0]
    assert assignment_for_user(f.handler_of(office["unit"]), row.pk) == row
    assert assignment_for_user(staff, row.pk) == row


@pytest.mark.parametrize("who", ["other_unit", "lead_deputy", "leader", "anonymous"])
def test_an_assignment_is_not_found_for_anybody_else(office, leader, who):
    row = s.answering(office["led"])[0]
    user = {
        "other_unit": lambda: f.handler_of(office["other_unit"]),
        "lead_deputy": lambda: office["deputy"].user,
        "leader": lambda: leader,
        "anonymous": AnonymousUser,
    }[who]()
    with pytest.raises(Http404):
        assignment_for_user(user, row.pk)


def _queries_for_detail(item) -> int:
    with CaptureQueriesContext(connection) as captured:
        related = proposal_detail_related(item)
        for row in related["audit"]:
            _ = row.by
        for name in ("assignments", "replies", "opinions", "contacts", "progress_notes", "supervision_actions"):
            for row in related[name]:
                _ = row.unit
        for request in related["extension_requests"] + related["adjustment_requests"]:
            _ = request.assignment.unit
    return len(captured)


def test_the_detail_page_data_costs_the_same_queries_for_a_small_and_a_busy_item(staff):
    small = s.handling(staff=staff)
    busy = s.replied(staff=staff, mode="split", units=[f.unit(), f.unit(), f.unit()], title="多单位分办的建议")
    for row in s.answering(busy):
        services.contact_log(
            assignment=row, by=f.handler_of(row.unit), method="phone", contacted_on=D(2026, 3, 2), summary="电话"
        )
        services.progress_add(assignment=row, by=f.handler_of(row.unit), body="进展")
        services.supervision_issue(
            proposal=busy, unit=row.unit, by=staff, kind="urge", content="请加快", due_on=D(2026, 3, 9)
        )
    assert _queries_for_detail(small) == _queries_for_detail(busy)
