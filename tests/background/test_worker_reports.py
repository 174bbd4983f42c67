"""Report builds and notification delivery on a real Celery worker and Redis."""

import datetime as dt

import pytest
from django.core import mail

from notifications.models import Channel, Delivery, DeliveryState, Kind
from notifications.services import notify
from reports import builders, services
from reports.models import ReportArchive
from tests import factories as f
from tests.background.worker import needs_redis, running_worker, wait_until

pytestmark = [
    pytest.mark.celery,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("calendar_loaded"),
    needs_redis,
]

R = ReportArchive


def _status(pk: int) -> str:
    return R.objects.filter(pk=pk).values_list("status", flat=True).get()


def test_a_requested_report_is_built_by_the_worker_and_its_requester_told():
    leader = f.leader_user(email="leader@example.gov.cn")
    with running_worker():
        archive = services.report_request(kind="annual", year=2026, as_of=dt.date(2026, 10, 31), fmt="pdf", by=leader)
        archive = archive.archive
        wait_until(lambda: _status(archive.pk) == R.Status.READY, what="the report build")
        wait_until(lambda: len(mail.outbox) == 1, what="the e-mail telling the leader")
    archive.refresh_from_db()
    assert archive.file.open("rb").read(4) == b"%PDF"
    assert mail.outbox[0].to == ["leader@example.gov.cn"]
    assert "报告已生成" in mail.outbox[0].subject


def test_a_build_that_dies_on_the_worker_is_retried_into_one_archive(monkeypatch):
    real = builders.build_xlsx
    calls = []

    def dies_once(kind, data):
        calls.append(kind)
        if len(calls) == 1:
            raise OSError("worker lost its disk halfway")
        return real(kind, data)

    monkeypatch.setattr(builders, "build_xlsx", dies_once)
    staff = f.staff_user()
    with running_worker():
        archive = services.report_request(kind="monthly", year=2026, month=10, fmt="xlsx", by=staff).archive
        wait_until(lambda: _status(archive.pk) == R.Status.READY, what="the retried report build")
    archive.refresh_from_db()
    assert (archive.attempts, len(calls)) == (2, 2)
    assert R.objects.count() == 1


def test_notifications_written_while_the_worker_runs_are_delivered_once():
    users = [f.user(email=f"user{i}@example.gov.cn") for i in range(3)]
    with running_worker():
        notify(recipients=users, kind=Kind.SYSTEM, title="系统维护通知", body="今晚22:00至23:00系统维护")
        wait_until(
            lambda: not Delivery.objects.filter(channel=Channel.EMAIL).exclude(state=DeliveryState.SENT).exists(),
            what="the e-mails",
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
