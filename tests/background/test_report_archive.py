"""Archived report files: one archive per report however often its build is retried, failures told."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from notifications.models import Kind, Notification
from proposals.errors import DomainError
from proposals.models import HandlingRules
from reports import builders, services, statistics
from reports.models import ReportArchive
from reports.tasks import annual_auto, build_archive, monthly_auto
from tests import factories as f
from tests.background.support import at

pytestmark = pytest.mark.django_db

R = ReportArchive
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(at(TODAY, 10))
    return time_machine


@pytest.fixture
def staff():
    return f.staff_user(username="office")


@pytest.fixture
def october(staff, enqueued):
    return services.report_request(kind=R.Kind.MONTHLY, year=2026, month=10, fmt=R.Format.XLSX, by=staff).archive


def _stored_files() -> list[str]:
    try:
        _dirs, files = default_storage.listdir("reports/2026")
    except FileNotFoundError:
        return []
    return files


def _killed_once(monkeypatch):
    """The first build dies halfway (after the claim, before the file is written); later ones succeed."""
    real = builders.build_xlsx
    calls = []

    def build(kind, data):
        calls.append(kind)
        if len(calls) == 1:
            raise RuntimeError("worker lost halfway through the build")
        return real(kind, data)

    monkeypatch.setattr(builders, "build_xlsx", build)
    return calls


def test_a_request_records_the_archive_and_enqueues_its_build_on_commit(
    staff, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = services.report_request(kind=R.Kind.MONTHLY, year=2026, month=10, fmt=R.Format.PDF, by=staff)
    archive = result.archive
    assert (archive.status, archive.as_of, archive.requested_by) == (R.Status.QUEUED, dt.date(2026, 10, 31), staff)
    assert enqueued["build"] == [archive.pk]
    again = services.report_request(kind=R.Kind.MONTHLY, year=2026, month=10, fmt=R.Format.PDF, by=staff)
    assert again.archive.pk == archive.pk
    assert again.message == "该报告正在生成，请稍候"
    assert R.objects.count() == 1


def test_a_build_writes_the_file_and_marks_the_archive_ready(october, staff):
    archive = services.archive_build(archive_id=october.pk)
    assert archive.status == R.Status.READY
    assert (archive.attempts, archive.error) == (1, "")
    assert archive.built_at is not None
    book = openpyxl.load_workbook(archive.file.open("rb"))
    expected = statistics.monthly_report(year=2026, month=10)["totals"]["items"]
    assert book["年度累计数据"]["B2"].value == expected
    note = Notification.objects.get(recipient=staff, kind=Kind.REPORT)
    assert "报告已生成" in note.title


def test_a_build_killed_halfway_and_retried_produces_one_archive(october, monkeypatch):
    calls = _killed_once(monkeypatch)
    with pytest.raises(RuntimeError):
        services.archive_build(archive_id=october.pk)
    october.refresh_from_db()
    assert (october.status, october.attempts) == (R.Status.QUEUED, 1)
    assert "worker lost" in october.error
    assert _stored_files() == []

    services.archive_build(archive_id=october.pk)
    assert services.archive_build(archive_id=october.pk) is None  # a duplicate delivery of the task finds it done
    assert len(calls) == 2
    assert R.objects.count() == 1
    october.refresh_from_db()
    assert (october.status, october.attempts, october.error) == (R.Status.READY, 2, "")
    assert _stored_files() == [october.file.name.rsplit("/", 1)[1]]


def test_a_worker_that_died_holding_the_claim_is_taken_over_after_it_goes_stale(october, clock):
    assert services.archive_claim(archive_id=october.pk) is not None  # ... and the process is killed here
    assert services.archive_build(archive_id=october.pk) is None  # its claim still holds
    clock.shift(services.STALE_AFTER + dt.timedelta(minutes=1))
    archive = services.archive_build(archive_id=october.pk)
    assert (archive.status, archive.attempts) == (R.Status.READY, 2)
    assert R.objects.count() == 1
    assert len(_stored_files()) == 1


def test_a_rebuild_overwrites_the_same_file_of_the_same_archive(october, staff):
    first = services.archive_build(archive_id=october.pk)
    name = first.file.name
    result = services.report_request(
        kind=R.Kind.MONTHLY, year=2026, month=10, fmt=R.Format.XLSX, by=staff, rebuild=True
    )
    assert result.archive.pk == first.pk
    assert result.archive.status == R.Status.QUEUED
    second = services.archive_build(archive_id=first.pk)
    assert second.file.name == name
    assert R.objects.count() == 1
    assert len(_stored_files()) == 1


def test_the_task_retries_a_failed_build_and_ends_with_one_ready_archive(october, monkeypatch):
    _killed_once(monkeypatch)
    result = build_archive.apply(args=[october.pk])
    assert result.successful(), result.traceback
    october.refresh_from_db()
    assert (october.status, october.attempts) == (R.Status.READY, 2)
    assert R.objects.count() == 1


def test_the_last_failure_marks_the_archive_failed_and_tells_the_office(october, staff, monkeypatch):
    other_staff = f.staff_user()

    def broken(kind, data):
        raise ValueError("字体文件缺失")

    monkeypatch.setattr(builders, "build_xlsx", broken)
    result = build_archive.apply(args=[october.pk])
    assert result.failed()
    assert isinstance(result.result, services.ReportBuildFailed)
    october.refresh_from_db()
    assert (october.status, october.attempts) == (R.Status.FAILED, services.MAX_ATTEMPTS)
    assert "字体文件缺失" in october.error
    told = Notification.objects.filter(kind=Kind.REPORT, title__startswith="报告生成失败")
    assert set(told.values_list("recipient_id", flat=True)) == {staff.pk, other_staff.pk}
    assert told.count() == 2  # the requester is staff too: told once
    assert build_archive.apply(args=[october.pk]).successful()  # a late duplicate does nothing
    assert told.count() == 2


def test_the_sweep_re_enqueues_a_build_whose_task_was_lost(october, enqueued, clock):
    assert services.archives_sweep() == {"requeued": 0, "failed": 0}
    clock.shift(services.QUEUED_GRACE + dt.timedelta(minutes=1))
    assert services.archives_sweep() == {"requeued": 1, "failed": 0}
    assert enqueued["build"][-1] == october.pk


def test_the_sweep_gives_up_on_a_build_killed_at_every_attempt(october, clock, staff):
    for _ in range(services.MAX_ATTEMPTS):
        R.objects.filter(pk=october.pk).update(status=R.Status.QUEUED)
        assert services.archive_claim(archive_id=october.pk) is not None  # killed each time
    clock.shift(services.STALE_AFTER + dt.timedelta(minutes=1))
    assert services.archives_sweep()["failed"] == 1
    october.refresh_from_db()
    assert october.status == R.Status.FAILED
    assert Notification.objects.filter(recipient=staff, title__startswith="报告生成失败").count() == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "monthly", "year": 2026, "month": 11}, "尚未结束"),
        ({"kind": "monthly", "year": 2026, "month": None}, "须选择月份"),
        ({"kind": "annual", "year": 2026, "as_of": dt.date(2026, 12, 1)}, "不能晚于今天"),
        ({"kind": "annual", "year": 2026, "as_of": dt.date(2025, 12, 31)}, "不能早于2026年1月1日"),
        ({"kind": "annual", "year": 2027}, "年度须在"),
    ],
)
def test_a_request_for_a_period_that_cannot_be_reported_is_refused(staff, kwargs, message):
    with pytest.raises(DomainError) as excinfo:
        services.report_request(fmt="pdf", by=staff, **kwargs)
    assert message in excinfo.value.message
    assert R.objects.count() == 0


def test_the_monthly_report_of_last_month_is_built_once_on_the_first(enqueued, django_capture_on_commit_callbacks):
    first = dt.date(2026, 11, 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert monthly_auto.apply(kwargs={"on": first.isoformat()}).successful()
    with django_capture_on_commit_callbacks(execute=True):
        assert monthly_auto.apply(kwargs={"on": first.isoformat()}).successful()
    archives = R.objects.order_by("format")
    assert [(a.kind, a.year, a.month, a.as_of, a.format) for a in archives] == [
        ("monthly", 2026, 10, dt.date(2026, 10, 31), "pdf"),
        ("monthly", 2026, 10, dt.date(2026, 10, 31), "xlsx"),
    ]
    assert sorted(enqueued["build"]) == sorted(a.pk for a in archives)
    services.monthly_auto(today=dt.date(2026, 1, 1))
    assert R.objects.filter(year=2025, month=12).count() == 2


def test_the_year_end_report_is_built_on_the_day_set_in_the_rules_only(
    enqueued, clock, django_capture_on_commit_callbacks
):
    rules = HandlingRules.current()
    rules.annual_report_month, rules.annual_report_day = 11, 20
    rules.save(update_fields=["annual_report_month", "annual_report_day"])
    assert services.annual_auto(today=dt.date(2026, 11, 19)) == []
    clock.move_to(at(dt.date(2026, 11, 20), 23))
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert annual_auto.apply(kwargs={"on": "2026-11-20"}).successful()
    assert sorted(R.objects.values_list("kind", "as_of", "format")) == [
        ("annual", dt.date(2026, 11, 20), "pdf"),
        ("annual", dt.date(2026, 11, 20), "xlsx"),
    ]
    assert len(enqueued["build"]) == 2


# --- the pages ---------------------------------------------------------------------------------


def test_leaders_and_staff_see_the_archive_list_and_others_get_403(client, october):
    for user in (f.leader_user(), f.staff_user()):
        client.force_login(user)
        page = client.get(reverse("dashboard:archive_list"))
        assert page.status_code == 200
        assert "2026年10月月度督办报告" in page.content.decode()
        assert "排队中" in page.content.decode()
    for user in (f.deputy().user, f.handler_of(f.unit())):
        client.force_login(user)
        assert client.get(reverse("dashboard:archive_list")).status_code == 403
        assert client.get(reverse("dashboard:archive_download", args=[october.pk])).status_code == 403
        assert client.post(reverse("dashboard:archive_request"), {"kind": "annual", "year": "2026"}).status_code == 403
    assert R.objects.count() == 1


def test_a_leader_requests_a_report_from_the_form(client, enqueued, django_capture_on_commit_callbacks):
    leader = f.leader_user()
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("dashboard:archive_request"),
            {"kind": "annual", "year": "2026", "as_of": "2026-10-31", "format": "xlsx"},
        )
    assert response.status_code == 302
    archive = R.objects.get()
    assert (archive.kind, archive.as_of, archive.format, archive.requested_by) == (
        "annual",
        dt.date(2026, 10, 31),
        "xlsx",
        leader,
    )
    assert enqueued["build"] == [archive.pk]


def test_a_bad_request_shows_the_reason_and_keeps_the_entries(client):
    client.force_login(f.leader_user())
    response = client.post(
        reverse("dashboard:archive_request"), {"kind": "monthly", "year": "2026", "month": "11", "format": "pdf"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "2026年11月尚未结束" in page
    assert 'value="2026"' in page
    assert '<option value="11" selected>' in page
    assert R.objects.count() == 0


def test_a_ready_report_is_downloaded_and_an_unfinished_one_is_not(client, october):
    client.force_login(f.leader_user())
    assert client.get(reverse("dashboard:archive_download", args=[october.pk])).status_code == 404
    services.archive_build(archive_id=october.pk)
    response = client.get(reverse("dashboard:archive_download", args=[october.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert "超期未答复件" in book.sheetnames


def test_a_failed_report_can_be_rebuilt_from_the_list(client, october, enqueued, django_capture_on_commit_callbacks):
    services.archive_fail(archive=october, error="磁盘已满")
    client.force_login(f.leader_user())
    assert "磁盘已满" in client.get(reverse("dashboard:archive_list")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dashboard:archive_rebuild", args=[october.pk]))
    assert response.status_code == 302
    october.refresh_from_db()
    assert (october.status, october.attempts, october.error) == (R.Status.QUEUED, 0, "")
    assert enqueued["build"][-1] == october.pk
