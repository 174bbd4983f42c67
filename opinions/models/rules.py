from django.db import models


class OpinionRules(models.Model):
    """The office's rules for the 民意池 (one row), editable in the admin."""

    receptions_per_quarter = models.PositiveSmallIntegerField("每名代表每季度最少接待选民次数", default=1)
    referral_days = models.PositiveSmallIntegerField("转交办理默认期限（天）", default=30)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "民意池规则"
        verbose_name_plural = "民意池规则"

    def __str__(self) -> str:
        return "民意池规则"

    @classmethod
    def current(cls) -> "OpinionRules":
        rules = cls.objects.order_by("pk").first()
        return rules if rules is not None else cls.objects.create()
