from django.conf import settings
from django.db import models


class Session(models.Model):
    """A congress session (e.g. 市十七届人大四次会议) or a year's 闭会期间 pseudo-session."""

    class Kind(models.TextChoices):
        CONGRESS = "congress", "大会期间"
        RECESS = "recess", "闭会期间"

    name = models.CharField("会议名称", max_length=100, unique=True)
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    kind = models.CharField("类别", max_length=10, choices=Kind.choices, default=Kind.CONGRESS)
    opened_on = models.DateField("开幕日期", null=True, blank=True)

    class Meta:
        verbose_name = "会议"
        verbose_name_plural = "会议"
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name


class Delegation(models.Model):
    """A delegation (代表团) or group of deputies."""

    name = models.CharField("代表团", max_length=100, unique=True)

    class Meta:
        verbose_name = "代表团"
        verbose_name_plural = "代表团"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Deputy(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputy",
    )
    name = models.CharField("姓名", max_length=50, db_index=True)
    delegation = models.ForeignKey(
        Delegation,
        verbose_name="代表团",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputies",
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)
    occupation = models.CharField("工作单位及职务", max_length=200, blank=True)
    active = models.BooleanField("在任", default=True)

    class Meta:
        verbose_name = "代表"
        verbose_name_plural = "代表"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "delegation"], name="deputy_unique_name_in_delegation"),
        ]

    def __str__(self) -> str:
        return self.name
