"""The notification outbox and the reminder ledger.

A ``Notification`` is written in the same transaction as the event that causes it; its
``Delivery`` rows (one per channel) record whether it reached the user in the platform, by
e-mail and by SMS. A ``ReminderLog`` row is the unique record that one deadline reminder was
sent, so the reminder scan can run twice, or on two machines at once, and send it only once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Kind(models.TextChoices):
    ASSIGNED = "assigned", "新交办"
    SUPERVISION = "supervision", "督办"
    REPLY = "reply", "收到答复"
    CLOSED = "closed", "办结"
    ADJUSTMENT = "adjustment", "调整申请"
    EXTENSION = "extension", "延期申请"
    MEETING = "meeting", "见面请求"
    REHANDLING = "rehandling", "重新办理"
    DUE_CHANGED = "due_changed", "期限变更"
    REVIEW = "review", "答复审查"
    FOLLOWUP = "followup", "跟踪落实"
    REMINDER = "reminder", "期限提醒"
    OVERDUE = "overdue", "超期催办"
    DIGEST = "digest", "超期汇总"
    REPORT = "report", "统计报告"
    COSIGN = "cosign", "附议"
    SYSTEM = "system", "系统提示"


# What the bell counts: notices that ask for an action not yet done, and other notices not yet read.
TODO = Q(action_key__gt="", resolved_at__isnull=True) | Q(action_key="", read_at__isnull=True)


class Notification(models.Model):
    """One message to one user.

    A notice that asks for an action (sign, answer, decide a request…) carries the ``action_key``
    of that action and is resolved when the action is done, by whoever does it; reading it does
    not make it go away. The bell counts what still needs doing (``TODO``).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    link = models.CharField("链接", max_length=300, blank=True)
    reminder = models.ForeignKey(
        "notifications.ReminderLog",
        verbose_name="提醒记录",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    action_key = models.CharField("待办事项", max_length=40, blank=True, default="")
    resolved_at = models.DateTimeField("办理完成时间", null=True, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_time"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_recipient_unread"),
            models.Index(fields=["recipient", "-created_at"], condition=TODO, name="notification_recipient_todo"),
            models.Index(
                fields=["action_key"],
                condition=Q(action_key__gt="", resolved_at__isnull=True),
                name="notification_open_action",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def asks_for_action(self) -> bool:
        return bool(self.action_key)

    @property
    def is_todo(self) -> bool:
        return self.resolved_at is None if self.action_key else self.read_at is None


class Channel(models.TextChoices):
    INAPP = "inapp", "站内"
    EMAIL = "email", "电子邮件"
    SMS = "sms", "短信"


class DeliveryState(models.TextChoices):
    PENDING = "pending", "待发送"
    SENDING = "sending", "发送中"
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"


class Delivery(models.Model):
    """One channel of one notification: its state, attempts and when it went out.

    The in-app channel is delivered by the commit that writes the notification; e-mail and SMS
    are sent by a task that claims the row with a conditional UPDATE (``pending`` → ``sending``)
    and marks it ``sent`` only if its claim still holds.
    """

    notification = models.ForeignKey(
        Notification, verbose_name="通知", on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField("渠道", max_length=8, choices=Channel.choices)
    address = models.CharField("地址", max_length=254, blank=True)
    state = models.CharField("状态", max_length=8, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    next_attempt_at = models.DateTimeField("下次尝试时间", null=True, blank=True)
    claimed_until = models.DateTimeField("占用至", null=True, blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    last_error = models.TextField("错误信息", blank=True)

    class Meta:
        verbose_name = "通知发送"
        verbose_name_plural = "通知发送"
        ordering = ["notification_id", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_one_per_channel"),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state__in=["pending", "sending"]),
                name="delivery_open_next_attempt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notification} · {self.get_channel_display()} · {self.get_state_display()}"


class ReminderKind(models.TextChoices):
    SIGN = "sign", "签收期限"
    CO_OPINION = "co_opinion", "协办意见期限"
    REPLY = "reply", "答复期限"
    REHANDLE = "rehandle", "重新办理期限"
    EVALUATION = "evaluation", "评价期限"
    FOLLOWUP = "followup", "落实时限"
    DIGEST = "digest", "超期日报"
    CALENDAR = "calendar", "工作日历检查"


class ReminderLog(models.Model):
    """The ledger of reminders sent. Its unique keys make every reminder go out exactly once.

    Key: (assignment, kind, round, step, due date) for a unit's clock; (proposal, kind, round,
    step, due date) for the deputy's evaluation window; (kind, step, date) for the office's daily
    digest and checks. The due date is part of the key, so an extension starts a fresh series.
    """

    kind = models.CharField("类别", max_length=12, choices=ReminderKind.choices)
    step = models.CharField("提醒节点", max_length=16)
    round = models.PositiveSmallIntegerField("办理轮次", default=1)
    due_on = models.DateField("期限")
    assignment = models.ForeignKey(
        "proposals.Assignment",
        verbose_name="交办记录",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name="议案建议",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    planned_action = models.ForeignKey(
        "proposals.PlannedAction",
        verbose_name="计划落实事项",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_on = models.DateField("提醒日期")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "提醒记录"
        verbose_name_plural = "提醒记录"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "kind", "round", "step", "due_on"],
                condition=Q(assignment__isnull=False),
                name="reminder_once_per_assignment_step",
            ),
            models.UniqueConstraint(
                fields=["proposal", "kind", "round", "step", "due_on"],
                condition=Q(assignment__isnull=True, proposal__isnull=False, planned_action__isnull=True),
                name="reminder_once_per_proposal_step",
            ),
            models.UniqueConstraint(
                fields=["planned_action", "step", "due_on"],
                condition=Q(planned_action__isnull=False),
                name="reminder_once_per_followup_step",
            ),
            models.UniqueConstraint(
                fields=["kind", "step", "due_on"],
                condition=Q(assignment__isnull=True, proposal__isnull=True),
                name="reminder_once_per_office_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.step} {self.due_on}"
