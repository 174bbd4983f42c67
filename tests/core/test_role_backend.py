"""A signed-in user is read with its roles in one query, and every role check then asks nothing more."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import roles
from accounts.backends import RoleModelBackend
from tests import factories as f

pytestmark = pytest.mark.django_db


def read_back(user):
    with CaptureQueriesContext(connection) as queries:
        loaded = RoleModelBackend().get_user(user.pk)
    assert len(queries) == 1
    return loaded


def every_check(user) -> tuple:
    return (
        roles.role_of(user),
        roles.is_office_staff(user),
        roles.is_leader(user),
        roles.has_portal_group(user),
        roles.deputy_of(user),
        roles.unit_of(user),
        roles.station_of(user),
        roles.committee_of(user),
    )


def test_a_unit_handlers_unit_and_role_come_with_the_user_and_the_checks_ask_nothing_more():
    unit = f.unit()
    user = read_back(f.handler_of(unit))
    with CaptureQueriesContext(connection) as queries:
        checks = every_check(user)
    assert len(queries) == 0
    assert checks == (roles.UNIT_HANDLER, False, False, True, None, unit, None, None)


def test_a_deputys_record_comes_with_the_user_and_a_deputy_is_no_unit_or_staff():
    deputy = f.deputy()
    user = read_back(deputy.user)
    with CaptureQueriesContext(connection) as queries:
        checks = every_check(user)
    assert len(queries) == 0
    assert checks == (roles.DEPUTY, False, False, True, deputy, None, None, None)


def test_staff_and_leaders_are_told_apart_by_their_groups_alone():
    staff, leader, plain = read_back(f.staff_user()), read_back(f.leader_user()), read_back(f.user())
    assert (roles.role_of(staff), roles.is_office_staff(staff), roles.is_leader(staff)) == (roles.STAFF, True, False)
    assert (roles.role_of(leader), roles.is_office_staff(leader), roles.is_leader(leader)) == (
        roles.LEADER,
        False,
        True,
    )
    assert (roles.role_of(plain), roles.has_portal_group(plain)) == (None, False)


def test_a_deactivated_login_is_not_signed_in_any_more():
    user = f.staff_user()
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert RoleModelBackend().get_user(user.pk) is None
