"""Domain events raised by the services inside their transaction.

Other apps (notifications) register handlers in their ``AppConfig.ready``; a handler runs in the
same transaction as the event, so what it writes (an outbox row) commits or rolls back with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

_handlers: dict[str, list[Callable[..., None]]] = defaultdict(list)

ASSIGNED = "assigned"
SUPERVISION_ISSUED = "supervision_issued"
REPLY_SUBMITTED = "reply_submitted"
REPLY_RELEASED = "reply_released"
REPLY_RETURNED = "reply_returned"
FOLLOWUPS_REPORTED = "followups_reported"
CLOSED = "closed"
ADJUSTMENT_REQUESTED = "adjustment_requested"
EXTENSION_REQUESTED = "extension_requested"
MEETING_REQUESTED = "meeting_requested"
REHANDLING_STARTED = "rehandling_started"
DUE_CHANGED = "due_changed"
CALENDAR_WINDOWS_CHANGED = "calendar_windows_changed"
COSIGN_INVITED = "cosign_invited"
COSIGN_ANSWERED = "cosign_answered"
# Something a notice asked for was done (by anyone): the notices with these keys are resolved.
ACTION_DONE = "action_done"


def action_key(what: str, pk: int) -> str:
    """The key of one thing to do, shared by the notice that asks for it and the service that does it.

    ``sign`` / ``work`` an assignment (sign for it; reply or send the co-unit opinion), ``evaluate`` a
    proposal, decide an ``adjustment`` / ``extension`` request, acknowledge a ``supervision`` step,
    answer a ``cosign`` invitation, arrange a ``meeting``, ``review`` a reply (答复审查).
    """
    return f"{what}:{pk}"


def done(*keys: str) -> None:
    emit(ACTION_DONE, keys=[k for k in keys if k])


def subscribe(event: str, handler: Callable[..., None]) -> None:
    if handler not in _handlers[event]:
        _handlers[event].append(handler)


def emit(event: str, **payload: Any) -> None:
    for handler in list(_handlers[event]):
        handler(**payload)
