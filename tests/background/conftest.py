import pytest

from notifications.sms import MemorySmsBackend


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def calendar_loaded(transactional_db):
    """Transactional tests start from flushed tables: put back the working-day calendar they compute with."""
    from proposals.calendar_seed import seed
    from proposals.models import CalendarDay

    seed(CalendarDay, [2025, 2026])


@pytest.fixture
def sms_outbox(settings):
    settings.SMS_BACKEND = "notifications.sms.MemorySmsBackend"
    MemorySmsBackend.outbox.clear()
    yield MemorySmsBackend.outbox
    MemorySmsBackend.outbox.clear()


@pytest.fixture
def no_broker(monkeypatch):
    """The broker is down: enqueueing a delivery or a build raises, as kombu does when Redis is away."""
    from kombu.exceptions import OperationalError

    from notifications.tasks import deliver_notifications
    from reports.tasks import build_archive

    calls = []

    def down(*args, **kwargs):
        calls.append(args)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(deliver_notifications, "delay", down)
    monkeypatch.setattr(build_archive, "delay", down)
    return calls


@pytest.fixture
def enqueued(monkeypatch):
    """Record what would be sent to the broker instead of sending it."""
    from notifications.tasks import deliver_notifications
    from reports.tasks import build_archive

    sent: dict[str, list] = {"deliver": [], "build": []}
    monkeypatch.setattr(deliver_notifications, "delay", lambda ids: sent["deliver"].append(ids))
    monkeypatch.setattr(build_archive, "delay", lambda pk: sent["build"].append(pk))
    return sent
