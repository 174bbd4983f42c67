"""The deputies' and the units' year: duty activities, point rules, quarterly publications, 优秀建议, unit weights."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

USER = settings.AUTH_USER_MODEL


class DutyKind(models.TextChoices):
    """What a point can be given for: one kind per source of the duty record."""

    LEAD = "lead", "领衔提出议案建议"
    COSIGN = "cosign", "附议议案建议"
    REGISTERED = "registered", "领衔议案建议获立案"
    KEY_SUPERVISION = "key_supervision", "领衔建议列为重点督办"
    EXCELLENT = "excellent", "领衔建议评为优秀建议"
    RATING_ON_TIME = "rating_on_time", "按时评价办理结果"
    MEETING = "meeting", "与承办单位见面沟通"
    CONTACT = "contact", "与承办单位其他沟通"
    RECEPTION = "reception", "参加接待选民活动"
    OPINION = "opinion", "收集群众意见"
    TRAINING = "training", "参加培训"
    INSPECTION = "inspection", "参加视察"
    RESEARCH = "research", "参加调研"
    REPORT = "report", "向选民或选举单位述职"
    OTHER = "other", "其他履职活动"


ACTIVITY_KINDS = (DutyKind.TRAINING, DutyKind.INSPECTION, DutyKind.RESEARCH, DutyKind.REPORT, DutyKind.OTHER)

# The office's starting rules (points per entry, yearly cap per kind; None = no cap).
DEFAULT_POINTS: dict[str, tuple[str, int | None]] = {
    DutyKind.LEAD: ("3", 30),
    DutyKind.COSIGN: ("1", 10),
    DutyKind.REGISTERED: ("2", 20),
    DutyKind.KEY_SUPERVISION: ("5", None),
    DutyKind.EXCELLENT: ("10", None),
    DutyKind.RATING_ON_TIME: ("1", 10),
    DutyKind.MEETING: ("2", 10),
    DutyKind.CONTACT: ("0.5", 5),
    DutyKind.RECEPTION: ("3", 24),
    DutyKind.OPINION: ("0.5", 10),
    DutyKind.TRAINING: ("2", 10),
    DutyKind.INSPECTION: ("2", 10),
    DutyKind.RESEARCH: ("2", 10),
    DutyKind.REPORT: ("5", 5),
    DutyKind.OTHER: ("1", 5),
}


class PointRule(models.Model):
    """积分规则: points for each entry of a kind, and the most that kind can bring in a year."""

    kind = models.CharField("履职事项", max_length=20, choices=DutyKind.choices, unique=True)
    points = models.DecimalField(
        "每项积分", max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )
    yearly_cap = models.DecimalField(
        "年度上限", max_digits=7, decimal_places=1, null=True, blank=True, help_text="留空表示不设上限"
    )
    updated_by = models.ForeignKey(USER, verbose_name="修改人", on_delete=models.SET_NULL, null=True, blank=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "履职积分规则"
        verbose_name_plural = "履职积分规则"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.points}分"


class Activity(models.Model):
    """A duty activity entered by staff (培训, 视察, 调研, 述职 …) with its evidence."""

    deputy = models.ForeignKey(
        "deputies.Deputy", verbose_name="代表", on_delete=models.CASCADE, related_name="duty_activities"
    )
    kind = models.CharField("类别", max_length=20, choices=[(k.value, k.label) for k in ACTIVITY_KINDS])
    held_on = models.DateField("日期", db_index=True)
    title = models.CharField("活动名称", max_length=200)
    evidence = models.TextField("佐证材料说明", max_length=2000)
    evidence_file = models.FileField("佐证文件", upload_to="duties/%Y/%m/", blank=True)
    created_by = models.ForeignKey(USER, verbose_name="录入人", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "履职活动"
        verbose_name_plural = "履职活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["deputy", "held_on"], name="activity_deputy_day")]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", "已推荐"
    SELECTED = "selected", "评为优秀"
    NOT_SELECTED = "not_selected", "未评选"


class ExcellentNomination(models.Model):
    """优秀建议: an item nominated by staff, then decided by the office or the leaders."""

    proposal = models.OneToOneField(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="excellent"
    )
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    reason = models.TextField("推荐理由", max_length=2000)
    status = models.CharField(
        "状态", max_length=14, choices=NominationStatus.choices, default=NominationStatus.NOMINATED
    )
    nominated_by = models.ForeignKey(
        USER, verbose_name="推荐人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    nominated_at = models.DateTimeField("推荐时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        USER, verbose_name="评定人", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField("评定日期", null=True, blank=True)
    decision_note = models.TextField("评定意见", max_length=2000, blank=True)
    version = models.PositiveIntegerField("版本", default=0, editable=False)

    class Meta:
        verbose_name = "优秀建议"
        verbose_name_plural = "优秀建议"
        ordering = ["-year", "status", "id"]

    def __str__(self) -> str:
        return f"{self.year} {self.proposal}"


class Publication(models.Model):
    """A quarterly publication (季度公示) of the points, frozen as published: rules changed later leave it as is."""

    year = models.PositiveSmallIntegerField("年度")
    quarter = models.PositiveSmallIntegerField("季度")
    as_of = models.DateField("统计截止日")
    rows = models.JSONField("公示数据", default=list)
    rules = models.JSONField("所用积分规则", default=list)
    published_by = models.ForeignKey(
        USER, verbose_name="发布人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField("发布时间", auto_now_add=True)

    class Meta:
        verbose_name = "履职积分季度公示"
        verbose_name_plural = "履职积分季度公示"
        ordering = ["-year", "-quarter"]
        constraints = [models.UniqueConstraint(fields=["year", "quarter"], name="publication_one_per_quarter")]

    def __str__(self) -> str:
        return f"{self.year}年第{self.quarter}季度履职积分公示"


class UnitAssessmentRule(models.Model):
    """承办单位考核 weights (one row): how the year-end score of a unit is made from its figures."""

    sign_on_time_weight = models.DecimalField("按期签收率权重", max_digits=5, decimal_places=1, default=Decimal("10"))
    on_time_weight = models.DecimalField("按期答复率权重", max_digits=5, decimal_places=1, default=Decimal("30"))
    face_to_face_weight = models.DecimalField("见面率权重", max_digits=5, decimal_places=1, default=Decimal("20"))
    satisfaction_weight = models.DecimalField("满意率权重", max_digits=5, decimal_places=1, default=Decimal("40"))
    returned_reply_penalty = models.DecimalField(
        "每件答复被退回扣分", max_digits=5, decimal_places=1, default=Decimal("1")
    )
    overdue_followup_penalty = models.DecimalField(
        "每项落实事项逾期扣分", max_digits=5, decimal_places=1, default=Decimal("2")
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "承办单位考核权重"
        verbose_name_plural = "承办单位考核权重"

    def __str__(self) -> str:
        return "承办单位考核权重"

    @classmethod
    def current(cls) -> UnitAssessmentRule:
        rule = cls.objects.order_by("pk").first()
        return rule if rule is not None else cls.objects.create()
