"""Requesting and building archived report files.

``report_request`` records (or re-queues) the one archive row of a (kind, period, as-of, format)
and enqueues its build on commit. ``archive_build`` is what the task runs: claim the row with a
conditional UPDATE, build the bytes from ``reports.statistics``, write the file under the row's
fixed name, then flip the row to ready in one transaction, only if the claim still holds. A
build that raises releases its claim for the retry; the last failure marks the row failed and tells
the office. A worker that dies holding a claim leaves it to go stale; the sweep re-queues it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from notifications import links
from notifications.models import Kind as NotificationKind
from notifications.recipients import office_staff
from notifications.services import notify
from proposals.errors import DomainError
from proposals.models import HandlingRules
from reports.models import ReportArchive

logger = logging.getLogger("reports")

R = ReportArchive
MAX_ATTEMPTS = 3
# A claim older than this belongs to a worker that died (the task's hard time limit is shorter).
STALE_AFTER = dt.timedelta(minutes=15)
# A queued row older than this lost its task (e.g. the broker was down); the sweep re-enqueues it.
QUEUED_GRACE = dt.timedelta(minutes=5)
EARLIEST_YEAR = 2000


class ReportBuildFailed(Exception):
    """The build failed for the last time; the archive is marked failed and the office told."""


@dataclass(frozen=True)
class Requested:
    archive: ReportArchive
    message: str
    enqueued: bool


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _period(*, kind: str, year: int, month: int | None, as_of: dt.date | None, today: dt.date) -> tuple:
    if kind not in R.Kind.values:
        raise DomainError("请选择报告类型")
    if not EARLIEST_YEAR <= year <= today.year:
        raise DomainError(f"年度须在{EARLIEST_YEAR}年至{today.year}年之间")
    if kind == R.Kind.MONTHLY:
        if month is None or not 1 <= month <= 12:
            raise DomainError("月度督办报告须选择月份")
        end = month_end(year, month)
        if end >= today:
            raise DomainError(f"{year}年{month}月尚未结束，月度督办报告须在次月生成")
        return month, end
    as_of = as_of or today
    if as_of > today:
        raise DomainError("统计截至日期不能晚于今天")
    if as_of < dt.date(year, 1, 1):
        raise DomainError(f"统计截至日期不能早于{year}年1月1日")
    return None, as_of


def report_request(
    *,
    kind: str,
    year: int,
    fmt: str,
    by=None,
    month: int | None = None,
    as_of: dt.date | None = None,
    rebuild: bool = False,
) -> Requested:
    """Ask for a report file. Returns its archive row and what happened, in Chinese.

    A report for a day that is over is reproducible: an archive already built is returned as is
    unless ``rebuild``. A report as of today is rebuilt, since the day is not over yet.
    """
    if fmt not in R.Format.values:
        raise DomainError("请选择文件格式")
    today = timezone.localdate()
    month, as_of = _period(kind=kind, year=year, month=month, as_of=as_of, today=today)
    key = {"kind": kind, "year": year, "month": month, "as_of": as_of, "format": fmt}
    now = timezone.now()
    with transaction.atomic():
        archive = R.objects.select_for_update().filter(**key).first()
        if archive is None:
            try:
                with transaction.atomic():
                    archive = R.objects.create(**key, requested_by=by, requested_at=now)
            except IntegrityError:
                archive = R.objects.select_for_update().get(**key)
            else:
                _enqueue_on_commit(archive.pk)
                return Requested(archive, "已提交生成，请稍后在列表中下载", True)
        if archive.status in (R.Status.QUEUED, R.Status.BUILDING):
            return Requested(archive, "该报告正在生成，请稍候", False)
        if archive.status == R.Status.READY and not rebuild and as_of < today:
            return Requested(archive, "该报告已生成，可直接下载", False)
        _requeue(archive, by=by, now=now)
        _enqueue_on_commit(archive.pk)
        return Requested(archive, "已提交重新生成，请稍后在列表中下载", True)


def _requeue(archive: ReportArchive, *, by, now) -> None:
    R.objects.filter(pk=archive.pk, status__in=[R.Status.READY, R.Status.FAILED]).update(
        status=R.Status.QUEUED, attempts=0, error="", claim_token=None, requested_by=by, requested_at=now
    )
    archive.refresh_from_db()


def _enqueue_on_commit(archive_id: int) -> None:
    transaction.on_commit(lambda: enqueue_build(archive_id))


def enqueue_build(archive_id: int) -> None:
    from reports.tasks import build_archive

    try:
        build_archive.delay(archive_id)
    except Exception:
        logger.warning("报告生成任务入队失败（归档 %s），将由定时任务补发", archive_id, exc_info=True)


# --- the build ---------------------------------------------------------------------------------


def archive_claim(*, archive_id: int) -> uuid.UUID | None:
    """Take the archive for this worker: a queued row, or a building row whose claim went stale."""
    now = timezone.now()
    token = uuid.uuid4()
    claimed = (
        R.objects.filter(pk=archive_id, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(status=R.Status.QUEUED) | Q(status=R.Status.BUILDING, claimed_at__lt=now - STALE_AFTER))
        .update(status=R.Status.BUILDING, attempts=F("attempts") + 1, claim_token=token, claimed_at=now)
    )
    return token if claimed else None


def file_name(archive: ReportArchive) -> str:
    """The archive's file name, fixed by the row, so a retry overwrites rather than adds."""
    period = f"{archive.year}-{archive.month:02d}" if archive.month else f"{archive.year}"
    return f"reports/{archive.year}/{archive.kind}-{period}-asof-{archive.as_of:%Y%m%d}-{archive.pk}.{archive.format}"


