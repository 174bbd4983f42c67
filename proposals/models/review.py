"""答复审查 and 跟踪落实: the office's decisions on a reply, and the reply's planned actions."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from proposals.choices import Category, FollowUpStatus, ReviewDecision

USER = settings.AUTH_USER_MODEL


class ReplyReview(models.Model):
    """One decision of the office on a reply: approved, returned with a reason, or its category corrected."""

    reply = models.ForeignKey("proposals.Reply", verbose_name="答复", on_delete=models.CASCADE, related_name="reviews")
    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="reply_reviews"
    )
    unit = models.ForeignKey("units.Unit", verbose_name="答复单位", on_delete=models.PROTECT, related_name="+")
    decision = models.CharField("审查结果", max_length=10, choices=ReviewDecision.choices)
    reason = models.TextField("理由", blank=True)
    from_category = models.CharField("原答复类别", max_length=1, choices=Category.choices, blank=True)
    to_category = models.CharField("更正为", max_length=1, choices=Category.choices, blank=True)
    # What the unit had submitted when it was returned (the returned version is kept, it is not a reply).
    submitted_on = models.DateField("该版本提交日期", null=True, blank=True)
    snapshot = models.JSONField("退回的版本", default=dict, blank=True)
    decided_on = models.DateField("审查日期", db_index=True)
    decided_by = models.ForeignKey(USER, verbose_name="审查人", on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField("审查时间", auto_now_add=True)

    class Meta:
        verbose_name = "答复审查记录"
        verbose_name_plural = "答复审查记录"
        ordering = ["reply_id", "decided_at", "id"]
        indexes = [models.Index(fields=["decision", "decided_on"], name="reply_review_decision_on")]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} {self.decided_on}"


class PlannedAction(models.Model):
    """计划落实事项: one promise of a reply with its 落实时限, tracked (跟踪落实) once the reply is approved."""

    reply = models.ForeignKey(
        "proposals.Reply", verbose_name="答复", on_delete=models.CASCADE, related_name="planned_actions"
    )
    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="planned_actions"
    )
    unit = models.ForeignKey("units.Unit", verbose_name="承办单位", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField("序号", default=1)
    text = models.TextField("计划落实事项")
    due_on = models.DateField("落实时限", db_index=True)
    status = models.CharField("落实情况", max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN)
    report_note = models.TextField("落实情况说明", blank=True)
    reported_on = models.DateField("报告日期", null=True, blank=True)
    reported_by = models.ForeignKey(
        USER, verbose_name="报告人", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField("报告时间", null=True, blank=True)

    class Meta:
        verbose_name = "计划落实事项"
        verbose_name_plural = "计划落实事项"
        ordering = ["reply_id", "position", "id"]
        indexes = [
            # The follow-up lists and reminders: a unit's open promises by due date.
            models.Index(
                fields=["unit", "due_on", "id"],
                name="planned_action_open_due",
                condition=Q(status=FollowUpStatus.OPEN),
            ),
            models.Index(fields=["due_on", "id"], name="planned_action_due"),
        ]

    def __str__(self) -> str:
        return f"{self.text[:30]}（{self.due_on}）"

    @property
    def is_open(self) -> bool:
        return self.status == FollowUpStatus.OPEN
