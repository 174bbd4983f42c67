"""The SMS channel behind a small interface.

``settings.SMS_BACKEND`` names the class to use. A deployment plugs in its SMS gateway by writing
a class with a ``send(*, phone, text)`` method that raises on failure (the delivery task retries).
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("notifications.sms")


@runtime_checkable
class SmsBackend(Protocol):
    def send(self, *, phone: str, text: str) -> None:
        """Send ``text`` to ``phone``; raise on failure so the delivery is retried."""


class LogSmsBackend:
    """Writes each message to the log (the default, for deployments without an SMS gateway)."""

    def send(self, *, phone: str, text: str) -> None:
        logger.info("短信 → %s：%s", phone, text)


class MemorySmsBackend:
    """Keeps messages in ``MemorySmsBackend.outbox`` (for tests and demonstrations)."""

    outbox: list[tuple[str, str]] = []
    _lock = threading.Lock()

    def send(self, *, phone: str, text: str) -> None:
        with self._lock:
            type(self).outbox.append((phone, text))


def get_backend() -> SmsBackend:
    backend = import_string(settings.SMS_BACKEND)()
    if not isinstance(backend, SmsBackend):
        raise TypeError(f"{settings.SMS_BACKEND} 不是有效的短信发送接口")
    return backend
