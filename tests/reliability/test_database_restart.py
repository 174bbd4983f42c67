"""Database connections recover after PostgreSQL restarts: a kept connection is checked before it is used.

The restart is simulated the way a PostgreSQL restart looks to the web process: every server backend of
this test's database except the test's own is terminated (``pg_terminate_backend``), so the connection the
site kept open (CONN_MAX_AGE) is dead when the next request comes.
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tests import factories as f
from tests.reliability.support import database_url_of_test, free_port

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the test terminates server backends")


def terminate_other_backends() -> int:
    """Terminate the backends of this test database only, never our own nor another database's."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@contextmanager
def gunicorn_site(tmp_path):
    """The site as in production: one gunicorn worker on this test's database, on a free loopback port."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_test(),
        "SECRET_KEY": settings.SECRET_KEY,
        "VAR_DIR": str(tmp_path / "var"),
        "DEBUG": "false",
        "SECURE_COOKIES": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError("gunicorn did not start") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_connections_are_kept_and_checked_before_use():
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_the_site_answers_the_first_request_after_its_database_connections_were_cut(tmp_path):
    user = f.staff_user()
    client = Client()
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    with gunicorn_site(tmp_path) as base:

        def get(path: str) -> tuple[int, str]:
            request = urllib.request.Request(base + path, headers={"Cookie": cookie})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    assert response.geturl().endswith(path), f"sent to {response.geturl()}"
                    return response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode()

        status, page = get("/notifications/")  # the web process opens its connection and keeps it
        assert (status, "通知" in page) == (200, True)
        assert terminate_other_backends() >= 1  # the kept connection is among them
        for _ in range(3):
            status, page = get("/notifications/")
            assert status == 200, page[:500]
            assert "通知" in page
