"""Fixtures of the input, file and object-access tests: a pinned clock and clients for each role.

Test modules import the fixtures they use under their private names:
``from .fixtures_input import _clock, _staff, _staff_client  # noqa: F401``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from tests import factories as f

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 3, 2)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI)


@pytest.fixture(name="clock")
def _clock(time_machine):
    """ "Today" is Monday 2026-03-02 10:00 in Beijing, inside the loaded working-day calendar."""
    time_machine.move_to(at(TODAY), tick=False)
    return time_machine


def client_for(user) -> Client:
    """A signed-in client that answers a server error with a 500 response instead of raising it."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture(name="staff")
def _staff(db):
    return f.staff_user(username="office", first_name="王工作")


@pytest.fixture(name="staff_client")
def _staff_client(staff):
    return client_for(staff)
