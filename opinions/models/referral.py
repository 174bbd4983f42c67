"""A lightweight referral of an opinion to a unit (转交办理) — not a 建议, not in the 建议 figures."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class ReferralState(models.TextChoices):
    OPEN = "open", "待答复"
    ANSWERED = "answered", "已答复"


class Referral(models.Model):
    opinion = models.OneToOneField(
        "opinions.Opinion", verbose_name="意见", on_delete=models.CASCADE, related_name="referral"
    )
    unit = models.ForeignKey("units.Unit", verbose_name="承办单位", on_delete=models.PROTECT, related_name="referrals")
    referred_on = models.DateField("转交日期")
    due_on = models.DateField("答复期限", db_index=True)
    request = models.TextField("转办要求", blank=True)
    state = models.CharField("状态", max_length=10, choices=ReferralState.choices, default=ReferralState.OPEN)
    answer = models.TextField("单位答复", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField("版本", default=0, editable=False)

    class Meta:
        verbose_name = "民意转办"
        verbose_name_plural = "民意转办"
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["unit", "state", "due_on", "id"], name="referral_unit_open_due"),
            models.Index(fields=["due_on", "id"], condition=Q(state="open"), name="referral_open_due"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.due_on:%Y-%m-%d}"


class ReferralReminder(models.Model):
    """The ledger of referral reminders: one row per (referral, step, due date), so each goes out once."""

    referral = models.ForeignKey(Referral, verbose_name="转办", on_delete=models.CASCADE, related_name="reminders")
    step = models.CharField("提醒节点", max_length=16)
    due_on = models.DateField("期限")
    sent_on = models.DateField("提醒日期")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "转办提醒记录"
        verbose_name_plural = "转办提醒记录"
        constraints = [
            models.UniqueConstraint(fields=["referral", "step", "due_on"], name="referral_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.referral_id} {self.step} {self.due_on}"
