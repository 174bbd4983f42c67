"""A real Celery worker (threads pool) on the configured broker, for tests that need one."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connection, connections

needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL") or connection.vendor != "postgresql",
    reason=(
        "needs a real Redis broker and a database the worker's threads can share: set REDIS_URL "
        "(e.g. redis://127.0.0.1:6379/1) and DATABASE_URL=postgres://… (CI sets both)"
    ),
)


class Finished:
    """Records the ids of the tasks the worker has finished; ``wait`` blocks until given ones are."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self._cond = threading.Condition()

    def record(self, sender=None, task_id=None, **_) -> None:
        connections.close_all()  # the worker thread's own connections
        with self._cond:
            self.ids.add(task_id)
            self._cond.notify_all()

    def wait(self, ids, timeout: float = 120) -> None:
        wanted = set(ids)
        with self._cond:
            if not self._cond.wait_for(lambda: wanted <= self.ids, timeout):
                raise AssertionError(f"the worker did not finish tasks {wanted - self.ids}")


def wait_until(predicate: Callable[[], bool], *, timeout: float = 120, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@contextmanager
def running_worker(*, concurrency: int = 4):
    from config.celery import app
    from notifications import tasks as _notification_tasks  # noqa: F401  (register the tasks)
    from proposals import tasks as _proposal_tasks  # noqa: F401
    from reports import tasks as _report_tasks  # noqa: F401

    app.control.purge()  # messages left by earlier runs name rows that no longer exist
    finished = Finished()
    task_postrun.connect(finished.record, weak=False)
    try:
        with start_worker(
            app,
            pool="threads",
            concurrency=concurrency,
            perform_ping_check=False,
            loglevel="WARNING",
            shutdown_timeout=60,
        ):
            yield finished
    finally:
        task_postrun.disconnect(finished.record)
        connections.close_all()
