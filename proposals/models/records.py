"""What happens during handling: replies, co-unit opinions, contacts, progress, evaluations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from files.names import stored_base_name
from proposals.choices import (
    FACE_TO_FACE_METHODS,
    Adoption,
    AssistChannel,
    Category,
    ContactMethod,
    Rating,
    ReviewStatus,
)

USER = settings.AUTH_USER_MODEL


class Reply(models.Model):
    """The written answer (答复函) of one answering unit in one round."""

    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="replies"
    )
    assignment = models.ForeignKey(
        "proposals.Assignment", verbose_name="交办记录", on_delete=models.CASCADE, related_name="replies"
    )
    unit = models.ForeignKey("units.Unit", verbose_name="答复单位", on_delete=models.PROTECT, related_name="replies")
    round = models.PositiveSmallIntegerField("轮次", default=1)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    signer = models.CharField("签发人", max_length=50, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    body = models.TextField("答复内容", blank=True)
    done_items = models.TextField("已落实事项", blank=True)
    not_adopted_reason = models.TextField("未采纳或暂不能落实的理由", blank=True)
    adoption = models.CharField("采纳情况", max_length=12, choices=Adoption.choices, blank=True)
    category = models.CharField("答复类别", max_length=1, choices=Category.choices)
    file = models.FileField("答复函文件", upload_to="replies/%Y/%m/", blank=True)
    file_name = models.CharField("答复函文件名", max_length=255, blank=True, help_text="上传时的原文件名，下载时使用")
    replied_on = models.DateField("答复日期", db_index=True)
    # 答复审查: a reply entered while the office reviews replies waits as 待审查; imported ones are approved.
    review_status = models.CharField(
        "审查状态", max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.APPROVED, db_index=True
    )
    released_at = models.DateTimeField("送达代表时间", null=True, blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name="提交人", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "答复"
        verbose_name_plural = "答复"
        ordering = ["proposal_id", "round", "replied_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "round"], name="reply_one_per_assignment_round"),
        ]
        indexes = [
            # The statistics' reply category as of a day: an item's latest reply of record by then, read
            # from the index alone.
            models.Index(
                fields=["proposal", "replied_on", "round", "id"],
                include=["category"],
                condition=models.Q(review_status=ReviewStatus.APPROVED),
                name="reply_of_record_latest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} 第{self.round}轮答复（{self.category}类）"

    @property
    def is_of_record(self) -> bool:
        """The approved version is the reply of record; a pending or returned one is not a reply yet."""
        return self.review_status == ReviewStatus.APPROVED

    @property
    def download_name(self) -> str:
        return self.file_name or stored_base_name(self.file.name)


class CoOpinion(models.Model):
    """A co-unit's opinion, sent to the lead unit."""

    assignment = models.OneToOneField(
        "proposals.Assignment", verbose_name="协办记录", on_delete=models.CASCADE, related_name="opinion"
    )
    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="co_opinions"
    )
    unit = models.ForeignKey("units.Unit", verbose_name="协办单位", on_delete=models.PROTECT, related_name="+")
    body = models.TextField("协办意见")
    file = models.FileField("附件", upload_to="opinions/%Y/%m/", blank=True)
    file_name = models.CharField("附件文件名", max_length=255, blank=True, help_text="上传时的原文件名，下载时使用")
    sent_on = models.DateField("提交日期")
    created_by = models.ForeignKey(
        USER, verbose_name="提交人", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "协办意见"
        verbose_name_plural = "协办意见"

    def __str__(self) -> str:
        return f"{self.unit} 协办意见"

    @property
    def download_name(self) -> str:
        return self.file_name or stored_base_name(self.file.name)


class Contact(models.Model):
    """A logged contact between a unit and the deputy (沟通)."""

    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="contacts"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="单位", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    method = models.CharField("沟通方式", max_length=12, choices=ContactMethod.choices)
    contacted_on = models.DateField("沟通日期", db_index=True)
    participants = models.CharField("参加人员", max_length=200, blank=True)
    summary = models.TextField("沟通情况", blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name="记录人", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "沟通记录"
        verbose_name_plural = "沟通记录"
        ordering = ["contacted_on", "id"]
        indexes = [
            # The statistics' 见面 figures: whether an item (and which unit) met its deputy face to face by a day.
            models.Index(
                fields=["proposal", "contacted_on"],
                include=["unit"],
                condition=models.Q(method__in=FACE_TO_FACE_METHODS),
                name="contact_face_to_face",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.contacted_on}"


class ProgressNote(models.Model):
    """A dated progress entry the deputy can see (办理进展)."""

    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="progress_notes"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="单位", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    noted_on = models.DateField("日期")
    body = models.TextField("进展情况")
    created_by = models.ForeignKey(
        USER, verbose_name="记录人", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "办理进展"
        verbose_name_plural = "办理进展"
        ordering = ["noted_on", "id"]

    def __str__(self) -> str:
        return f"{self.noted_on} {self.body[:20]}"


class Evaluation(models.Model):
    """The deputy's rating of one round's handling: attitude and result."""

    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="evaluations"
    )
    round = models.PositiveSmallIntegerField("轮次", default=1)
    deputy = models.ForeignKey("deputies.Deputy", verbose_name="评价代表", on_delete=models.PROTECT, related_name="+")
    attitude = models.CharField("办理态度", max_length=12, choices=Rating.choices)
    result = models.CharField("办理结果", max_length=12, choices=Rating.choices)
    reason = models.TextField("意见和理由", blank=True)
    evaluated_on = models.DateField("评价日期", db_index=True)
    # 代为录入: the office entered the rating for a deputy who cannot go online.
    assisted_channel = models.CharField("代为录入方式", max_length=10, choices=AssistChannel.choices, blank=True)
    assisted_reason = models.TextField("代为录入原因", blank=True)
    entered_by = models.ForeignKey(
        USER, verbose_name="录入人", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "评价"
        verbose_name_plural = "评价"
        ordering = ["proposal_id", "round"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "round"], name="evaluation_one_per_round"),
        ]
        indexes = [
            # The statistics' first and final ratings as of a day, read from the index alone.
            models.Index(
                fields=["proposal", "round"], include=["evaluated_on", "result"], name="evaluation_as_of_cover"
            ),
        ]

    def __str__(self) -> str:
        return f"第{self.round}轮 {self.get_result_display()}"

    def clean(self) -> None:
        if Rating.UNSATISFIED in (self.attitude, self.result) and not self.reason.strip():
            raise ValidationError({"reason": "评价为不满意时必须填写理由"})

    @property
    def is_assisted(self) -> bool:
        return bool(self.assisted_channel)


class CoSignerEvaluation(models.Model):
    """A co-signing deputy's own rating of a round. Shown to the office and counted apart: the lead's
    rating stays the rating of record."""

    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="co_signer_evaluations"
    )
    round = models.PositiveSmallIntegerField("轮次", default=1)
    deputy = models.ForeignKey("deputies.Deputy", verbose_name="附议代表", on_delete=models.PROTECT, related_name="+")
    attitude = models.CharField("办理态度", max_length=12, choices=Rating.choices)
    result = models.CharField("办理结果", max_length=12, choices=Rating.choices)
    reason = models.TextField("意见和理由", blank=True)
    evaluated_on = models.DateField("评价日期", db_index=True)
    # 代为录入: the office entered the co-signer's rating for a deputy who cannot go online.
    assisted_channel = models.CharField("代为录入方式", max_length=10, choices=AssistChannel.choices, blank=True)
    assisted_reason = models.TextField("代为录入原因", blank=True)
    entered_by = models.ForeignKey(
        USER, verbose_name="录入人", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "附议代表评价"
        verbose_name_plural = "附议代表评价"
        ordering = ["proposal_id", "round", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "round", "deputy"], name="co_signer_evaluation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} 第{self.round}轮 {self.get_result_display()}"

    @property
    def is_assisted(self) -> bool:
        return bool(self.assisted_channel)


class MeetingRequest(models.Model):
    """A deputy's request for a face-to-face meeting with the handling unit."""

    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="meeting_requests"
    )
    deputy = models.ForeignKey("deputies.Deputy", verbose_name="代表", on_delete=models.PROTECT, related_name="+")
    message = models.TextField("希望沟通的内容")
    created_at = models.DateTimeField("提出时间", auto_now_add=True)
    answered_at = models.DateTimeField("安排时间", null=True, blank=True)

    class Meta:
        verbose_name = "见面沟通请求"
        verbose_name_plural = "见面沟通请求"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "deputy"],
                condition=models.Q(answered_at__isnull=True),
                name="meeting_request_one_open_per_deputy",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} 请求见面"
