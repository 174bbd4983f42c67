"""Liaison stations (代表联络站), their staff logins, and the receptions held there (接待选民)."""

from django.conf import settings
from django.db import models


class Station(models.Model):
    """A place where deputies meet the people of an area; the owner of the opinions it collects."""

    name = models.CharField("站点名称", max_length=100, unique=True)
    area = models.CharField("所在区域", max_length=100, db_index=True)
    address = models.CharField("地址", max_length=200, blank=True)
    deputies = models.ManyToManyField("deputies.Deputy", verbose_name="进站代表", blank=True, related_name="stations")
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "代表联络站"
        verbose_name_plural = "代表联络站"
        ordering = ["area", "name"]

    def __str__(self) -> str:
        return self.name


class StationStaff(models.Model):
    """A login that works for one station (联络站工作人员)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="登录账号", on_delete=models.CASCADE, related_name="station_staff"
    )
    station = models.ForeignKey(Station, verbose_name="联络站", on_delete=models.CASCADE, related_name="staff")

    class Meta:
        verbose_name = "联络站工作人员"
        verbose_name_plural = "联络站工作人员"

    def __str__(self) -> str:
        return f"{self.station} / {self.user.get_full_name() or self.user.get_username()}"


class Reception(models.Model):
    """One 接待选民 activity: when, where, which deputies received, how many people came."""

    station = models.ForeignKey(Station, verbose_name="联络站", on_delete=models.PROTECT, related_name="receptions")
    held_on = models.DateField("接待日期")
    deputies = models.ManyToManyField("deputies.Deputy", verbose_name="接待代表", related_name="receptions")
    visitors = models.PositiveIntegerField("接待群众人数", default=0)
    topic = models.CharField("主题", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "接待选民活动"
        verbose_name_plural = "接待选民活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["station", "-held_on", "-id"], name="reception_station_day")]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.station}"
