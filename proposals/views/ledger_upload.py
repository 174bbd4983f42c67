"""Ledger (台账) upload: upload → check → preview every error or the summary → confirm → import.

Small files (up to ``INLINE_MAX_ROWS`` rows and ``INLINE_MAX_BYTES``) are checked and imported while
the user waits; larger ones go to the background tasks and the preview page refreshes until done.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import staff_required
from common import once
from ledger import uploads
from ledger.bounds import TooLarge, check_workbook
from ledger.columns import COLUMNS
from ledger.models import LedgerUpload
from ledger.template import ledger_template
from proposals.errors import DomainError
from proposals.forms import LedgerUploadForm

from ._common import form_error

INLINE_MAX_ROWS = 2_000
INLINE_MAX_BYTES = 1024 * 1024
RECENT = 15
Status = LedgerUpload.Status
IN_PROGRESS = (Status.UPLOADED, Status.CHECKING, Status.IMPORTING)


def _row_estimate(file) -> int:
    """Data rows in the file, cheaply: newlines of a CSV, the rows an .xlsx's first sheet holds."""
    name = (file.name or "").lower()
    position = file.tell()
    try:
        file.seek(0)
        if name.endswith(".csv"):
            return max(sum(chunk.count(b"\n") for chunk in iter(lambda: file.read(65536), b"")) - 1, 0)
        return check_workbook(file).rows  # streamed and bounded, whatever the sheet declares
    except (TooLarge, OSError, ValueError):
        return 0  # unreadable: the check will say so, in detail
    finally:
        file.seek(position)


def _small_upload(file) -> bool:
    """Checked while the user waits? Only small files are opened here to count their rows."""
    return file.size <= INLINE_MAX_BYTES and _row_estimate(file) <= INLINE_MAX_ROWS


@staff_required
def upload(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and (done := once.replay(request)):
        return done
    form = LedgerUploadForm(request.POST, request.FILES) if request.method == "POST" else LedgerUploadForm()
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        inline = _small_upload(file)
        try:
            record = once.create_once(
                request,
                lambda: uploads.ledger_upload_create(file=file, by=request.user, background=not inline),
                url=lambda record: reverse("workbench:ledger_preview", args=[record.pk]),
                label=f"{file.name}的上传记录",
            )
        except once.Replayed:
            return once.replay(request)
        except DomainError as error:
            form_error(form, error)
        else:
            if inline:
                uploads.upload_run_check(upload_id=record.pk)
            return redirect("workbench:ledger_preview", pk=record.pk)
    recent = LedgerUpload.objects.select_related("uploaded_by").order_by("-created_at", "-id")[:RECENT]
    return render(
        request,
        "proposals/ledger_upload.html",
        {"form": form, "recent": recent, "columns": COLUMNS, "inline_rows": INLINE_MAX_ROWS},
    )


@staff_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(LedgerUpload.objects.select_related("uploaded_by"), pk=pk)
    report = record.report or {}
    return render(
        request,
        "proposals/ledger_preview.html",
        {
            "upload": record,
            "report": report,
            "errors": report.get("errors", []),
            "in_progress": record.status in IN_PROGRESS,
            "can_confirm": record.status == Status.CHECKED,
        },
    )


@staff_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(LedgerUpload, pk=pk)
    if record.status != Status.CHECKED:
        messages.error(request, f"此台账当前状态为「{record.get_status_display()}」，只有校验通过的台账才能导入")
        return redirect("workbench:ledger_preview", pk=pk)
    rows = (record.report or {}).get("rows", 0)
    if record.file.size <= INLINE_MAX_BYTES and rows <= INLINE_MAX_ROWS:
        done = uploads.upload_run_import(upload_id=record.pk)
        if done is None:
            messages.warning(request, "此台账已在导入或已导入，请勿重复提交")
        elif done.status == Status.IMPORTED:
            messages.success(request, f"导入完成：共导入{done.report.get('imported', 0)}件")
        else:
            messages.error(request, "导入时发现错误，未导入任何数据，请查看下方错误清单")
        return redirect("workbench:ledger_preview", pk=pk)
    try:
        record = uploads.ledger_upload_confirm(upload=record, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        record.refresh_from_db(fields=["status"])  # back to "checked" if the import could not be queued
        if record.status == Status.CHECKED:
            messages.error(request, "暂时无法开始后台导入，未导入任何数据，请稍后再次确认导入")
        else:
            messages.info(request, "已开始导入，数据较多，请稍候，本页会自动刷新")
    return redirect("workbench:ledger_preview", pk=pk)


@staff_required
@require_GET
def template(request: HttpRequest) -> HttpResponse:
    """A blank ledger to fill in: the header row, one example row and a sheet of each column's values."""
    from urllib.parse import quote

    buffer = io.BytesIO()
    ledger_template(output=buffer, today=timezone.localdate())
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = quote("议案建议台账模板.xlsx")
    response["Content-Disposition"] = f"attachment; filename=\"ledger-template.xlsx\"; filename*=UTF-8''{filename}"
    return response
