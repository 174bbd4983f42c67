"""Uploaded ledgers are checked and imported by Celery tasks, which never import a file twice."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_fsm_log.models import StateLog

from ledger.models import LedgerUpload
from ledger.tasks import ledger_upload_check, ledger_upload_import
from ledger.uploads import ledger_upload_confirm, ledger_upload_create
from proposals.errors import DomainError
from proposals.models import Proposal
from tests.ledger.conftest import ASSIGNED, REPLIED, item, xlsx_bytes

pytestmark = pytest.mark.django_db

Status = LedgerUpload.Status


def upload_of(rows, staff, name="2025年台账.xlsx") -> LedgerUpload:
    return LedgerUpload.objects.create(
        file=SimpleUploadedFile(name, xlsx_bytes(rows)), original_name=name, uploaded_by=staff
    )


def test_uploading_saves_the_file_and_queues_its_check(staff, django_capture_on_commit_callbacks, monkeypatch):
    queued = []
    monkeypatch.setattr(ledger_upload_check, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        upload = ledger_upload_create(file=SimpleUploadedFile("台账.xlsx", xlsx_bytes([item()])), by=staff)

    assert queued == [upload.pk]
    assert upload.status == Status.UPLOADED
    assert upload.original_name == "台账.xlsx"
    assert upload.file.name.startswith("ledger/")
    assert upload.uploaded_by == staff


def test_uploading_a_file_that_is_not_a_ledger_is_refused(staff):
    with pytest.raises(DomainError, match="xlsx"):
        ledger_upload_create(file=SimpleUploadedFile("台账.pdf", b"%PDF"), by=staff)

    assert not LedgerUpload.objects.exists()


def test_the_check_task_stores_the_report_and_writes_nothing(staff):
    upload = upload_of([item(REPLIED), item(ASSIGNED)], staff)

    assert ledger_upload_check(upload.pk) == Status.CHECKED

    upload.refresh_from_db()
    assert upload.status == Status.CHECKED
    assert upload.report["ok"] is True
    assert upload.report["rows"] == 2
    assert upload.report["sessions_created"] == ["市十七届人大四次会议"]
    assert upload.finished_at is not None
    assert not Proposal.objects.exists()


def test_the_check_task_stores_every_error_of_an_invalid_file(staff):
    upload = upload_of([item(类型="提案"), item(ASSIGNED, 答复类别="A")], staff)

    assert ledger_upload_check(upload.pk) == Status.INVALID

    upload.refresh_from_db()
    assert upload.report["error_count"] == 2
    assert [(e["row"], e["column"], e["value"]) for e in upload.report["errors"]] == [
        (2, "类型", "提案"),
        (3, "答复类别", "A"),
    ]


def test_a_check_that_already_finished_is_not_run_again(staff):
    upload = upload_of([item()], staff)
    ledger_upload_check(upload.pk)

    assert ledger_upload_check(upload.pk) == "skipped"
    upload.refresh_from_db()
    assert upload.status == Status.CHECKED


def test_confirming_queues_the_import_of_a_checked_upload_only(staff, django_capture_on_commit_callbacks, monkeypatch):
    queued = []
    monkeypatch.setattr(ledger_upload_import, "delay", queued.append)
    upload = upload_of([item()], staff)
    with pytest.raises(DomainError, match="校验通过"):
        ledger_upload_confirm(upload=upload, by=staff)
    ledger_upload_check(upload.pk)
    upload.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        ledger_upload_confirm(upload=upload, by=staff)

    assert queued == [upload.pk]


def test_an_upload_checked_while_the_user_waits_queues_no_check(staff, django_capture_on_commit_callbacks, monkeypatch):
    queued = []
    monkeypatch.setattr(ledger_upload_check, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        upload = ledger_upload_create(
            file=SimpleUploadedFile("台账.xlsx", xlsx_bytes([item()])), by=staff, background=False
        )

    assert (queued, callbacks) == ([], [])
    assert upload.status == Status.UPLOADED


def test_confirming_marks_the_upload_importing_before_a_worker_takes_it(
    staff, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(ledger_upload_import, "delay", lambda *a: None)
    upload = upload_of([item()], staff)
    ledger_upload_check(upload.pk)
    upload.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = ledger_upload_confirm(upload=upload, by=staff)

    assert confirmed.status == Status.IMPORTING
    assert LedgerUpload.objects.get(pk=upload.pk).status == Status.IMPORTING
    assert not Proposal.objects.exists()


def test_a_second_confirm_with_the_page_it_saw_is_refused_and_queues_nothing(
    staff, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(ledger_upload_import, "delay", queued.append)
    upload = upload_of([item()], staff)
    ledger_upload_check(upload.pk)
    first, second = LedgerUpload.objects.get(pk=upload.pk), LedgerUpload.objects.get(pk=upload.pk)

    with django_capture_on_commit_callbacks(execute=True):
        ledger_upload_confirm(upload=first, by=staff)
        with pytest.raises(DomainError, match="导入中"):
            ledger_upload_confirm(upload=second, by=staff)

    assert queued == [upload.pk]


def test_a_confirmed_import_runs_once_however_often_the_task_is_delivered(
    staff, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(ledger_upload_import, "delay", lambda *a: None)
    upload = upload_of([item(编号="0001"), item(编号="0002")], staff)
    ledger_upload_check(upload.pk)
    upload.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        ledger_upload_confirm(upload=upload, by=staff)

    assert ledger_upload_import(upload.pk) == Status.IMPORTED
    assert ledger_upload_import(upload.pk) == "skipped"
    assert Proposal.objects.count() == 2


def test_an_import_the_broker_refuses_goes_back_to_be_confirmed_again(
    staff, django_capture_on_commit_callbacks, monkeypatch
):
    def down(*args):
        raise ConnectionError("Connection refused")

    monkeypatch.setattr(ledger_upload_import, "delay", down)
    upload = upload_of([item()], staff)
    ledger_upload_check(upload.pk)
    upload.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        ledger_upload_confirm(upload=upload, by=staff)

    assert LedgerUpload.objects.get(pk=upload.pk).status == Status.CHECKED


def test_the_import_task_imports_once_however_often_it_runs(staff):
    upload = upload_of([item(REPLIED, 编号="0001"), item(编号="0002")], staff)
    ledger_upload_check(upload.pk)

    assert ledger_upload_import(upload.pk) == Status.IMPORTED
    assert ledger_upload_import(upload.pk) == "skipped"
    assert ledger_upload_check(upload.pk) == "skipped"

    upload.refresh_from_db()
    assert upload.status == Status.IMPORTED
    assert upload.report["imported"] == 2
    assert Proposal.objects.count() == 2
    log = StateLog.objects.get(object_id=Proposal.objects.get(number="0001").pk)
    assert (log.by, log.description) == (staff, "台账导入：2025年台账.xlsx 第2行")


def test_an_import_interrupted_half_way_can_be_run_again(staff):
    upload = upload_of([item(编号="0001")], staff)
    LedgerUpload.objects.filter(pk=upload.pk).update(status=Status.IMPORTING)  # a worker died after claiming it

    assert ledger_upload_import(upload.pk) == Status.IMPORTED
    assert Proposal.objects.count() == 1


def test_an_import_that_finds_the_data_changed_since_the_check_writes_nothing(staff):
    first = upload_of([item(编号="0001")], staff)
    second = upload_of([item(编号="0002"), item(编号="0001")], staff)
    ledger_upload_check(first.pk)
    ledger_upload_check(second.pk)
    ledger_upload_import(first.pk)

    assert ledger_upload_import(second.pk) == Status.INVALID

    second.refresh_from_db()
    assert [(e["row"], e["column"]) for e in second.report["errors"]] == [(3, "编号")]
    assert list(Proposal.objects.values_list("number", flat=True)) == ["0001"]


def test_a_task_that_keeps_failing_marks_the_upload_failed(staff):
    upload = upload_of([item()], staff)
    LedgerUpload.objects.filter(pk=upload.pk).update(status=Status.IMPORTING)

    ledger_upload_import.on_failure(RuntimeError("boom"), "task-id", (upload.pk,), {}, None)

    upload.refresh_from_db()
    assert upload.status == Status.FAILED
    assert "导入台账时出错" in upload.report["errors"][0]["reason"]


def test_a_failing_run_raises_so_that_celery_retries_it(staff):
    upload = upload_of([item()], staff)
    upload.file.delete(save=False)  # the stored file is gone

    with pytest.raises(FileNotFoundError):
        ledger_upload_check(upload.pk)
    upload.refresh_from_db()
    assert upload.status == Status.CHECKING


def test_a_check_the_broker_refuses_is_shown_as_failed_with_the_reason(
    staff, django_capture_on_commit_callbacks, monkeypatch
):
    def down(*args):
        raise ConnectionError("Connection refused")

    monkeypatch.setattr(ledger_upload_check, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        upload = ledger_upload_create(file=SimpleUploadedFile("台账.xlsx", xlsx_bytes([item()])), by=staff)

    upload.refresh_from_db()
    assert upload.status == Status.FAILED
    assert "任务队列不可用" in upload.report["errors"][0]["reason"]
    assert Proposal.objects.count() == 0
