"""Shared plumbing of the services: optimistic locking, firing a transition, audit rows."""

from __future__ import annotations

import functools
import threading

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django_fsm import can_proceed, has_transition_perm
from django_fsm_log.models import StateLog

from common.limits import REASON_MAX, too_long
from proposals.errors import ConflictError, DomainError

_local = threading.local()


def _frames() -> list[list[tuple[models.Model, dict]]]:
    if not hasattr(_local, "frames"):
        _local.frames = []
    return _local.frames


def _remember(obj: models.Model) -> None:
    frames = _frames()
    if frames and not any(seen is obj for frames_ in frames for seen, _ in frames_):
        frames[-1].append((obj, {f.attname: obj.__dict__.get(f.attname) for f in obj._meta.concrete_fields}))


def _restore(obj: models.Model, snapshot: dict) -> None:
    """Put the caller's object back as it was loaded (the database was rolled back; the object must match it)."""
    cache = obj._state.fields_cache
    for field in obj._meta.concrete_fields:
        if field.is_relation and obj.__dict__.get(field.attname) != snapshot[field.attname]:
            cache.pop(field.name, None)
    obj.__dict__.update(snapshot)


def service(func):
    """One transaction per service call. When it fails, the objects it claimed are restored in memory too,
    so a caller that shows the error and lets the user retry still holds the version it loaded."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        frames = _frames()
        frames.append([])
        try:
            with transaction.atomic():
                result = func(*args, **kwargs)
        except BaseException:
            for obj, snapshot in reversed(frames.pop()):
                _restore(obj, snapshot)
            raise
        done = frames.pop()
        if frames:
            frames[-1].extend(done)
        return result

    return wrapper


def claim(obj: models.Model) -> None:
    """Bump ``version`` only if nobody changed ``obj`` since it was loaded; else raise ``ConflictError``.

    The conditional UPDATE also takes the row lock, so a concurrent transaction waits and then
    finds the version moved on.
    """
    _remember(obj)
    updated = type(obj).objects.filter(pk=obj.pk, version=obj.version).update(version=F("version") + 1)
    if updated != 1:
        raise ConflictError()
    obj.version += 1


def check_length(text: str | None, *, limit: int, label: str) -> None:
    """Refuse a text longer than ``limit`` with a Chinese message (forms say it first; this catches the rest)."""
    message = too_long(text, limit=limit, label=label)
    if message:
        raise DomainError(message)


def fire(method, *, by, comment: str = "", system: bool = False, action: str = "", **kwargs):
    """Fire a transition after checking its state and the actor's permission.

    ``comment`` (a reason, note or remark; it goes into the audit row) is at most ``REASON_MAX`` long.
    """
    instance = method.__self__
    label = action or method.__name__
    check_length(comment, limit=REASON_MAX, label=f"{label}的意见或说明")
    if not can_proceed(method):
        state = instance.get_state_display() if hasattr(instance, "get_state_display") else instance.state
        raise DomainError(f"当前状态为「{state}」，不能{label}")
    if not system and (by is None or not has_transition_perm(method, by)):
        raise DomainError(f"您无权{label}")
    return method(by=by, description=comment or None, **kwargs)


def audit(obj: models.Model, *, transition: str, by, comment: str, state: str | None = None) -> StateLog:
    """An audit row for an event that is not a state change (e.g. 重点督办, ledger import).

    The state recorded is the one stored now, not the (possibly stale) copy the caller holds.
    """
    current = state
    if current is None:
        has_state = any(f.name == "state" for f in obj._meta.concrete_fields)
        stored = type(obj).objects.filter(pk=obj.pk).values_list("state", flat=True).first() if has_state else None
        current = stored if stored is not None else getattr(obj, "state", "")
    return StateLog.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        transition=transition,
        source_state=current,
        state=current,
        by=by,
        description=comment,
        timestamp=timezone.now(),
    )


def today():
    return timezone.localdate()
