from django.conf import settings
from django.db import models


class HandlingRules(models.Model):
    """The office's deadline rules (one row), editable in the admin; defaults per DESIGN §4."""

    office_name = models.CharField(
        "机构名称",
        max_length=100,
        blank=True,
        help_text="显示在页头、登录页和统计报告上，如“某某市人大常委会代表工作委员会”；不填时用 OFFICE_NAME",
    )
    reply_months = models.PositiveSmallIntegerField("答复期限（交办后月数）", default=3)
    extension_cap_months = models.PositiveSmallIntegerField("延期上限（交办后月数）", default=6)
    co_opinion_months = models.PositiveSmallIntegerField("协办意见期限（交办后月数）", default=1)
    sign_workdays = models.PositiveSmallIntegerField("签收期限（工作日）", default=3)
    adjustment_workdays = models.PositiveSmallIntegerField("申请调整期限（交办后工作日）", default=10)
    rehandle_months = models.PositiveSmallIntegerField("重新办理期限（评价后月数）", default=1)
    evaluation_months = models.PositiveSmallIntegerField("代表评价期限（答复后月数）", default=1)
    remind_first_days = models.PositiveSmallIntegerField("首次临期提醒（到期前天数）", default=15)
    remind_second_days = models.PositiveSmallIntegerField("再次临期提醒（到期前天数）", default=3)
    urge_repeat_days = models.PositiveSmallIntegerField("催办间隔（天）", default=3)
    reply_review = models.BooleanField(
        "答复审查", default=True, help_text="开启后，承办单位提交的答复经代表工作机构审查通过才送达代表"
    )
    publish_workdays = models.PositiveSmallIntegerField("答复后公开（工作日）", default=20)
    cosign_days = models.PositiveSmallIntegerField(
        "附议确认期限（邀请后天数）", default=7, help_text="受邀代表须在此期限内确认附议，逾期邀请失效"
    )
    motion_min_signers = models.PositiveSmallIntegerField(
        "议案联名代表最少人数（含领衔代表）",
        default=10,
        help_text="代表在平台上提交议案时，领衔代表加已确认的附议代表须达到此人数",
    )
    suggestion_min_cosigners = models.PositiveSmallIntegerField(
        "建议所需附议代表人数", default=0, help_text="0 表示建议不需要附议"
    )
    annual_report_month = models.PositiveSmallIntegerField("年度报告生成月份", default=12)
    annual_report_day = models.PositiveSmallIntegerField("年度报告生成日", default=31)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "办理规则"
        verbose_name_plural = "办理规则"

    def __str__(self) -> str:
        return "办理规则"

    @property
    def display_office_name(self) -> str:
        return self.office_name.strip() or settings.OFFICE_NAME

    @classmethod
    def current(cls) -> "HandlingRules":
        rules = cls.objects.order_by("pk").first()
        return rules if rules is not None else cls.objects.create()
