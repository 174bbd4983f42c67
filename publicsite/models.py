"""公开: an item the deputy agreed to publish, from the day it is due to appear on the public pages.

The public pages reach an item only by its ``slug``, a random token: ids, which would let anyone count
or guess unpublished items, never appear there.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q


def new_slug() -> str:
    return secrets.token_urlsafe(12)


class Publication(models.Model):
    proposal = models.OneToOneField(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="publication"
    )
    slug = models.CharField("公开链接标识", max_length=24, unique=True, default=new_slug, editable=False)
    publish_on = models.DateField("公开日期")
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撤回人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdraw_reason = models.TextField("撤回理由", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "公开信息"
        verbose_name_plural = "公开信息"
        indexes = [
            # The public list: live publications, newest first.
            models.Index(
                fields=["-publish_on", "-id"], name="publication_live", condition=Q(withdrawn_at__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} 公开于 {self.publish_on}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
