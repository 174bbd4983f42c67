"""附议邀请: a deputy invited to co-sign an item, who accepts or declines before the office's deadline.

``Proposal.co_signers`` holds the co-signers who count: those who accepted an invitation, and
those recorded by office staff or a ledger import (signed on paper). An invitation that is still
pending, declined, expired or withdrawn does not put the deputy on the item.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class InvitationState(models.TextChoices):
    PENDING = "pending", "待确认"
    ACCEPTED = "accepted", "已同意附议"
    DECLINED = "declined", "已谢绝"
    WITHDRAWN = "withdrawn", "已取消邀请"


class CoSignInvitation(models.Model):
    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="cosign_invitations"
    )
    deputy = models.ForeignKey(
        "deputies.Deputy", verbose_name="受邀代表", on_delete=models.PROTECT, related_name="cosign_invitations"
    )
    state = models.CharField("状态", max_length=10, choices=InvitationState.choices, default=InvitationState.PENDING)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="邀请人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField("邀请时间")
    expires_at = models.DateTimeField("确认截止")
    decided_at = models.DateTimeField("答复时间", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "附议邀请"
        verbose_name_plural = "附议邀请"
        ordering = ["invited_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "deputy"], name="cosign_invitation_once_per_deputy"),
        ]
        indexes = [
            models.Index(
                fields=["deputy", "expires_at"],
                condition=Q(state="pending"),
                name="cosign_invitation_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.proposal} · {self.get_state_display()}"

    @property
    def is_expired(self) -> bool:
        return self.state == InvitationState.PENDING and self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        return self.state == InvitationState.PENDING and not self.is_expired

    @property
    def status_label(self) -> str:
        return "已过期" if self.is_expired else self.get_state_display()