def render(archive: ReportArchive) -> bytes:
    from reports import builders, statistics

    if archive.kind == R.Kind.ANNUAL:
        data = statistics.annual_report(year=archive.year, as_of=archive.as_of)
    else:
        data = statistics.monthly_report(year=archive.year, month=archive.month)
    build = builders.build_pdf if archive.format == R.Format.PDF else builders.build_xlsx
    return build(archive.kind, data)


def _write(name: str, content: bytes) -> str:
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(content))


def archive_build(*, archive_id: int) -> ReportArchive | None:
    """Build the archive if this worker can claim it; None when another run has it or it is done."""
    token = archive_claim(archive_id=archive_id)
    if token is None:
        return None
    archive = R.objects.get(pk=archive_id)
    try:
        content = render(archive)
        name = _write(file_name(archive), content)
        with transaction.atomic():
            flipped = R.objects.filter(pk=archive_id, status=R.Status.BUILDING, claim_token=token).update(
                status=R.Status.READY,
                file=name,
                size=len(content),
                built_at=timezone.now(),
                error="",
                claim_token=None,
            )
            if not flipped:
                logger.warning("报告归档 %s 的生成任务已被接替，本次结果不再登记", archive_id)
                return None
            archive.refresh_from_db()
            _notify_ready(archive)
        return archive
    except Exception as exc:
        if _release(archive_id=archive_id, token=token, error=exc):
            raise ReportBuildFailed(str(exc)) from exc
        raise


def _release(*, archive_id: int, token: uuid.UUID, error: Exception) -> bool:
    """Give the claim back after a failed build: queued for the retry, or failed after the last attempt.

    Returns True when the archive is now failed (no retry will take it)."""
    message = f"{type(error).__name__}: {error}"[:2000]
    with transaction.atomic():
        archive = R.objects.select_for_update().filter(pk=archive_id, claim_token=token).first()
        if archive is None or archive.status != R.Status.BUILDING:
            return False
        final = archive.attempts >= MAX_ATTEMPTS
        archive.status = R.Status.FAILED if final else R.Status.QUEUED
        archive.error = message
        archive.claim_token = None
        archive.save(update_fields=["status", "error", "claim_token"])
        if final:
            _notify_failed(archive)
    log = logger.error if final else logger.warning
    log("报告归档 %s 第%d次生成失败：%s", archive_id, archive.attempts, message)
    return final


def archive_fail(*, archive: ReportArchive, error: str) -> None:
    """Mark an archive failed (after its last attempt) and tell the office."""
    with transaction.atomic():
        updated = R.objects.filter(pk=archive.pk, status__in=[R.Status.QUEUED, R.Status.BUILDING]).update(
            status=R.Status.FAILED, error=error[:2000], claim_token=None
        )
        if updated:
            archive.refresh_from_db()
            _notify_failed(archive)


def _notify_ready(archive: ReportArchive) -> None:
    if archive.requested_by is not None:
        notify(
            recipients=[archive.requested_by],
            kind=NotificationKind.REPORT,
            title=f"报告已生成：{archive}",
            body="报告已生成并归档，可在“报告归档”中下载。",
            link=links.report_archive(),
        )


def _notify_failed(archive: ReportArchive) -> None:
    recipients = office_staff()
    if archive.requested_by is not None:
        recipients.append(archive.requested_by)
    notify(
        recipients=recipients,
        kind=NotificationKind.REPORT,
        title=f"报告生成失败：{archive}",
        body=f"已尝试 {archive.attempts} 次，仍未生成。错误信息：{archive.error}\n请检查后在“报告归档”中重新生成。",
        link=links.report_archive(),
    )


def archives_sweep() -> dict[str, int]:
    """Re-enqueue queued archives whose task was lost, and recover builds whose worker died."""
    now = timezone.now()
    counts = {"requeued": 0, "failed": 0}
    stale = R.objects.filter(status=R.Status.BUILDING, claimed_at__lt=now - STALE_AFTER).order_by("pk")[:100]
    for archive in stale:
        if archive.attempts >= MAX_ATTEMPTS:
            archive_fail(archive=archive, error="生成任务多次中断（进程终止或超时），已停止重试")
            counts["failed"] += 1
        else:
            enqueue_build(archive.pk)
            counts["requeued"] += 1
    lost = R.objects.filter(status=R.Status.QUEUED, requested_at__lt=now - QUEUED_GRACE).order_by("pk")[:100]
    for archive in lost:
        enqueue_build(archive.pk)
        counts["requeued"] += 1
    return counts


# --- the scheduled reports ---------------------------------------------------------------------


def previous_month(today: dt.date) -> tuple[int, int]:
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def monthly_auto(*, today: dt.date) -> list[Requested]:
    """The monthly supervision report of the month before, in both formats (once)."""
    year, month = previous_month(today)
    return [report_request(kind=R.Kind.MONTHLY, year=year, month=month, fmt=fmt, by=None) for fmt in R.Format.values]


def annual_report_day(*, year: int, rules: HandlingRules) -> dt.date:
    """The day the year-end report is due, per the rules (a day past the month's end is its last day)."""
    month = min(max(rules.annual_report_month, 1), 12)
    day = min(max(rules.annual_report_day, 1), calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def annual_auto(*, today: dt.date) -> list[Requested]:
    """On the day set in the rules, the year-end report as of that day, in both formats (once)."""
    if today != annual_report_day(year=today.year, rules=HandlingRules.current()):
        return []
    done = set(
        R.objects.filter(kind=R.Kind.ANNUAL, year=today.year, as_of=today)
        .exclude(status=R.Status.FAILED)
        .values_list("format", flat=True)
    )
    return [
        report_request(kind=R.Kind.ANNUAL, year=today.year, as_of=today, fmt=fmt, by=None)
        for fmt in R.Format.values
        if fmt not in done
    ]
