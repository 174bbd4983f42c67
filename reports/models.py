"""Archived report files (PDF / Excel), built in the background and downloaded when ready."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce

from reports.item_facts import StatItemFact  # noqa: F401  (the statistics' temporary table)
from reports.recorded_facts import RecordedFacts  # noqa: F401  (each item's latest records, kept by triggers)


class ReportArchive(models.Model):
    """One report file for one (kind, period, as-of date, format).

    The row is the unit of work of the build task: the task claims it with a conditional UPDATE
    (``queued`` → ``building`` with a fresh ``claim_token``), writes the file under a name fixed by
    the row, and flips it to ``ready`` only if its claim still holds. A retried or duplicated task
    therefore rewrites the same file of the same row: one archive, never two or none.
    """

    class Kind(models.TextChoices):
        ANNUAL = "annual", "年度报告"
        MONTHLY = "monthly", "月度督办报告"

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel"

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        BUILDING = "building", "生成中"
        READY = "ready", "已生成"
        FAILED = "failed", "生成失败"

    kind = models.CharField("报告类型", max_length=8, choices=Kind.choices)
    year = models.PositiveSmallIntegerField("年度")
    month = models.PositiveSmallIntegerField("月份", null=True, blank=True)
    as_of = models.DateField("统计截至")
    format = models.CharField("格式", max_length=4, choices=Format.choices)
    file = models.FileField("文件", upload_to="reports/", max_length=300, blank=True)
    size = models.PositiveIntegerField("文件大小（字节）", null=True, blank=True)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.QUEUED, db_index=True)
    error = models.TextField("错误信息", blank=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    claim_token = models.UUIDField("任务令牌", null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField("开始生成时间", null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField("申请时间")
    built_at = models.DateTimeField("生成时间", null=True, blank=True)

    class Meta:
        verbose_name = "报告归档"
        verbose_name_plural = "报告归档"
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                "kind", "year", Coalesce("month", 0), "as_of", "format", name="report_archive_one_per_period"
            ),
            models.CheckConstraint(
                condition=Q(kind="annual", month__isnull=True) | Q(kind="monthly", month__gte=1, month__lte=12),
                name="report_archive_month_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["status", "claimed_at"], name="report_archive_status_claimed")]

    def __str__(self) -> str:
        return f"{self.period_label}{self.get_kind_display()}（截至{self.as_of:%Y-%m-%d}，{self.get_format_display()}）"

    @property
    def period_label(self) -> str:
        return f"{self.year}年{self.month}月" if self.month else f"{self.year}年"

    @property
    def download_name(self) -> str:
        return f"{self.period_label}{self.get_kind_display()}（截至{self.as_of:%Y-%m-%d}）.{self.format}"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY


class FigureSnapshot(models.Model):
    """The dashboard's figures for one (year, as-of day), exactly as the statistics module returned them.

    ``report`` is ``annual_report(year=, as_of=)`` and ``lists`` is ``open_item_lists(as_of=, year=,
    limit=)``: the page reads them instead of recounting every item on each view. Today's snapshot is
    rebuilt in the background on a schedule and shortly after the events that change the figures
    (``stale_since`` marks that a rebuild is queued); a past day's is built once and kept.
    """

    year = models.PositiveSmallIntegerField("年度")
    as_of = models.DateField("统计截至")
    report = models.JSONField("年度统计")
    lists = models.JSONField("待办清单")
    list_limit = models.PositiveSmallIntegerField("清单条数")
    built_at = models.DateTimeField("数据更新时间")
    build_seconds = models.FloatField("生成用时（秒）", default=0)
    stale_since = models.DateTimeField("待更新自", null=True, blank=True)

    class Meta:
        verbose_name = "统计快照"
        verbose_name_plural = "统计快照"
        constraints = [models.UniqueConstraint(fields=["year", "as_of"], name="figure_snapshot_one_per_day")]

    def __str__(self) -> str:
        return f"{self.year}年截至{self.as_of:%Y-%m-%d}（{self.built_at:%Y-%m-%d %H:%M}）"
