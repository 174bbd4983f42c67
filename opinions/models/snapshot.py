"""The 民意统计 page's figures as last built in the background (``opinions.figure_snapshots``)."""

from django.db import models


class FiguresSnapshot(models.Model):
    """One part of the figures page — a year's opinions figures for a set of fields, or a quarter's
    receptions against a minimum — exactly as ``opinions.figures`` returned it.

    ``stale_since`` marks that a change arrived after the build and a rebuild is queued; ``read_on`` is
    the last day the page read it (the background refresh keeps only those read lately up to date).
    """

    key = models.CharField("统计范围", max_length=80, unique=True)
    data = models.JSONField("统计结果")
    built_at = models.DateTimeField("数据更新时间")
    build_seconds = models.FloatField("生成用时（秒）", default=0)
    stale_since = models.DateTimeField("待更新自", null=True, blank=True)
    read_on = models.DateField("最近查看日期", null=True, blank=True)

    class Meta:
        verbose_name = "民意统计快照"
        verbose_name_plural = "民意统计快照"

    def __str__(self) -> str:
        return f"{self.key}（{self.built_at:%Y-%m-%d %H:%M}）"
