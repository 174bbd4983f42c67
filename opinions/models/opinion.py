"""Citizens' opinions (民意) and the triage steps taken on them (中端处置)."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class OpinionSource(models.TextChoices):
    RECEPTION = "reception", "站点接待"
    ONLINE = "online", "网上"
    DEPUTY_CODE = "deputy_code", "代表码"
    LETTER = "letter", "来信"
    OTHER = "other", "其他"


class OpinionState(models.TextChoices):
    NEW = "new", "待处置"
    ANSWERED = "answered", "已直接答复"
    REFERRED = "referred", "已转交办理"
    SUGGESTED = "suggested", "已转为建议"
    KEPT = "kept", "留存参考"
    DECLINED = "declined", "不予受理"
    MERGED = "merged", "已合并处理"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class Opinion(models.Model):
    """One opinion from a citizen. Its owner is the station (or, sent to a deputy directly, the deputy)."""

    content = models.TextField("意见内容")
    citizen_name = models.CharField("群众姓名", max_length=50, blank=True)
    citizen_phone = models.CharField("联系电话", max_length=30)
    field = models.CharField("领域", max_length=50, db_index=True)
    area = models.CharField("区域", max_length=100, blank=True, db_index=True)
    source = models.CharField("来源", max_length=12, choices=OpinionSource.choices)
    station = models.ForeignKey(
        "opinions.Station",
        verbose_name="联络站",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
    )
    deputy = models.ForeignKey(
        "deputies.Deputy",
        verbose_name="代表",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
    )
    reception = models.ForeignKey(
        "opinions.Reception",
        verbose_name="接待活动",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
    )
    received_on = models.DateField("收到日期", db_index=True)
    query_code = models.CharField("查询码", max_length=16, unique=True, editable=False)

    state = models.CharField("处置状态", max_length=10, choices=OpinionState.choices, default=OpinionState.NEW)
    merged_into = models.ForeignKey(
        "self", verbose_name="合并至", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_opinions"
    )
    suggestion = models.ForeignKey(
        "proposals.Proposal",
        verbose_name="转成的建议",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_opinions",
    )
    first_response_on = models.DateField("首次处置日期", null=True, blank=True)
    fed_back_on = models.DateField("答复反馈日期", null=True, blank=True)
    released_summary = models.TextField("向群众公布的办理结果", blank=True)
    released_on = models.DateField("公布日期", null=True, blank=True)

    satisfaction = models.CharField("群众评价", max_length=12, choices=Satisfaction.choices, blank=True)
    satisfaction_comment = models.CharField("评价意见", max_length=500, blank=True)
    satisfaction_at = models.DateTimeField("评价时间", null=True, blank=True)

    supervised_by = models.ForeignKey(
        "opinions.Committee",
        verbose_name="督办委员会",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervised_opinions",
    )
    supervised_at = models.DateTimeField("列入督办时间", null=True, blank=True)

    version = models.PositiveIntegerField("版本", default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "群众意见"
        verbose_name_plural = "群众意见"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["station", "-received_on", "-id"], name="opinion_station_day"),
            models.Index(fields=["deputy", "-received_on", "-id"], name="opinion_deputy_day"),
            models.Index(fields=["field", "-received_on", "-id"], name="opinion_field_day"),
            models.Index(fields=["-received_on", "-id"], name="opinion_day"),
            models.Index(fields=["state"], condition=Q(state="new"), name="opinion_untriaged"),
        ]

    def __str__(self) -> str:
        return f"{self.received_on:%Y-%m-%d} {self.content[:30]}"

    @property
    def short(self) -> str:
        text = " ".join(self.content.split())
        return text if len(text) <= 40 else text[:40] + "…"

    @property
    def code_display(self) -> str:
        code = self.query_code
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


class TriageStep(models.Model):
    """One step on an opinion, each with a reason and a date; the citizen sees them on the query page."""

    class Decision(models.TextChoices):
        ANSWER = "answer", "直接答复"
        REFER = "refer", "转交办理"
        SUGGEST = "suggest", "转为建议"
        KEEP = "keep", "留存参考"
        DECLINE = "decline", "不予受理"
        MERGE = "merge", "合并处理"
        UNIT_REPLY = "unit_reply", "承办单位答复"
        RELEASE = "release", "公布办理结果"

    opinion = models.ForeignKey(Opinion, verbose_name="意见", on_delete=models.CASCADE, related_name="steps")
    decision = models.CharField("处置方式", max_length=12, choices=Decision.choices)
    reason = models.TextField("理由")
    answer = models.TextField("答复内容", blank=True)
    decided_on = models.DateField("处置日期")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="处置人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_label = models.CharField("处置方", max_length=100, blank=True)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "处置记录"
        verbose_name_plural = "处置记录"
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} {self.decided_on:%Y-%m-%d}"
