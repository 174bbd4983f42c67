from django.db import models
from django.db.models.signals import post_migrate

from proposals.calendar_seed import seed_after_migrate


class DaySource(models.TextChoices):
    PACKAGE = "package", "chinesecalendar 数据"
    PROVISIONAL = "provisional", "暂定（按法定节假日推算）"
    OFFICIAL = "official", "国务院安排（本机构录入）"
    OFFICE = "office", "本机构调整"


class CalendarDay(models.Model):
    """One day of the working-day calendar (State Council holidays and 调休 make-up days).

    ``source`` says where the day comes from; a ``provisional`` day was derived from the law for a
    year the State Council has not announced yet, and deadlines computed over it are marked 暂定.
    """

    date = models.DateField("日期", primary_key=True)
    is_workday = models.BooleanField("工作日")
    note = models.CharField("说明", max_length=50, blank=True)
    source = models.CharField("来源", max_length=12, choices=DaySource.choices, default=DaySource.PACKAGE)

    class Meta:
        verbose_name = "工作日历"
        verbose_name_plural = "工作日历"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {'工作日' if self.is_workday else '休息日'}"


# Keep the table complete after every migrate (and after a test flush): see ``seed_after_migrate``.
post_migrate.connect(seed_after_migrate, dispatch_uid="proposals.calendar_seed.seed_after_migrate")
