from django.conf import settings
from django.db import models

from proposals.choices import SupervisionKind


class SupervisionAction(models.Model):
    """A formal supervision step (催办 → 督办通知 → 整改通知书), numbered per kind and year."""

    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="supervision_actions"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="被督办单位", on_delete=models.PROTECT, related_name="supervision_actions"
    )
    kind = models.CharField("督办方式", max_length=16, choices=SupervisionKind.choices)
    year = models.PositiveSmallIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    content = models.TextField("督办内容")
    due_on = models.DateField("反馈期限", db_index=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签发人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_on = models.DateField("签发日期")
    acknowledged_at = models.DateTimeField("签收时间", null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签收人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    response = models.TextField("反馈情况", blank=True)

    class Meta:
        verbose_name = "督办措施"
        verbose_name_plural = "督办措施"
        ordering = ["issued_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "serial"], name="supervision_unique_number"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        from proposals.choices import SUPERVISION_PREFIX

        return f"{SUPERVISION_PREFIX[self.kind]}〔{self.year}〕{self.serial}号"
