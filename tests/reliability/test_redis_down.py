"""With Redis down every page and action still works, the outbox keeps the deliveries, and once Redis is
back each one goes out exactly once.

The test runs its own ``redis-server`` on a free port and kills only that one (the shared Redis is never
touched); the project's Celery app is pointed at it for the test.
"""

import datetime as dt
import re
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.test import Client
from django.urls import reverse

from notifications import delivery
from notifications.models import Channel, Delivery, DeliveryState
from notifications.services import SWEEP_GRACE
from notifications.tasks import deliver_notifications, sweep_notifications
from proposals import services
from proposals.models import Assignment, Proposal, SupervisionAction
from reports import services as report_services
from reports.models import ReportArchive
from reports.services import QUEUED_GRACE
from tests.access_matrix import ANONYMOUS
from tests.access_matrix.test_url_coverage import ENTRIES
from tests.access_matrix.world import build_world
from tests.background.worker import needs_redis, running_worker, wait_until
from tests.reliability.support import PrivateRedis, broker_at, needs_redis_server

pytestmark = [
    pytest.mark.celery,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("calendar_loaded"),
    needs_redis,
    needs_redis_server,
]

SHANGHAI = ZoneInfo("Asia/Shanghai")
OUTGOING = [Channel.EMAIL, Channel.SMS]


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def outgoing():
    return Delivery.objects.filter(channel__in=OUTGOING)


def every_page_answers(world) -> list[str]:
    """Each GET page of the permission matrix, opened by each role it is for: no server error."""
    failures = []
    for entry in ENTRIES:
        if entry.method != "get":
            continue
        for role in sorted(entry.allowed - {ANONYMOUS}):
            response = client_of(world.users[role]).get(entry.url(world))
            if response.status_code >= 500:
                failures.append(f"{role} {entry}: {response.status_code}")
    return failures


def act_while_redis_is_down(world) -> dict:
    """The day's work through the pages: 交办, 签收, 答复, 评价, 督办, a report — each must succeed."""
    staff, unit, deputy, leader = (client_of(world.users[r]) for r in ("staff", "unit", "deputy", "leader"))
    done = {}
    p = world.registered
    response = staff.post(
        reverse("workbench:assign", args=[p.pk]),
        {"mode": "single", "lead_units": [world.lead.unit_id], "version": p.version, "comment": "请认真办理"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assignment = Assignment.objects.get(proposal=p)
    response = unit.post(reverse("unitportal:sign", args=[assignment.pk]), {"version": assignment.version})
    assert response.status_code == 302
    assignment.refresh_from_db()
    response = unit.post(
        reverse("unitportal:reply", args=[assignment.pk]),
        {
            "version": assignment.version,
            "doc_number": "市住建函〔2026〕21号",
            "signer": "王局长",
            "contact_person": "李明",
            "contact_phone": "0571-87001234",
            "category": "A",
            "adoption": "adopted",
            "body": "已完成照明改造。",
            "done_items": "更换路灯120盏。",
            "replied_on": "2026-03-02",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    done["replied"] = p.pk
    item = Proposal.objects.get(pk=world.item.pk)
    response = deputy.post(
        reverse("deputy:rate", args=[item.pk]),
        {"version": item.version, "attitude": "satisfied", "result": "satisfied"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    done["closed"] = item.pk
    extended = Proposal.objects.get(pk=world.extension.assignment.proposal_id)
    page = staff.get(reverse("workbench:detail", args=[extended.pk])).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    response = staff.post(
        reverse("workbench:supervise", args=[extended.pk]),
        {
            "kind": "urge",
            "unit": world.lead.unit_id,
            "content": "请于一周内反馈办理进展",
            "due_on": "2026-03-09",
            "token": token,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SupervisionAction.objects.filter(proposal=extended, kind="urge").exists()
    response = leader.post(
        reverse("dashboard:archive_request"), {"kind": "annual", "year": "2026", "format": "xlsx", "as_of": ""}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    done["archive"] = ReportArchive.objects.latest("pk").pk
    return done


def test_with_redis_down_nothing_is_lost_and_each_delivery_goes_out_once_when_it_is_back(
    time_machine, mailoutbox, sms_outbox
):
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI), tick=True)
    redis = PrivateRedis().start()
    try:
        with broker_at(redis.url):
            world = build_world()
            User.objects.update(email=Concat(F("username"), Value("@example.gov.cn")))

            # Redis up, a worker running: a supervision notice reaches the unit through the broker at once.
            with running_worker(concurrency=2):
                services.supervision_issue(
                    proposal=world.item,
                    unit=world.co.unit,
                    by=world.users["staff"],
                    kind="urge",
                    content="请尽快提交协办意见",
                    due_on=dt.date(2026, 3, 9),
                )
                wait_until(lambda: len(mail.outbox) == 1, what="the e-mail through the broker")
            sent_before = set(outgoing().filter(state=DeliveryState.SENT).values_list("pk", flat=True))

            redis.stop()  # the outage

            assert every_page_answers(world) == []
            done = act_while_redis_is_down(world)
            assert Proposal.objects.get(pk=done["replied"]).state == "replied"
            assert Proposal.objects.get(pk=done["closed"]).state == "closed"
            assert ReportArchive.objects.get(pk=done["archive"]).status == ReportArchive.Status.QUEUED
            waiting = outgoing().exclude(pk__in=sent_before)
            assert waiting.count() >= 4, list(waiting)
            assert set(waiting.values_list("state", flat=True)) == {DeliveryState.PENDING}
            assert len(mail.outbox) == 1  # nothing went out, nothing was dropped

            redis.start()  # back, on the same port
            time_machine.shift(max(SWEEP_GRACE, QUEUED_GRACE) + dt.timedelta(minutes=1))
            with running_worker(concurrency=2) as finished:
                result = sweep_notifications.delay()
                finished.wait([result.id])
                report_services.archives_sweep()  # the periodic check re-queues the lost report build
                wait_until(
                    lambda: ReportArchive.objects.get(pk=done["archive"]).status == ReportArchive.Status.READY,
                    what="the report build re-queued after the outage",
                )
                # Duplicates from every side: the sweep again, and the original delivery tasks arriving late.
                again = sweep_notifications.delay()
                late = deliver_notifications.delay(list(waiting.values_list("notification_id", flat=True)))
                finished.wait([again.id, late.id])
            assert delivery.sweep() == 0

        emails = outgoing().filter(channel=Channel.EMAIL)
        assert set(emails.values_list("state", flat=True)) == {DeliveryState.SENT}
        sent = Counter((m.to[0], m.subject) for m in mail.outbox)
        assert len(mail.outbox) == emails.count()
        assert set(sent.values()) == {1}
    finally:
        redis.stop()
