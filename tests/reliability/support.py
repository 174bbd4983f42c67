"""Private services for fault tests: a Redis of the test's own, a Celery app pointed at it.

Never the shared Redis or PostgreSQL: other people's tests use them. A private ``redis-server`` runs on a
free loopback port and only that process is stopped.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


needs_redis_server = pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs the redis-server binary")


class PrivateRedis:
    """A throw-away ``redis-server`` on 127.0.0.1:``port``, no persistence."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> PrivateRedis:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.1)
        raise AssertionError("the private redis-server did not start")

    def stop(self) -> None:
        """Kill this test's own redis-server (SIGKILL: an outage, not a clean shutdown)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@contextmanager
def broker_at(url: str):
    """Point the project's Celery app (publishers and in-process workers) at ``url`` for the block."""
    from config.celery import app

    def reset_pools():
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None
        amqp = app.__dict__.get("amqp")
        if amqp is not None:
            amqp._producer_pool = None

    old = app.conf.broker_url
    reset_pools()
    app.conf.broker_url = url
    try:
        yield app
    finally:
        reset_pools()
        app.conf.broker_url = old


def database_url_of_test() -> str:
    """The URL of the database this test runs on (for a worker or web process started by the test)."""
    from django.db import connection

    d = connection.settings_dict
    auth = d["USER"] + (f":{d['PASSWORD']}" if d["PASSWORD"] else "")
    return f"postgres://{auth}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{d['NAME']}"
