from django.db import models
from django.db.models.signals import post_migrate

from proposals.calendar_seed import seed_after_migrate


class CalendarDay(models.Model):
    """One day of the working-day calendar (State Council holidays and 调休 make-up days)."""

    date = models.DateField("日期", primary_key=True)
    is_workday = models.BooleanField("工作日")
    note = models.CharField("说明", max_length=50, blank=True)

    class Meta:
        verbose_name = "工作日历"
        verbose_name_plural = "工作日历"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {'工作日' if self.is_workday else '休息日'}"


# Keep the table complete after every migrate (and after a test flush): see ``seed_after_migrate``.
post_migrate.connect(seed_after_migrate, dispatch_uid="proposals.calendar_seed.seed_after_migrate")
