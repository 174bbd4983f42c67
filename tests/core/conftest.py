import datetime as dt
from collections import defaultdict

import pytest

from proposals import events
from tests import factories as f
from tests.core.support import at


@pytest.fixture(autouse=True)
def clock(time_machine):
    """Stop the clock at Monday 2026-03-02 10:00 in Beijing; tests move it on with ``clock.move_to(at(day))``."""
    time_machine.move_to(at(dt.date(2026, 3, 2)), tick=False)
    return time_machine


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def emitted(monkeypatch):
    """The foundation is tested on its own: other apps' event handlers are replaced by a recorder."""
    recorded: list[tuple[str, dict]] = []
    handlers = defaultdict(list)
    monkeypatch.setattr(events, "_handlers", handlers)
    for name in [v for k, v in vars(events).items() if k.isupper() and isinstance(v, str)]:
        handlers[name].append(lambda _name=name, **payload: recorded.append((_name, payload)))
    return recorded


@pytest.fixture
def staff(db):
    return f.staff_user(username="office")


@pytest.fixture
def leader(db):
    return f.leader_user(username="leader")
