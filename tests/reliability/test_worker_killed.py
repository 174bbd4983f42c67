"""A Celery worker killed (SIGKILL) in the middle of a report build or a ledger import: after redelivery the
job completes exactly once.

Each worker is a separate ``celery -A config worker`` process on this test's database and a private
``redis-server``. To stop the job at a known point, the test takes an exclusive lock on the proposals table:
the worker's task blocks on it mid-job (seen in ``pg_stat_activity``), and is killed there. Tasks are
acknowledged late, so the broker hands the message to the next worker after the visibility timeout.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import F
from django_fsm_log.models import StateLog

from ledger.models import LedgerUpload
from ledger.uploads import ledger_upload_confirm
from notifications.models import Notification
from proposals.models import Proposal
from reports import services as report_services
from reports.models import ReportArchive
from tests import factories as f
from tests.background.worker import needs_redis, wait_until
from tests.ledger.conftest import ASSIGNED, REPLIED, item, xlsx_bytes
from tests.reliability.support import PrivateRedis, broker_at, database_url_of_test, needs_redis_server

pytestmark = [
    pytest.mark.celery,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("calendar_loaded"),
    needs_redis,
    needs_redis_server,
]

ROOT = Path(__file__).resolve().parents[2]
VISIBILITY = 4  # seconds; production waits an hour (CELERY_VISIBILITY_TIMEOUT)


class Worker:
    """``celery -A config worker`` in its own process (solo pool: the task runs in that process)."""

    def __init__(self, redis: PrivateRedis, tmp_path: Path, name: str):
        self.log = tmp_path / f"{name}.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url_of_test(),
            "REDIS_URL": redis.url,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY),
            "VAR_DIR": str(tmp_path / "var"),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "SECRET_KEY": settings.SECRET_KEY,
            "DEBUG": "false",
        }
        celery = Path(sys.executable).with_name("celery")
        self.process = subprocess.Popen(
            [
                str(celery),
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "-n",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def proposals_locked():
    """Hold an exclusive lock on the proposals table from a connection of our own."""
    with psycopg.connect(database_url_of_test()) as conn:
        conn.execute("LOCK TABLE proposals_proposal IN ACCESS EXCLUSIVE MODE")
        pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        yield pid
        conn.rollback()


def backends_waiting_for_a_lock(*, besides: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
            "AND pid <> pg_backend_pid() AND pid <> %s",
            [besides],
        )
        return [row[0] for row in cursor.fetchall()]


def terminate(pids: list[int]) -> None:
    """The dead worker's server backends (of this test database only) go, as PostgreSQL does on its own."""
    with connection.cursor() as cursor:
        for pid in pids:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid = %s AND pid <> pg_backend_pid()",
                [pid],
            )


def kill_mid_job(redis: PrivateRedis, tmp_path: Path) -> None:
    """Start a worker, let it block inside the job, SIGKILL it there."""
    with proposals_locked() as lock_pid:
        first = Worker(redis, tmp_path, "first")
        try:
            wait_until(lambda: backends_waiting_for_a_lock(besides=lock_pid), timeout=120, what="the job to start")
            waiting = backends_waiting_for_a_lock(besides=lock_pid)
            first.kill()
        finally:
            first.stop()
        terminate(waiting)


@pytest.fixture
def redis():
    server = PrivateRedis().start()
    yield server
    server.stop()


def test_a_report_build_killed_midway_is_built_once_after_redelivery(redis, tmp_path):
    leader = f.leader_user(email="leader@example.gov.cn")
    f.assigned(title="关于加快老旧小区加装电梯的建议")
    with broker_at(redis.url):
        archive = report_services.report_request(kind="monthly", year=2026, month=2, fmt="xlsx", by=leader).archive

    kill_mid_job(redis, tmp_path)
    archive.refresh_from_db()
    assert (archive.status, archive.attempts, archive.file.name) == (ReportArchive.Status.BUILDING, 1, "")

    # Later than the stale-claim window: the dead worker's claim no longer holds the archive.
    ReportArchive.objects.filter(pk=archive.pk).update(
        claimed_at=F("claimed_at") - report_services.STALE_AFTER - dt.timedelta(minutes=1)
    )
    second = Worker(redis, tmp_path, "second")
    try:
        wait_until(
            lambda: ReportArchive.objects.get(pk=archive.pk).status == ReportArchive.Status.READY,
            timeout=120,
            what="the redelivered build",
        )
        time.sleep(VISIBILITY + 2)  # a second redelivery, were there one, would have come by now
    finally:
        second.stop()
    archive.refresh_from_db()
    assert (archive.status, archive.attempts) == (ReportArchive.Status.READY, 2)
    assert archive.file.open("rb").read(2) == b"PK"
    assert Notification.objects.filter(recipient=leader, title__contains="已生成").count() == 1


def test_a_ledger_import_killed_midway_is_imported_once_after_redelivery(redis, tmp_path):
    staff = f.staff_user()
    rows = [item(REPLIED, 标题=f"关于第{n}个社区增设养老服务点的建议") for n in range(3)] + [item(ASSIGNED)]
    upload = LedgerUpload.objects.create(
        file=SimpleUploadedFile("2025年台账.xlsx", xlsx_bytes(rows)),
        original_name="2025年台账.xlsx",
        uploaded_by=staff,
        status=LedgerUpload.Status.CHECKED,
    )
    with broker_at(redis.url):
        ledger_upload_confirm(upload=upload, by=staff)

    kill_mid_job(redis, tmp_path)
    upload.refresh_from_db()
    assert upload.status == LedgerUpload.Status.IMPORTING  # the killed import's transaction rolled back
    assert not Proposal.objects.exists()

    second = Worker(redis, tmp_path, "second")
    try:
        wait_until(
            lambda: LedgerUpload.objects.get(pk=upload.pk).status == LedgerUpload.Status.IMPORTED,
            timeout=120,
            what="the redelivered import",
        )
        time.sleep(VISIBILITY + 2)
    finally:
        second.stop()
    assert Proposal.objects.count() == len(rows)
    assert StateLog.objects.filter(description__startswith="台账导入").count() == len(rows)
