import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from tests import factories as f

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def clock(time_machine):
    """Pin "today" to Monday 2026-03-02 10:00 in Beijing (inside the loaded working-day calendar)."""
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI), tick=True)
    return time_machine


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def staff(db):
    return f.staff_user(username="office", first_name="王工作")


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def outsiders(db):
    """A deputy, a unit handler and a leader: none of them may use the workbench."""
    return {
        "deputy": f.deputy().user,
        "unit": f.handler_of(f.unit()),
        "leader": f.leader_user(),
    }


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI)


@pytest.fixture
def travel(clock, staff, staff_client):
    """Move "today" and keep the staff member signed in (sessions expire after two weeks)."""

    def go(day: dt.date) -> None:
        clock.move_to(at(day))
        staff_client.force_login(staff)

    return go
