"""Ledger files uploaded in the browser: saved, checked and imported in the background.

Each step claims the upload with a conditional UPDATE on its status, so a task that runs twice (or on
two workers) checks or imports once. Confirming a background import moves the upload from "checked" to
"importing" at once (a second confirm finds it taken and is refused), so its page reads the state from
the row while the import waits for a worker. The import's own claim ("importing" → done) is made inside
the import's transaction: if the worker dies half-way, the claim rolls back with the rows and a retry
can take it again, while a second worker waits on the row lock and then finds it taken.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from files.validators import LEDGER_FILE, check_upload
from ledger.models import LedgerUpload
from ledger.report import LedgerError, LedgerInvalid, LedgerReport
from ledger.services import ledger_check, ledger_import
from proposals.errors import DomainError

Status = LedgerUpload.Status
logger = logging.getLogger(__name__)


@transaction.atomic
def ledger_upload_create(*, file: UploadedFile, by, background: bool = True) -> LedgerUpload:
    """Save an uploaded ledger. ``background``: queue its check (after the transaction commits); otherwise
    the caller checks it while the user waits (``upload_run_check``)."""
    name = Path(file.name or "").name
    try:
        check_upload(file, LEDGER_FILE)
    except ValidationError as exc:
        raise DomainError(exc.messages[0]) from exc
    upload = LedgerUpload(original_name=name[:255], uploaded_by=by)
    upload.file.save(name, file, save=False)
    upload.save()
    if background:
        transaction.on_commit(lambda: _queue_check(upload.pk))
    return upload


def _queue_check(upload_id: int) -> None:
    from ledger.tasks import ledger_upload_check

    try:
        ledger_upload_check.delay(upload_id)
    except Exception:
        logger.warning("台账校验任务入队失败（台账 %s）", upload_id, exc_info=True)
        upload_mark_failed(upload_id=upload_id, reason="后台校验暂时无法开始（任务队列不可用），请稍后重新上传")


@transaction.atomic
def ledger_upload_confirm(*, upload: LedgerUpload, by) -> LedgerUpload:
    """The staff member confirms a checked ledger: mark it "importing" and queue its import.

    The upload is claimed with a conditional UPDATE, so of two confirms only one queues an import.
    Should the import not be queued (the broker is down), the upload goes back to "checked" and can be
    confirmed again.
    """
    claimed = LedgerUpload.objects.filter(pk=upload.pk, status=Status.CHECKED).update(status=Status.IMPORTING)
    upload.refresh_from_db(fields=["status"])
    if not claimed:
        raise DomainError(f"此台账当前状态为「{upload.get_status_display()}」，只有校验通过的台账才能导入")
    transaction.on_commit(lambda: _queue_import(upload.pk))
    return upload


def _queue_import(upload_id: int) -> None:
    from ledger.tasks import ledger_upload_import

    try:
        ledger_upload_import.delay(upload_id)
    except Exception:
        logger.warning("台账导入任务入队失败（台账 %s），已退回待确认", upload_id, exc_info=True)
        LedgerUpload.objects.filter(pk=upload_id, status=Status.IMPORTING).update(status=Status.CHECKED)


def upload_run_check(*, upload_id: int) -> LedgerUpload | None:
    """Check the upload's file and store the report; ``None`` when another run has moved it on."""
    claimed = LedgerUpload.objects.filter(pk=upload_id, status__in=[Status.UPLOADED, Status.CHECKING]).update(
        status=Status.CHECKING
    )
    if not claimed:
        return None
    upload = LedgerUpload.objects.get(pk=upload_id)
    with upload.file.open("rb") as file:
        report = ledger_check(file=file, filename=upload.original_name)
    LedgerUpload.objects.filter(pk=upload_id, status=Status.CHECKING).update(
        status=Status.CHECKED if report.ok else Status.INVALID,
        report=report.as_dict(),
        finished_at=timezone.now(),
    )
    upload.refresh_from_db()
    return upload


def upload_run_import(*, upload_id: int) -> LedgerUpload | None:
    """Import the upload once; ``None`` when it is already imported or being imported elsewhere."""
    LedgerUpload.objects.filter(pk=upload_id, status__in=[Status.UPLOADED, Status.CHECKED]).update(
        status=Status.IMPORTING
    )
    with transaction.atomic():
        claimed = LedgerUpload.objects.filter(pk=upload_id, status=Status.IMPORTING).update(status=Status.IMPORTED)
        if not claimed:
            return None
        upload = LedgerUpload.objects.select_related("uploaded_by").get(pk=upload_id)
        try:
            with upload.file.open("rb") as file:
                report = ledger_import(file=file, filename=upload.original_name, by=upload.uploaded_by)
            status = Status.IMPORTED
        except LedgerInvalid as exc:
            report, status = exc.report, Status.INVALID
        LedgerUpload.objects.filter(pk=upload_id).update(
            status=status, report=report.as_dict(), finished_at=timezone.now()
        )
    upload.refresh_from_db()
    return upload


def upload_mark_failed(*, upload_id: int, reason: str) -> None:
    """After the last retry: say so on the upload (only if it is still in progress)."""
    report = LedgerReport(errors=[LedgerError(row=0, column="", value="", reason=reason)])
    LedgerUpload.objects.filter(pk=upload_id, status__in=[Status.UPLOADED, Status.CHECKING, Status.IMPORTING]).update(
        status=Status.FAILED, report=report.as_dict(), finished_at=timezone.now()
    )
